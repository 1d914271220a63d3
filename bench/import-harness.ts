import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { createApp } from '../src/bootstrap/create-app';
import { loadConfig } from '../src/config/load-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { submitConsent } from '../test/fakes/consent-form.client';
import { Closers } from './bench-run';
import { BenchAccountShape, FAKE_ACCOUNT_ID, FakeMetaProcess } from './meta-fake-account';

export const ADMIN_API_TOKEN = 'bench-admin-token-123456';
const PUBLIC_URL = 'http://adlyft.bench:3999';
const STATE_FILE = 'bench-import-state.json';
const POLL_MS = 250;
const RSS_SAMPLE_MS = 100;
const BYTES_PER_MB = 1024 * 1024;

export function log(message: string): void {
  console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}`);
}

/** Where the imported database is kept between `bench:import` and `bench` (BENCH_DATA_DIR). */
export function benchDataDir(): string {
  return process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'adlyft-bench-import');
}

/** What `bench:import` leaves for the local insights benchmark. */
export interface ImportedAccount {
  apiKey: string;
  teamId: string;
  adAccountUuid: string;
  accountId: string;
  shape: BenchAccountShape;
  /** The import's last day (the account's today). */
  until: string;
}

export function saveImportedAccount(dataDir: string, account: ImportedAccount): void {
  fs.writeFileSync(path.join(dataDir, STATE_FILE), JSON.stringify(account, null, 2));
}

export function loadImportedAccount(dataDir: string): ImportedAccount | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')) as ImportedAccount;
  } catch {
    return undefined;
  }
}

export { Closers };

export interface BenchApp {
  app: NestFastifyApplication;
  url: string;
  databaseUrl: string;
}

/**
 * PostgreSQL (DATABASE_URL, or an embedded server in `dataDir`) and the app in this process, with its import worker
 * (WORKERS=1), talking to the Meta fake.
 */
export async function startBenchApp(dataDir: string, meta: Pick<FakeMetaProcess, 'url' | 'appId' | 'appSecret'> | undefined, closers: Closers, fresh: boolean): Promise<BenchApp> {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
    log(`Starting embedded PostgreSQL in ${dataDir}`);
    const db = await startEmbeddedPostgres(dataDir, log);
    closers.add('embedded PostgreSQL', () => db.stop());
    databaseUrl = db.url;
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'x'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    ADMIN_API_TOKEN,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    PUBLIC_URL,
    RATE_LIMIT_TENANT_PER_MINUTE: '0',
    RATE_LIMIT_USER_PER_MINUTE: '0',
    ...(meta ? { META_APP_ID: meta.appId, META_APP_SECRET: meta.appSecret, META_GRAPH_URL: meta.url, META_DIALOG_URL: meta.url } : {}),
  });
  const app = await createApp(config, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  closers.add('app', () => app.close());
  return { app, url: await app.getUrl(), databaseUrl };
}

async function call<T>(baseUrl: string, method: string, urlPath: string, expected: number, headers: Record<string, string>, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${method} ${urlPath} answered ${response.status}, expected ${expected}: ${text}`);
  return (JSON.parse(text) as { data: T }).data;
}

export async function accessToken(baseUrl: string, apiKey: string, externalUserId = 'owner'): Promise<string> {
  return (await call<{ accessToken: string }>(baseUrl, 'POST', '/api/v1/auth/token', 201, { 'x-api-key': apiKey }, { externalUserId })).accessToken;
}

export function userHeaders(apiKey: string, token: string): Record<string, string> {
  return { 'x-api-key': apiKey, authorization: `Bearer ${token}` };
}

/** A tenant, a workspace (its owner is ADMIN of the default team) and the fake's ad account connected through OAuth. */
export async function connectBenchAccount(baseUrl: string): Promise<{ apiKey: string; teamId: string }> {
  const { apiKey } = await call<{ apiKey: string }>(baseUrl, 'POST', '/api/v1/admin/tenants', 201, { authorization: `Bearer ${ADMIN_API_TOKEN}` }, { name: 'Bench' });
  const headers = userHeaders(apiKey, await accessToken(baseUrl, apiKey));
  await call(baseUrl, 'POST', '/api/v1/workspace', 201, headers, { enterpriseId: 'bench', workspaceName: 'Bench' });
  const teams = await call<{ id: string }[]>(baseUrl, 'POST', '/api/v1/teams/get-all', 200, headers, { enterpriseId: 'bench' });
  const teamId = teams[0].id;
  const { authUrl } = await call<{ authUrl: string }>(baseUrl, 'POST', '/api/v1/connections', 201, headers, { platform: 'meta', teamId });
  const consent = await submitConsent(authUrl);
  if (consent.status !== 302 || !consent.location) throw new Error(`the fake's consent answered ${consent.status}: ${consent.body.slice(0, 300)}`);
  const callback = new URL(consent.location);
  const landed = await fetch(`${baseUrl}${callback.pathname}${callback.search}`, { redirect: 'manual' });
  const page = await landed.text();
  if (landed.status >= 400 || /error/i.test(landed.headers.get('location') ?? '')) throw new Error(`connecting failed: ${landed.status} ${page.slice(0, 300)}`);
  return { apiKey, teamId };
}

