import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/load-config';
import { GoogleAdsClient } from '../../src/platforms/google/google-ads.client';
import { GoogleManagerRoutes } from '../../src/platforms/google/google-manager-routes.service';
import { GoogleOAuthClient } from '../../src/platforms/google/google-oauth.client';
import { PlatformError } from '../../src/platforms/platform-error';
import { GoogleImportSearch } from '../../src/sync/google/google-import-search';
import { GoogleImportSteps } from '../../src/sync/google/google-import-steps';
import type { ImportAccount, ImportRun, SqlRunner } from '../../src/sync/import-step';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET, FakeGooglePlatform } from '../fakes/google-platform.fake';
import { submitConsent } from '../fakes/consent-form.client';

/**
 * The Google steps against the fake Google through a recording ImportRun: what the runner would commit page by page,
 * with the checkpoints, so resuming, restarts and re-syncs can be driven precisely. The SQL itself runs in the e2e
 * test; here each upsert is applied to an in-memory table keyed like the real one.
 */

const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-google-steps-'));
const CUSTOMER = '1234567890';
const MANAGER = '5550001111';
const DAY_MS = 24 * 60 * 60 * 1000;
const KEYS: Record<string, string[]> = {
  google_campaigns: ['campaign_id'],
  google_ad_groups: ['ad_group_id'],
  google_ads: ['ad_group_id', 'ad_id'],
  google_campaign_metrics: ['campaign_id', 'date'],
};

type Row = Record<string, unknown> & { import_id: string };

class Crash extends Error {}

class RecordingRun implements ImportRun {
  readonly checkpoints = new Map<string, unknown>();
  readonly finished: string[] = [];
  readonly commits: Array<{ step: string; written: number; checkpoint: unknown; total?: number }> = [];
  readonly tables = new Map<string, Map<string, Row>>();
  calls = 0;
  historyDays = 90;
  resyncInsightDays = 28;
  importId = 'import-1';
  mode: 'full' | 'resync' = 'full';
  lastSyncedAt: Date | null = null;
  lastSyncStartedAt: Date | null = null;
  /** Throws after this many commits, like a worker killed half-way. */
  crashAfterCommits?: number;

  constructor(
    readonly account: ImportAccount,
    private readonly accessToken: string,
    readonly today: string,
  ) {}

  checkpoint<T>(step: string): T | undefined {
    return this.checkpoints.get(step) as T | undefined;
  }

  async commitPage(step: string, write: (sql: SqlRunner) => Promise<number>, next: { checkpoint: unknown; total?: number }): Promise<void> {
    if (this.crashAfterCommits !== undefined && this.commits.length >= this.crashAfterCommits) throw new Crash('worker killed');
    const written = await write({ query: async (sql: string, parameters?: unknown[]) => this.apply(sql, parameters ?? []) });
    this.checkpoints.set(step, next.checkpoint);
    this.commits.push({ step, written, ...next });
  }

  async finishStep(step: string): Promise<void> {
    this.finished.push(step);
  }

  withAccessToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    return call(this.accessToken);
  }

  countCalls(n = 1): void {
    this.calls += n;
  }

  /** A fresh attempt of the same import: checkpoints and finished steps kept, counters reset. */
  resumed(): RecordingRun {
    const next = new RecordingRun(this.account, this.accessToken, this.today);
    Object.assign(next, { importId: this.importId, mode: this.mode, lastSyncedAt: this.lastSyncedAt, lastSyncStartedAt: this.lastSyncStartedAt });
    for (const [step, checkpoint] of this.checkpoints) next.checkpoints.set(step, checkpoint);
    next.finished.push(...this.finished);
    for (const [name, rows] of this.tables) next.tables.set(name, rows);
    return next;
  }

  rows(table: string): Row[] {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  private apply(sql: string, parameters: unknown[]): void {
    const insert = /^INSERT INTO (\w+)/.exec(sql.trim());
    if (insert) {
      const [tenantId, adAccountId, importId, json] = parameters as [string, string, string, string];
      expect([tenantId, adAccountId]).toEqual([this.account.tenantId, this.account.id]);
      const table = this.tables.get(insert[1]) ?? new Map<string, Row>();
      this.tables.set(insert[1], table);
      for (const record of JSON.parse(json) as Array<Record<string, unknown>>) table.set(KEYS[insert[1]].map((key) => record[key]).join('|'), { ...record, import_id: importId });
      return;
    }
    const drop = /^DELETE FROM google_campaign_metrics/.exec(sql.trim());
    if (!drop) throw new Error(`unexpected SQL ${sql}`);
    const [, , from, to, importId] = parameters as string[];
    const table = this.tables.get('google_campaign_metrics') ?? new Map<string, Row>();
    for (const [key, row] of table) if (String(row.date) >= from && String(row.date) <= to && row.import_id !== importId) table.delete(key);
  }
}

