import { Closers } from './bench-run';

export { Closers };
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/bootstrap/create-app';
import { loadConfig } from '../src/config/load-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { seedThroughApi, SeededTeam } from './seed-through-api';

export const ADMIN_API_TOKEN = 'bench-admin-token-123456';


export interface BenchApp {
  app: NestFastifyApplication;
  url: string;
  /** The embedded PostgreSQL cluster's directory (its postmaster.pid names the server). */
  clusterDir: string;
  seeded: SeededTeam;
  /** GET /api/v1/teams/{id} as the seeded MEMBER. */
  teamDetailTarget: { url: string; headers: Record<string, string> };
}

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}


async function startApp(databaseUrl: string, dataDir: string, logLevel: string): Promise<NestFastifyApplication> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'x'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    ADMIN_API_TOKEN,
    LOG_LEVEL: logLevel,
    DATA_DIR: dataDir,
    // The limiter runs (its cost is part of the measurement) but never refuses: one tenant drives the whole load.
    RATE_LIMIT_TENANT_PER_MINUTE: '10000000',
    RATE_LIMIT_USER_PER_MINUTE: '10000000',
  });
  const app = await createApp(config, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function assertAnswers200(target: { url: string; headers: Record<string, string> }): Promise<void> {
  const response = await fetch(target.url, { headers: target.headers });
  if (response.status !== 200) throw new Error(`GET ${target.url} answered ${response.status}: ${await response.text()}`);
}

/**
 * The app on its own embedded PostgreSQL in a temp directory, seeded through the API with a team of 20 members.
 * The default log level is warn: info would print a JSON line per request to this terminal (the run notes say so).
 */
export async function startSeededApp(closers: Closers, logLevel = 'warn'): Promise<BenchApp> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-bench-'));
  closers.add('temp directory', async () => fs.rmSync(tmpDir, { recursive: true, force: true }));

  log(`Starting embedded PostgreSQL in ${tmpDir}`);
  const db = await startEmbeddedPostgres(tmpDir, log);
  closers.add('embedded PostgreSQL', () => db.stop());

  log('Building the app');
  const app = await startApp(db.url, tmpDir, logLevel);
  closers.add('app', () => app.close());
  const url = await app.getUrl();

  log('Seeding a tenant, a workspace and a team with 20 members through the API');
  const seeded = await seedThroughApi(url, ADMIN_API_TOKEN);
  const teamDetailTarget = {
    url: `${url}/api/v1/teams/${seeded.teamId}`,
    headers: { 'x-api-key': seeded.apiKey, authorization: `Bearer ${seeded.memberAccessToken}` },
  };
  await assertAnswers200(teamDetailTarget);
  return { app, url, clusterDir: path.join(tmpDir, 'postgres'), seeded, teamDetailTarget };
}