/** Samples this process's RSS (and V8's used heap) until stopped; `at()` is the peak RSS so far. */
export function startRssSampler(): { stop(): number; peakHeapMb(): number; at(): number } {
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, RSS_SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / BYTES_PER_MB;
    },
    peakHeapMb: () => peakHeap / BYTES_PER_MB,
    at: () => peak / BYTES_PER_MB,
  };
}

export interface StepTiming {
  step: string;
  /** Seconds from the import request to the first and the last change of the step's progress seen. */
  firstSeenS: number;
  lastChangeS: number;
  done: number;
  /** Peak RSS of the process (MB) seen while this step's progress was moving. */
  peakRssMb: number;
}

export interface ImportMeasurement {
  importId: string;
  status: string;
  wallSeconds: number;
  platformCalls: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  steps: StepTiming[];
  error?: unknown;
}

/** Asks for a full import and polls its status every 250 ms to the end, sampling RSS meanwhile. */
export async function runImport(baseUrl: string, apiKey: string, teamId: string, fake: FakeMetaProcess | undefined): Promise<ImportMeasurement> {
  const headers = userHeaders(apiKey, await accessToken(baseUrl, apiKey));
  fake?.mark();
  const sampler = startRssSampler();
  const started = Date.now();
  const { importId } = await call<{ importId: string }>(baseUrl, 'GET', `/api/v1/${teamId}/meta/import?adAccountId=act_${FAKE_ACCOUNT_ID}&mode=full`, 202, headers);
  const steps = new Map<string, StepTiming>();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const status = await call<{ status: string; platformCalls: number; progress: Record<string, { done: number }>; error?: unknown }>(
      baseUrl,
      'GET',
      `/api/v1/${teamId}/imports/${importId}`,
      200,
      headers,
    );
    const at = (Date.now() - started) / 1000;
    for (const [step, progress] of Object.entries(status.progress ?? {})) {
      const seen = steps.get(step);
      const rss = process.memoryUsage().rss / 1024 / 1024;
      if (!seen) steps.set(step, { step, firstSeenS: at, lastChangeS: at, done: progress.done, peakRssMb: rss });
      else if (seen.done !== progress.done) Object.assign(seen, { lastChangeS: at, done: progress.done, peakRssMb: Math.max(seen.peakRssMb, rss) });
    }
    if (status.status === 'succeeded' || status.status === 'failed') {
      return {
        importId,
        status: status.status,
        wallSeconds: (Date.now() - started) / 1000,
        platformCalls: status.platformCalls,
        peakRssMb: sampler.stop(),
        peakHeapUsedMb: sampler.peakHeapMb(),
        steps: [...steps.values()],
        error: status.error,
      };
    }
  }
}

export interface CopyCounts {
  adAccountUuid: string;
  objects: Record<'meta_campaigns' | 'meta_adsets' | 'meta_ads' | 'meta_adcreatives', number>;
  insightsByBreakdown: Record<string, number>;
  seriesRows: number;
}

/** Rows of the account's copy, counted in the database. */
export async function countCopy(databaseUrl: string, teamId: string): Promise<CopyCounts> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const account = await client.query<{ id: string }>(`SELECT id FROM ad_accounts WHERE account_id = $1 AND team_id = $2`, [FAKE_ACCOUNT_ID, teamId]);
    const id = account.rows[0].id;
    const objects = {} as CopyCounts['objects'];
    for (const table of ['meta_campaigns', 'meta_adsets', 'meta_ads', 'meta_adcreatives'] as const) {
      objects[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table} WHERE ad_account_id = $1`, [id])).rows[0].n);
    }
    const insights = await client.query<{ breakdown: string; n: string }>(
      `SELECT breakdown, count(*) AS n FROM meta_campaign_insights WHERE ad_account_id = $1 GROUP BY breakdown ORDER BY breakdown`,
      [id],
    );
    const totals = await client.query<{ n: string }>(`SELECT count(*) AS n FROM meta_campaign_insight_series WHERE ad_account_id = $1`, [id]);
    return {
      adAccountUuid: id,
      objects,
      insightsByBreakdown: Object.fromEntries(insights.rows.map((row) => [row.breakdown, Number(row.n)])),
      seriesRows: Number(totals.rows[0].n),
    };
  } finally {
    await client.end();
  }
}
