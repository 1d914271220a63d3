import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../../src/common/error-code';
import { loadConfig } from '../../src/config/load-config';
import { PlatformError } from '../../src/platforms/platform-error';
import { MetaGraphClient } from '../../src/platforms/meta/meta-graph.client';
import {
  isMetaReportFailure,
  metaCampaignDailyParams,
  MetaInsightsPage,
  MetaInsightsReportClient,
  MetaInsightsSource,
  MetaReportRunState,
  MetaTokenCaller,
} from '../../src/platforms/meta/meta-insights-report.client';
import { MetaOAuthClient } from '../../src/platforms/meta/meta-oauth.client';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { submitConsent } from '../fakes/consent-form.client';

const ACCOUNT = '5501';
const CANNED_ACCOUNT = '5502';
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-meta-report-'));

type Row = Record<string, unknown>;

async function collect(client: MetaInsightsReportClient, caller: MetaTokenCaller, source: MetaInsightsSource, after?: string): Promise<MetaInsightsPage[]> {
  const pages: MetaInsightsPage[] = [];
  for await (const page of client.pages(caller, source, after)) pages.push(page);
  return pages;
}

const key = (row: Row, breakdown?: string) => `${String(row.campaign_id)}|${String(row.date_start)}|${breakdown ? String(row[breakdown]) : ''}`;