let fake: FakeGooglePlatform;
let steps: GoogleImportSteps;
let accessToken: string;

const account = (over: Partial<ImportAccount> = {}): ImportAccount => ({
  id: 'acc-uuid',
  tenantId: 'tenant-uuid',
  teamId: 'team-uuid',
  connectionId: 'connection-uuid',
  platform: 'google',
  accountId: CUSTOMER,
  currency: 'USD',
  timezone: 'America/New_York',
  loginCustomerId: null,
  ...over,
});

async function runAll(run: RecordingRun): Promise<void> {
  for (const step of steps.steps) if (!run.finished.includes(step.name)) await step.run(run);
}

const searches = () => fake.calls.filter((call) => call.path.endsWith('/googleAds:search')).map((call) => call.body as { query: string; pageToken?: string });
const ids = (rows: Row[], key: string) => rows.map((row) => String(row[key])).sort();
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

beforeEach(async () => {
  fake = await FakeGooglePlatform.start();
  fake.addCustomer({ id: CUSTOMER, descriptiveName: 'Acme', currencyCode: 'USD', timeZone: 'America/New_York' });
  fake.addCustomer({ id: MANAGER, descriptiveName: 'MCC', currencyCode: 'USD', timeZone: 'America/New_York', manager: true });
  fake.addUser({ sub: 'google-user', customers: [CUSTOMER, MANAGER] });
  fake.setCampaigns(CUSTOMER, [
    { id: '111', name: 'Spring', budgetMicros: 50_000_000, changedAt: daysAgo(10), metrics: [{ date: '2026-11-27', impressions: 10, clicks: 1, costMicros: 2_000_000 }] },
    { id: '112', name: 'Summer', status: 'REMOVED', changedAt: daysAgo(10), metrics: [{ date: '2026-11-28', impressions: 20, clicks: 2, costMicros: 3_000_000 }] },
    { id: '113', name: 'Autumn', changedAt: daysAgo(10) },
  ]);
  fake.setAdGroups(
    CUSTOMER,
    ['211', '212', '213', '214', '215'].map((id, index) => ({ id, campaignId: index < 3 ? '111' : '113', name: `Group ${id}`, cpcBidMicros: 1_000_000, changedAt: daysAgo(10) })),
  );
  fake.setAds(CUSTOMER, [
    { id: '311', adGroupId: '211', headlines: ['A'], changedAt: daysAgo(10) },
    { id: '312', adGroupId: '212', changedAt: daysAgo(10) },
    { id: '313', adGroupId: '215', status: 'PAUSED', changedAt: daysAgo(10) },
  ]);
  const config = loadConfig({
    JWT_SECRET: 'x'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATA_DIR,
    GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT_SECRET,
    GOOGLE_ADS_API_URL: fake.url,
    GOOGLE_OAUTH_AUTHORIZE_URL: `${fake.url}/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${fake.url}/token`,
  });
  const oauth = new GoogleOAuthClient(config);
  const consent = await submitConsent(oauth.authorizeUrl('state'));
  accessToken = (await oauth.exchangeCode(new URL(String(consent.location)).searchParams.get('code')!)).accessToken;
  fake.calls.length = 0;
  const ads = new GoogleAdsClient(config);
  // These runs never look for a manager route (that needs the database): the e2e tests cover it.
  const noDatabase = { query: () => Promise.reject(new Error('no database in this test')) } as unknown as DataSource;
  steps = new GoogleImportSteps(new GoogleImportSearch(ads, new GoogleManagerRoutes(noDatabase, ads)));
});

