import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/bootstrap/create-app';
import { loadConfig } from '../src/config/load-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { startBareFastify } from './bare-fastify';
import { LoadMeasurement, measureLoad } from './load-run';
import { seedThroughApi, SeededTeam } from './seed-through-api';
import { ratioOf, resultTable, RUN_NOTES, targetLine, ThroughputComparison, writeResultsSection } from './throughput-report';

const ADMIN_API_TOKEN = 'bench-admin-token-123456';
// This file runs compiled from dist-bench/bench/; RESULTS.md lives beside the source.
const RESULTS_PATH = path.join(__dirname, '..', '..', 'bench', 'RESULTS.md');

type Closer = () => Promise<void>;
const closers: { name: string; close: Closer }[] = [];

function onExitClose(name: string, close: Closer): void {
  closers.push({ name, close });
}

/** Closes in reverse order of opening; one failure must not leave the database server running. */
async function closeAll(): Promise<void> {
  while (closers.length > 0) {
    const { name, close } = closers.pop()!;
    await close().catch((error: unknown) => console.error(`Closing ${name} failed:`, error));
  }
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

async function startApp(databaseUrl: string, dataDir: string): Promise<NestFastifyApplication> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'x'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    ADMIN_API_TOKEN,
    // info would print a JSON line per request to this terminal; the run notes say it is off.
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    // One tenant, 50 connections: the limits would refuse most of the run; measured here is the route, not the limiter.
    RATE_LIMIT_TENANT_PER_MINUTE: '0',
    RATE_LIMIT_USER_PER_MINUTE: '0',
  });
  const app = await createApp(config, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

function teamDetailTarget(baseUrl: string, seeded: SeededTeam) {
  return {
    url: `${baseUrl}/api/v1/teams/${seeded.teamId}`,
    headers: { 'x-api-key': seeded.apiKey, authorization: `Bearer ${seeded.memberAccessToken}` },
  };
}

async function assertAnswers200(target: { url: string; headers: Record<string, string> }): Promise<void> {
  const response = await fetch(target.url, { headers: target.headers });
  if (response.status !== 200) throw new Error(`GET ${target.url} answered ${response.status}: ${await response.text()}`);
}

function transportProblems(label: string, measurement: LoadMeasurement): string[] {
  const problems: string[] = [];
  if (measurement.non2xx > 0) problems.push(`${label}: ${measurement.non2xx} non-2xx responses`);
  if (measurement.errors > 0) problems.push(`${label}: ${measurement.errors} connection errors`);
  if (measurement.timeouts > 0) problems.push(`${label}: ${measurement.timeouts} timeouts`);
  return problems;
}

function printReport(comparison: ThroughputComparison): void {
  console.log('');
  for (const line of resultTable(comparison)) console.log(line);
  console.log('');
  console.log(`Ratio a/b of requests/s: ${ratioOf(comparison).toFixed(3)}`);
  console.log(targetLine(comparison));
  for (const note of RUN_NOTES) console.log(`Note: ${note}`);
  console.log('');
}

async function runBenchmark(): Promise<void> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-bench-'));
  onExitClose('temp directory', async () => fs.rmSync(tmpDir, { recursive: true, force: true }));

  log(`Starting embedded PostgreSQL in ${tmpDir}`);
  const db = await startEmbeddedPostgres(tmpDir, log);
  onExitClose('embedded PostgreSQL', () => db.stop());

  log('Building the app');
  const app = await startApp(db.url, tmpDir);
  onExitClose('app', () => app.close());
  const appUrl = await app.getUrl();

  log('Seeding a tenant, a workspace and a team with 20 members through the API');
  const seeded = await seedThroughApi(appUrl, ADMIN_API_TOKEN);
  const appTarget = teamDetailTarget(appUrl, seeded);
  await assertAnswers200(appTarget);

  const bare = await startBareFastify();
  onExitClose('bare Fastify', () => bare.close());

  log(`(a) Measuring GET /api/v1/teams/${seeded.teamId} on the app`);
  const appMeasurement = await measureLoad(appTarget);
  log('(b) Measuring GET / on bare Fastify');
  const bareMeasurement = await measureLoad({ url: bare.url });

  const comparison = { app: appMeasurement, bare: bareMeasurement };
  printReport(comparison);

  if (appMeasurement.non2xx > 0) {
    throw new Error(`(a) answered ${appMeasurement.non2xx} non-2xx responses; the numbers are not valid and RESULTS.md was left alone`);
  }
  const problems = [...transportProblems('(a)', appMeasurement), ...transportProblems('(b)', bareMeasurement)];
  for (const problem of problems) console.warn(`Warning: ${problem}`);

  writeResultsSection(RESULTS_PATH, comparison);
  log(`Wrote the section to ${path.relative(process.cwd(), RESULTS_PATH)}`);
}

process.once('SIGINT', () => {
  log('Interrupted; closing the app and the database');
  void closeAll().finally(() => process.exit(130));
});

runBenchmark()
  .then(async () => {
    await closeAll();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error('[bench] FAILED:', error);
    await closeAll();
    process.exit(1);
  });