describe('MetaInsightsReportClient against the Graph fake', () => {
  let fake: FakeMetaPlatform;
  let client: MetaInsightsReportClient;
  let token: string;
  let calls = 0;
  const caller: MetaTokenCaller = (call) => {
    calls++;
    return call(token);
  };

  beforeAll(async () => {
    fake = await FakeMetaPlatform.start();
    fake.addUser({
      id: '901',
      name: 'Reporter',
      adAccounts: [
        { account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'UTC', account_status: 1 },
        { account_id: CANNED_ACCOUNT, name: 'Canned', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 },
      ],
    });
    fake.reportRuns.setModel(ACCOUNT, {
      campaigns: [
        { id: '7001', name: 'Spring' },
        { id: '7002', name: 'Summer' },
      ],
    });
    fake.setInsights(CANNED_ACCOUNT, [
      { campaign_id: '8001', campaign_name: 'Tokyo', impressions: '100', spend: '1520', date_start: '2026-11-01', date_stop: '2026-11-01' },
      { campaign_id: '8001', campaign_name: 'Tokyo', impressions: '120', spend: '1700', date_start: '2026-11-02', date_stop: '2026-11-02' },
    ]);
    const config = loadConfig({
      JWT_SECRET: 'j'.repeat(40),
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      DATA_DIR,
      PUBLIC_URL: 'http://localhost:3998',
      META_APP_ID: FAKE_META_APP_ID,
      META_APP_SECRET: FAKE_META_APP_SECRET,
      META_GRAPH_URL: fake.url,
      META_DIALOG_URL: fake.url,
      PLATFORM_HTTP_TIMEOUT_MS: '5000',
    });
    const graph = new MetaGraphClient(config);
    const oauth = new MetaOAuthClient(config, graph);
    const dialog = await submitConsent(oauth.authorizeUrl('s'));
    token = (await oauth.exchangeCode(new URL(dialog.location!).searchParams.get('code')!)).accessToken;
    client = new MetaInsightsReportClient(graph, { delaysMs: [0], maxWaitMs: 5000 });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.pageSize = 7;
    fake.reportRuns.pollsToComplete = 3;
  });

  it('starts a report, polls it through its statuses, then reads every page with resumable cursors', async () => {
    const id = await client.startReport(caller, ACCOUNT, metaCampaignDailyParams('gender', '2026-10-01', '2026-10-10'));
    const post = fake.calls.filter((call) => call.method === 'POST' && call.path.endsWith(`/act_${ACCOUNT}/insights`)).pop()!;
    expect(post.body).toMatchObject({ level: 'campaign', time_increment: '1', breakdowns: 'gender', time_range: '{"since":"2026-10-01","until":"2026-10-10"}' });

    const seen: MetaReportRunState[] = [];
    const done = await client.waitForReport(caller, id, (state) => seen.push(state));
    expect(seen.map((state) => state.status)).toEqual(['Job Not Started', 'Job Running', 'Job Completed']);
    expect(done).toMatchObject({ id, status: 'Job Completed', percent: 100 });

    const pages = await collect(client, caller, { reportRunId: id });
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.at(-1)!.after).toBeUndefined();
    for (const page of pages.slice(0, -1)) expect(page.after).toEqual(expect.any(String));
    const rows = pages.flatMap((page) => page.rows);
    expect(new Set(rows.map((row) => key(row, 'gender'))).size).toBe(rows.length);
    expect(rows[0]).toMatchObject({ campaign_id: expect.any(String), gender: expect.any(String), date_start: expect.any(String), impressions: expect.any(String), spend: expect.any(String) });

    // Resuming after the second page reads exactly the pages that followed it.
    const resumed = await collect(client, caller, { reportRunId: id }, pages[1].after);
    expect(resumed.flatMap((page) => page.rows)).toEqual(pages.slice(2).flatMap((page) => page.rows));
  });

  it('reads the same rows synchronously for a short range, and the breakdown values add up to the plain rows', async () => {
    fake.pageSize = 100;
    const sync = (breakdown: 'none' | 'age') => collect(client, caller, { accountId: ACCOUNT, params: metaCampaignDailyParams(breakdown, '2026-10-01', '2026-10-05') });
    const plain = (await sync('none')).flatMap((page) => page.rows);
    const byAge = (await sync('age')).flatMap((page) => page.rows);
    expect(plain.length).toBeGreaterThan(5);
    for (const row of plain) {
      const parts = byAge.filter((part) => part.campaign_id === row.campaign_id && part.date_start === row.date_start);
      expect(parts.length).toBe(6);
      const sum = (field: string) => parts.reduce((total, part) => total + Math.round(Number(part[field]) * 100), 0);
      expect(sum('impressions')).toBe(Number(row.impressions) * 100);
      expect(sum('clicks')).toBe(Number(row.clicks) * 100);
      expect(sum('spend')).toBe(Math.round(Number(row.spend) * 100));
    }
  });

  it('reports a failed or skipped report as a report failure', async () => {
    fake.reportRuns.failNextReports(1, 'Job Failed');
    const failed = await client.startReport(caller, ACCOUNT, metaCampaignDailyParams('none', '2026-10-01', '2026-10-30'));
    const error = await client.waitForReport(caller, failed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(isMetaReportFailure(error)).toBe(true);
    expect((error as PlatformError).message).toContain('Job Failed');

    fake.reportRuns.failNextReports(1, 'Job Skipped');
    const skipped = await client.startReport(caller, ACCOUNT, metaCampaignDailyParams('none', '2026-10-01', '2026-10-30'));
    expect(isMetaReportFailure(await client.waitForReport(caller, skipped).catch((e: unknown) => e))).toBe(true);
  });

  it('gives up on a report that never finishes', async () => {
    fake.reportRuns.pollsToComplete = 1000;
    const slow = new MetaInsightsReportClient(new MetaGraphClient(loadConfig({ JWT_SECRET: 'j'.repeat(40), TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), DATA_DIR, META_APP_ID: FAKE_META_APP_ID, META_APP_SECRET: FAKE_META_APP_SECRET, META_GRAPH_URL: fake.url })), {
      delaysMs: [20],
      maxWaitMs: 100,
    });
    const id = await slow.startReport(caller, ACCOUNT, metaCampaignDailyParams('none', '2026-10-01', '2026-10-30'));
    const error = (await slow.waitForReport(caller, id).catch((e: unknown) => e)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.message).toMatch(/not done after/);
    expect(isMetaReportFailure(error)).toBe(false);
  });

  it('is refused like Graph for a bad breakdown or field, without a report', async () => {
    const made = fake.reportRuns.created.length;
    const bad = await client.startReport(caller, ACCOUNT, { ...metaCampaignDailyParams('none', '2026-10-01', '2026-10-30'), breakdowns: 'zodiac' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(PlatformError);
    expect((bad as PlatformError).code).toBe(ErrorCode.BAD_REQUEST);
    expect((bad as PlatformError).platformDetails.platformCode).toBe(100);
    const field = await client.startReport(caller, ACCOUNT, { level: 'campaign', fields: 'impressions,secret_sauce' }).catch((e: unknown) => e);
    expect((field as PlatformError).platformDetails.platformCode).toBe(100);
    expect(fake.reportRuns.created.length).toBe(made);
  });

  it('reads an unfinished report as an error and another account as unsupported', async () => {
    fake.reportRuns.pollsToComplete = 5;
    const id = await client.startReport(caller, ACCOUNT, metaCampaignDailyParams('none', '2026-10-01', '2026-10-30'));
    expect(await client.page(caller, { reportRunId: id }).catch((e: unknown) => e)).toBeInstanceOf(PlatformError);
    const foreign = await client.startReport(caller, '999999', metaCampaignDailyParams('none', '2026-10-01', '2026-10-30')).catch((e: unknown) => e);
    expect((foreign as PlatformError).platformDetails.platformSubcode).toBe(33);
  });

  it('answers a report from canned rows when the account has no model', async () => {
    fake.reportRuns.pollsToComplete = 1;
    const id = await client.startReport(caller, CANNED_ACCOUNT, metaCampaignDailyParams('none', '2026-11-01', '2026-11-30'));
    await client.waitForReport(caller, id);
    const rows = (await collect(client, caller, { reportRunId: id })).flatMap((page) => page.rows);
    expect(rows.map((row) => row.spend)).toEqual(['1520', '1700']);
  });

  it('counts one call per request it makes', async () => {
    fake.reportRuns.pollsToComplete = 2;
    fake.pageSize = 1000;
    calls = 0;
    const id = await client.startReport(caller, ACCOUNT, metaCampaignDailyParams('none', '2026-10-01', '2026-10-30'));
    await client.waitForReport(caller, id);
    await collect(client, caller, { reportRunId: id });
    expect(calls).toBe(1 + 2 + 1);
  });
});

describe('the fake for a large account', () => {
  let fake: FakeMetaPlatform;
  beforeAll(async () => {
    fake = await FakeMetaPlatform.start();
  });
  afterAll(() => fake.close());

  it('pages 2,000 campaigns x 90 days x a breakdown lazily, and sums ranges from the days', async () => {
    fake.reportRuns.setModel('1', { campaigns: { count: 2000 } });
    const ctx = {
      userId: 'u',
      ownsAccount: () => true,
      currencyOf: () => 'USD',
      cannedRows: () => [],
      pageSize: 500,
      nextUrl: (p: string, _params: Record<string, string>, after: string) => `${fake.url}/v25.0${p}?after=${after}`,
    };
    const params = { level: 'campaign', fields: 'campaign_id,impressions,spend', time_range: '{"since":"2026-08-01","until":"2026-10-29"}', time_increment: '1', breakdowns: 'age', limit: '500' };
    const started = Date.now();
    const first = fake.reportRuns.syncInsights('1', '/act_1/insights', params, ctx)!;
    const body = first.body as { data: Row[]; paging: { cursors: { after: string } } };
    expect(body.data).toHaveLength(500);
    // A page deep into the 1,080,000 positions costs no more than the first.
    const deep = Buffer.from(`fake-insights:${1_000_000}`).toString('base64');
    const late = fake.reportRuns.syncInsights('1', '/act_1/insights', { ...params, after: deep }, ctx)!;
    expect((late.body as { data: Row[] }).data.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2000);

    const daily = fake.reportRuns.syncInsights('1', '/act_1/insights', { ...params, breakdowns: '', fields: 'campaign_id,impressions,spend', time_range: '{"since":"2026-08-01","until":"2026-08-03"}', limit: '100000' }, { ...ctx, pageSize: 100000 })!;
    const total = fake.reportRuns.syncInsights('1', '/act_1/insights', { level: 'campaign', fields: 'campaign_id,impressions,spend', time_range: '{"since":"2026-08-01","until":"2026-08-03"}', limit: '1' }, ctx)!;
    const firstCampaign = (total.body as { data: Row[] }).data[0];
    const days = (daily.body as { data: Row[] }).data.filter((row) => row.campaign_id === firstCampaign.campaign_id);
    expect(Number(firstCampaign.impressions)).toBe(days.reduce((sum, row) => sum + Number(row.impressions), 0));
    expect(firstCampaign).toMatchObject({ date_start: '2026-08-01', date_stop: '2026-08-03' });
  });
});