afterEach(() => fake.close());
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

describe('GoogleImportSteps', () => {
  it('lists campaigns, ad groups, ads and campaign metrics, in that order', () => {
    expect(steps.platform).toBe('google');
    expect(steps.steps.map((step) => step.name)).toEqual(['campaigns', 'ad_groups', 'ads', 'campaign_metrics']);
  });

  it('copies every object and the metrics of the window, page by page, one call per page', async () => {
    fake.rowsPerPage = 2;
    const run = new RecordingRun(account(), accessToken, '2026-11-29');
    await runAll(run);

    expect(ids(run.rows('google_campaigns'), 'campaign_id')).toEqual(['111', '112', '113']);
    expect(ids(run.rows('google_ad_groups'), 'ad_group_id')).toEqual(['211', '212', '213', '214', '215']);
    expect(run.rows('google_ads').map((row) => [row.ad_group_id, row.ad_id])).toEqual([
      ['211', '311'],
      ['212', '312'],
      ['215', '313'],
    ]);
    expect(run.rows('google_campaign_metrics').map((row) => [row.campaign_id, row.date, row.cost_micros])).toEqual([
      ['111', '2026-11-27', 2_000_000],
      ['112', '2026-11-28', 3_000_000],
    ]);
    // 2 + 3 + 2 + 1 pages; the first page of each listing asks for the total.
    expect(run.commits.map((commit) => [commit.step, commit.written, commit.total])).toEqual([
      ['campaigns', 2, 3],
      ['campaigns', 1, 3],
      ['ad_groups', 2, 5],
      ['ad_groups', 2, 5],
      ['ad_groups', 1, 5],
      ['ads', 2, 3],
      ['ads', 1, 3],
      ['campaign_metrics', 2, 2],
    ]);
    expect(run.calls).toBe(8);
    expect(searches()).toHaveLength(8);
    expect(run.finished).toEqual(['campaigns', 'ad_groups', 'ads', 'campaign_metrics']);
    expect(searches().find((body) => body.query.includes('segments.date'))?.query).toContain("BETWEEN '2026-09-01' AND '2026-11-29'");
  });

  it('resumes a crashed run from the last committed page without reading the committed pages again', async () => {
    fake.rowsPerPage = 2;
    const first = new RecordingRun(account(), accessToken, '2026-11-29');
    first.crashAfterCommits = 3;
    await expect(runAll(first)).rejects.toBeInstanceOf(Crash);
    expect(first.finished).toEqual(['campaigns']);
    expect(first.checkpoint('ad_groups')).toEqual({ pageToken: expect.any(String), total: 5 });

    fake.calls.length = 0;
    const second = first.resumed();
    await runAll(second);
    expect(ids(second.rows('google_ad_groups'), 'ad_group_id')).toEqual(['211', '212', '213', '214', '215']);
    // ad groups continue at their second page; campaigns are not read again.
    expect(searches()[0]).toEqual({ query: expect.stringContaining('FROM ad_group'), pageToken: expect.any(String) });
    expect(searches().some((body) => body.query.endsWith('FROM campaign'))).toBe(false);
    expect(second.commits.filter((commit) => commit.step === 'ad_groups').map((commit) => commit.written)).toEqual([2, 1]);
  });

  it('starts a listing again when Google refuses its page token', async () => {
    fake.rowsPerPage = 2;
    fake.expirePageTokensAtCall(2);
    const run = new RecordingRun(account(), accessToken, '2026-11-29');
    await steps.steps[0].run(run);
    expect(ids(run.rows('google_campaigns'), 'campaign_id')).toEqual(['111', '112', '113']);
    expect(searches().map((body) => body.pageToken !== undefined)).toEqual([false, true, false, true]);
    expect(run.calls).toBe(4);
    expect(run.finished).toEqual(['campaigns']);
  });

  it('starts a resumed listing again when its stored page token has expired', async () => {
    fake.rowsPerPage = 2;
    const first = new RecordingRun(account(), accessToken, '2026-11-29');
    first.crashAfterCommits = 1;
    await expect(runAll(first)).rejects.toBeInstanceOf(Crash);
    fake.expirePageTokens();
    const second = first.resumed();
    await runAll(second);
    expect(ids(second.rows('google_campaigns'), 'campaign_id')).toEqual(['111', '112', '113']);
    expect(second.finished).toEqual(['campaigns', 'ad_groups', 'ads', 'campaign_metrics']);
  });

  it('gives up after a few restarts when the page token is refused every time', async () => {
    fake.rowsPerPage = 1;
    for (let call = 2; call <= 12; call += 2) fake.expirePageTokensAtCall(call);
    const run = new RecordingRun(account(), accessToken, '2026-11-29');
    const error = await steps.steps[0].run(run).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).platformDetails.platformCode).toBe('EXPIRED_PAGE_TOKEN');
  });

  it('on a re-sync re-reads only the ad groups and ads change_status names, and the recent metrics', async () => {
    const first = new RecordingRun(account(), accessToken, '2026-11-29');
    await runAll(first);

    fake.updateAdGroup(CUSTOMER, { id: '213', name: 'Renamed', status: 'PAUSED' });
    fake.updateAd(CUSTOMER, { id: '314', adGroupId: '213', headlines: ['New'] });
    fake.updateCampaign(CUSTOMER, { id: '113', name: 'Autumn sale' });
    fake.setCampaignMetrics(CUSTOMER, '111', [{ date: '2026-11-27', impressions: 12, clicks: 2, costMicros: 2_500_000 }]);
    fake.calls.length = 0;

    const resync = new RecordingRun(account(), accessToken, '2026-11-29');
    Object.assign(resync, { importId: 'import-2', mode: 'resync', lastSyncStartedAt: new Date(Date.now() - 2 * 60 * 60 * 1000), lastSyncedAt: new Date(Date.now() - 60 * 60 * 1000) });
    for (const [name, rows] of first.tables) resync.tables.set(name, rows);
    await runAll(resync);

    // Campaigns in full, then change_status and the named objects only, then the last 28 days of metrics.
    expect(searches().map((body) => body.query)).toEqual([
      expect.stringMatching(/FROM campaign$/),
      expect.stringContaining("FROM change_status WHERE change_status.resource_type = 'AD_GROUP' AND"),
      expect.stringMatching(/FROM ad_group WHERE ad_group\.id IN \(213\)$/),
      expect.stringContaining("FROM change_status WHERE change_status.resource_type = 'AD_GROUP_AD' AND"),
      expect.stringMatching(/FROM ad_group_ad WHERE ad_group_ad\.ad\.id IN \(314\)$/),
      expect.stringContaining("segments.date BETWEEN '2026-11-02' AND '2026-11-29'"),
    ]);

    const adGroups = resync.rows('google_ad_groups');
    expect(adGroups.find((row) => row.ad_group_id === '213')).toMatchObject({ name: 'Renamed', status: 'PAUSED', import_id: 'import-2' });
    expect(adGroups.find((row) => row.ad_group_id === '211')).toMatchObject({ import_id: 'import-1' });
    expect(resync.rows('google_ads').map((row) => `${row.ad_group_id}~${row.ad_id}`)).toEqual(['211~311', '212~312', '215~313', '213~314']);
    expect(resync.rows('google_campaigns').find((row) => row.campaign_id === '113')).toMatchObject({ name: 'Autumn sale' });
    expect(resync.rows('google_campaign_metrics').map((row) => [row.campaign_id, row.date, row.impressions])).toEqual([
      ['111', '2026-11-27', 12],
      ['112', '2026-11-28', 20],
    ]);
  });

  it('on a re-sync with nothing changed commits an empty step and reads no objects', async () => {
    const run = new RecordingRun(account(), accessToken, '2026-11-29');
    Object.assign(run, { mode: 'resync', lastSyncedAt: new Date(Date.now() - 60 * 60 * 1000) });
    await steps.steps[1].run(run);
    expect(searches().map((body) => body.query)).toEqual([expect.stringContaining('FROM change_status')]);
    expect(run.commits).toEqual([{ step: 'ad_groups', written: 0, checkpoint: { done: true, total: 0 }, total: 0 }]);
    expect(run.finished).toEqual(['ad_groups']);
  });

  it('copies every object on a re-sync when the last sync is older than change_status reaches', async () => {
    const run = new RecordingRun(account(), accessToken, '2026-11-29');
    Object.assign(run, { mode: 'resync', lastSyncStartedAt: new Date(Date.now() - 100 * DAY_MS), lastSyncedAt: new Date(Date.now() - 100 * DAY_MS) });
    await steps.steps[1].run(run);
    expect(searches().map((body) => body.query)).toEqual([expect.stringMatching(/FROM ad_group$/)]);
    expect(run.rows('google_ad_groups')).toHaveLength(5);
  });

  it('drops the days of the window the platform no longer reports', async () => {
    const first = new RecordingRun(account(), accessToken, '2026-11-29');
    await steps.steps[3].run(first);
    expect(first.rows('google_campaign_metrics')).toHaveLength(2);
    fake.setCampaignMetrics(CUSTOMER, '112', []);
    const second = new RecordingRun(account(), accessToken, '2026-11-29');
    Object.assign(second, { importId: 'import-2', mode: 'resync' });
    for (const [name, rows] of first.tables) second.tables.set(name, rows);
    await steps.steps[3].run(second);
    expect(second.rows('google_campaign_metrics').map((row) => [row.campaign_id, row.date, row.import_id])).toEqual([['111', '2026-11-27', 'import-2']]);
  });

  it('imports a client account through its manager (login-customer-id)', async () => {
    const CLIENT = '7770001111';
    fake.addCustomer({ id: CLIENT, descriptiveName: 'Client', currencyCode: 'GBP', timeZone: 'Europe/London', managerId: MANAGER });
    fake.setCampaigns(CLIENT, [{ id: '911', name: 'Client campaign' }]);
    const run = new RecordingRun(account({ accountId: CLIENT, loginCustomerId: MANAGER, currency: null }), accessToken, '2026-11-29');
    await runAll(run);
    expect(run.rows('google_campaigns')).toEqual([expect.objectContaining({ campaign_id: '911', currency: 'GBP' })]);
    const calls = fake.calls.filter((call) => call.path.endsWith(`/customers/${CLIENT}/googleAds:search`));
    expect(calls).toHaveLength(4);
    expect(calls.every((call) => call.headers['login-customer-id'] === MANAGER)).toBe(true);
  });

  it('imports a manager account without metrics (Google has none for managers)', async () => {
    const run = new RecordingRun(account({ accountId: MANAGER }), accessToken, '2026-11-29');
    await runAll(run);
    expect(run.finished).toEqual(['campaigns', 'ad_groups', 'ads', 'campaign_metrics']);
    expect(run.rows('google_campaign_metrics')).toEqual([]);
  });

  it('lets a platform failure through to the runner', async () => {
    fake.failAtCall(1, 'auth-expired');
    const run = new RecordingRun(account(), accessToken, '2026-11-29');
    const error = await steps.steps[0].run(run).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).authExpired).toBe(true);
    expect(run.commits).toEqual([]);
    expect(run.finished).toEqual([]);
  });
});
