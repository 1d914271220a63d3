import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET } from '../fakes/meta-platform.fake';
import { TEST_PUBLIC_URL } from '../support/connect-flow';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';
import { PROJECT_ROOT, RunningProcess, startProcess } from '../support/spawn-process';
import { startTestApp, TEST_ENCRYPTION_KEY, TEST_JWT_SECRET, TestApp } from '../support/test-app';

const WORKER = path.join(PROJECT_ROOT, 'dist/src/worker.js');
const ACCOUNT = '5001';
const CAMPAIGNS = 300;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * An API-only replica (WORKERS=0) enqueues; a worker process (`npm run worker`'s entry) runs the import and is
 * killed with SIGKILL mid-way; a second app on the same database finishes it from the last committed page.
 */
describe('Meta import: a worker that dies or stops mid-import', () => {
  let f: MetaTeamFixture;
  let worker: RunningProcess | undefined;
  let second: TestApp | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-worker-'));

  beforeAll(async () => {
    if (!fs.existsSync(WORKER)) throw new Error('dist/ is missing: `npm test` builds it first (npm run build)');
    f = await startMetaTeam(
      { id: '951', name: 'Linus', adAccounts: [{ account_id: ACCOUNT, name: 'Main', currency: 'EUR', timezone_name: 'Europe/Paris', account_status: 1 }] },
      { WORKERS: '0' },
    );
    f.meta.pageSize = 50;
    f.meta.setAccountObjects(ACCOUNT, {
      campaigns: Array.from({ length: CAMPAIGNS }, (_, i) => ({ id: String(620000 + i), name: `C${i}`, status: 'ACTIVE', daily_budget: '700', updated_time: '2026-01-02T00:00:00+0000' })),
      adsets: [{ id: '720000', name: 'S', campaign_id: '620000', status: 'ACTIVE' }],
    });
  });
  afterAll(async () => {
    if (worker && worker.child.exitCode === null) worker.child.kill('SIGKILL');
    f.meta.releaseHold();
    await second?.close();
    await f.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after the last committed page, with exact counts and no duplicates', async () => {
    // Pages 1 and 2 of campaigns commit; the 3rd call never answers.
    f.meta.holdAtCall(3);
    const started = await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import?adAccountId=act_${ACCOUNT}`).expect(202);
    const importId = started.body.data.importId as string;
    // The API-only replica runs nothing.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await f.testApp.query<{ status: string }>(`SELECT status FROM imports WHERE id = $1`, [importId]))[0].status).toBe('queued');

    worker = startProcess('node', [WORKER], {
      DATABASE_URL: f.testApp.database.url,
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      META_APP_ID: FAKE_META_APP_ID,
      META_APP_SECRET: FAKE_META_APP_SECRET,
      META_GRAPH_URL: f.meta.url,
      META_DIALOG_URL: f.meta.url,
      PUBLIC_URL: TEST_PUBLIC_URL,
      LOG_LEVEL: 'silent',
      WORKERS: '1',
    });
    await Promise.race([f.meta.heldCallReached(), worker.waitForExit(60_000).then(() => Promise.reject(new Error(`worker exited:\n${worker!.output()}`)))]);
    const halfway = await f.testApp.query<{ status: string; progress: Record<string, { done: number }> }>(`SELECT status, progress FROM imports WHERE id = $1`, [importId]);
    expect(halfway[0]).toMatchObject({ status: 'running', progress: { campaigns: { done: 100, total: CAMPAIGNS } } });

    worker.child.kill('SIGKILL');
    await worker.waitForExit();
    f.meta.releaseHold();
    const callsBefore = f.meta.calls.length;

    second = await startTestApp(
      { PUBLIC_URL: TEST_PUBLIC_URL, META_APP_ID: FAKE_META_APP_ID, META_APP_SECRET: FAKE_META_APP_SECRET, META_GRAPH_URL: f.meta.url, META_DIALOG_URL: f.meta.url, WORKERS: '1' },
      { database: f.testApp.database },
    );
    const done = await until('the resumed import', async () => {
      const body = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports/${importId}`).expect(200)).body.data;
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
    expect(done).toMatchObject({ status: 'succeeded', progress: { campaigns: { done: CAMPAIGNS, total: CAMPAIGNS }, adsets: { done: 1 }, ads: { done: 0 }, adcreatives: { done: 0 } } });
    const rows = await f.testApp.query<{ n: number; distinct: number; attempts: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT campaign_id)::int AS distinct, (SELECT attempts FROM imports WHERE id = $1) AS attempts FROM meta_campaigns`,
      [importId],
    );
    expect(rows[0]).toEqual({ n: CAMPAIGNS, distinct: CAMPAIGNS, attempts: 2 });
    // The resumed run started after page 2: its first campaigns call carries that page's cursor.
    const resumed = f.meta.calls.slice(callsBefore).filter((call) => call.path.endsWith(`/act_${ACCOUNT}/campaigns`));
    expect(resumed).toHaveLength(4);
    expect(resumed[0].query.after).toBeDefined();
    // The local read, page by page: every campaign once.
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const local: { body: { data: Array<{ id: string }>; meta: { source: string; nextCursor: string | null } } } = await f.api
        .as(f.teamAdmin, 'get', `/${f.teamId}/meta/campaigns`)
        .query({ adAccountId: `act_${ACCOUNT}`, fields: 'name', limit: 100, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(local.body.meta.source).toBe('local');
      ids.push(...local.body.data.map((row) => row.id));
      cursor = local.body.meta.nextCursor;
    } while (cursor !== null);
    expect(new Set(ids).size).toBe(CAMPAIGNS);
    expect(ids).toHaveLength(CAMPAIGNS);
  });

  it('a worker shutting down hands its import back after the page it is writing; another finishes it', async () => {
    f.meta.slowMs = 300;
    const started = await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import?adAccountId=act_${ACCOUNT}&mode=full`).expect(202);
    const importId = started.body.data.importId as string;
    await until('a committed page', async () => {
      const rows = await f.testApp.query<{ progress: Record<string, { done: number }> }>(`SELECT progress FROM imports WHERE id = $1`, [importId]);
      return (rows[0]?.progress.campaigns?.done ?? 0) >= 50 ? true : undefined;
    });
    await second!.close();
    second = undefined;
    const handedBack = await f.testApp.query<{ status: string; done: number }>(`SELECT status, (progress->'campaigns'->>'done')::int AS done FROM imports WHERE id = $1`, [importId]);
    expect(handedBack[0].status).toBe('queued');
    expect(handedBack[0].done).toBeLessThan(CAMPAIGNS);

    f.meta.slowMs = 0;
    second = await startTestApp(
      { PUBLIC_URL: TEST_PUBLIC_URL, META_APP_ID: FAKE_META_APP_ID, META_APP_SECRET: FAKE_META_APP_SECRET, META_GRAPH_URL: f.meta.url, META_DIALOG_URL: f.meta.url, WORKERS: '1' },
      { database: f.testApp.database },
    );
    const done = await until('the handed-back import', async () => {
      const body = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports/${importId}`).expect(200)).body.data;
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
    expect(done).toMatchObject({ status: 'succeeded', mode: 'full', progress: { campaigns: { done: CAMPAIGNS, total: CAMPAIGNS } } });
    expect((await f.testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM meta_campaigns`))[0].n).toBe(CAMPAIGNS);
  });
});
