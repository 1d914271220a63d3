import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { submitConsent } from '../fakes/consent-form.client';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { PROJECT_ROOT, RunningProcess, startProcess, waitForHttp } from '../support/spawn-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const MAIN = path.join(PROJECT_ROOT, 'dist/src/main.js');
const ADMIN_TOKEN = 'logs-admin-token-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The built server at debug level, through a whole connect flow and its failures: no secret may reach a log line. */
describe('platform secrets never reach the logs', () => {
  let meta: FakeMetaPlatform;
  let database: TestDatabase;
  let server: RunningProcess;
  let base: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-logs-'));

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error('dist/ is missing: `npm test` builds it first (npm run build)');
    meta = await FakeMetaPlatform.start();
    meta.addUser({ id: '77', name: 'Logan', adAccounts: [{ account_id: '7001', name: 'Logs Inc', currency: 'USD', timezone_name: 'UTC', account_status: 1 }] });
    meta.setInsights('7001', [{ impressions: '10', clicks: '1', spend: '1.5', date_start: '2026-11-01', date_stop: '2026-11-02' }]);
    database = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startProcess('node', [MAIN], {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      ADMIN_API_TOKEN: ADMIN_TOKEN,
      PUBLIC_URL: base,
      META_APP_ID: FAKE_META_APP_ID,
      META_APP_SECRET: FAKE_META_APP_SECRET,
      META_GRAPH_URL: meta.url,
      META_DIALOG_URL: meta.url,
    });
    await waitForHttp(`${base}/api/v1/health`, 60_000);
  });
  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.waitForExit().catch(() => server.child.kill('SIGKILL'));
    }
    await meta.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, route: string, headers: Record<string, string>, body?: unknown) {
    const response = await fetch(`${base}/api/v1${route}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location'), json: text.startsWith('{') ? JSON.parse(text) : undefined };
  }

  it('connects, reads, fails and disconnects without a token, code or app secret in any log line', async () => {
    const tenant = await call('POST', '/admin/tenants', { authorization: `Bearer ${ADMIN_TOKEN}` }, { name: 'Logs', allowedRedirectOrigins: ['https://app.logs.test'] });
    const apiKey = tenant.json.data.apiKey as string;
    const login = await call('POST', '/auth/token', { 'x-api-key': apiKey }, { externalUserId: 'logan' });
    const auth = { 'x-api-key': apiKey, authorization: `Bearer ${login.json.data.accessToken}` };
    await call('POST', '/workspace', auth, { enterpriseId: 'logs', workspaceName: 'Logs' });
    const created = await call('POST', '/connections', auth, { platform: 'meta', workspaceId: 'logs', redirect: 'https://app.logs.test/done' });
    const consent = await submitConsent(created.json.data.authUrl);
    const callbackUrl = new URL(consent.location!);
    const code = callbackUrl.searchParams.get('code')!;
    const done = await fetch(callbackUrl, { redirect: 'manual' });
    expect(new URL(done.headers.get('location')!).searchParams.get('status')).toBe('success');

    const list = await call('GET', '/connections', auth);
    const accountId = list.json.data.data[0].adsAccounts[0].id as string;
    const insightsRoute = `/connections/${accountId}/insights?start_date=2026-11-01&end_date=2026-11-02&metrics=impressions,spend`;
    expect((await call('GET', insightsRoute, auth)).status).toBe(200);
    meta.failNext('server-error', 5);
    expect((await call('GET', insightsRoute, auth)).status).toBe(502);
    meta.expireAllTokens();
    expect((await call('GET', insightsRoute, auth)).status).toBe(424);
    expect((await call('DELETE', `/connections/${list.json.data.data[0].id}/disconnect`, auth)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = server.output();
    expect(logs).toContain('Connection saved');
    const secrets = [...meta.accessTokenOf('77'), code, FAKE_META_APP_SECRET, apiKey, login.json.data.accessToken];
    expect(secrets.length).toBeGreaterThan(4);
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
