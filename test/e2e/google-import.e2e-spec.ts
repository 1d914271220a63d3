import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeGoogleAd, FakeGoogleAdGroup, FakeGoogleCampaign } from '../fakes/google-platform.fake';
import type { UserSession } from '../support/api-client';
import { GoogleTeamFixture, startGoogleTeam } from '../support/google-team';

const DIRECT = '1234567890';
const MANAGER = '5550001111';
const CLIENT = '7770001111';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A day `n` days before today (UTC), YYYY-MM-DD: always inside the 90-day window whatever the account's zone. */
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
const longAgo = new Date(Date.now() - 10 * DAY_MS).toISOString();

const CAMPAIGNS: FakeGoogleCampaign[] = [
  {
    id: '111',
    name: 'Spring',
    budgetMicros: 50_000_000,
    startDateTime: '2026-01-01 00:00:00',
    changedAt: longAgo,
    metrics: [
      { date: daysAgo(3), impressions: 1000, clicks: 40, costMicros: 12_500_000, conversions: 2, conversionsValue: 80.5 },
      { date: daysAgo(2), impressions: 500, clicks: 10, costMicros: 7_500_000, conversions: 1 },
      // Outside the 90-day history: never copied.
      { date: daysAgo(200), impressions: 9, clicks: 9, costMicros: 9_000_000 },
    ],
  },
  { id: '112', name: 'Summer', status: 'PAUSED', biddingStrategyType: 'TARGET_CPA', changedAt: longAgo, metrics: [{ date: daysAgo(2), impressions: 300, clicks: 3, costMicros: 900_000 }] },
  // Removed campaigns are copied too: their history still counts.
  { id: '113', name: 'Winter', status: 'REMOVED', changedAt: longAgo, metrics: [{ date: daysAgo(40), impressions: 70, clicks: 7, costMicros: 700_000 }] },
];
const AD_GROUPS: FakeGoogleAdGroup[] = [
  { id: '211', campaignId: '111', name: 'Shoes', cpcBidMicros: 1_500_000, changedAt: longAgo },
  { id: '212', campaignId: '111', name: 'Boots', status: 'PAUSED', changedAt: longAgo },
  { id: '213', campaignId: '112', name: 'Hats', changedAt: longAgo },
];
const ADS: FakeGoogleAd[] = [
  { id: '311', adGroupId: '211', finalUrls: ['https://acme.test/shoes'], headlines: ['Shoes on sale', 'Free shipping'], descriptions: ['Order today'], changedAt: longAgo },
  { id: '312', adGroupId: '212', status: 'PAUSED', changedAt: longAgo },
  { id: '313', adGroupId: '213', type: 'EXPANDED_TEXT_AD', changedAt: longAgo },
];

interface Accepted {
  importId: string;
  status: string;
  mode: string;
  statusUrl: string;
}

describe('Google import: a local copy of campaigns, ad groups, ads and daily campaign metrics', () => {
  let f: GoogleTeamFixture;
  let tenantId: string;
  const accountUuid: Record<string, string> = {};

  const startImport = (who: UserSession, query: Record<string, string> = {}) => f.api.as(who, 'get', `/${f.teamId}/google/import`).query({ adAccountId: DIRECT, ...query });

  /** Polls the status endpoint until the import has ended. */
  async function finished(accepted: Accepted, who: UserSession = f.teamAdmin): Promise<Record<string, any>> {
    const path = accepted.statusUrl.replace(/^\/api\/v1/, '');
    for (let i = 0; i < 300; i++) {
      const view = (await f.api.as(who, 'get', path).expect(200)).body.data;
      if (view.status === 'succeeded' || view.status === 'failed') return view;
      await sleep(100);
    }
    throw new Error(`import ${accepted.importId} did not end`);
  }

  async function imported(accountId = DIRECT, query: Record<string, string> = {}): Promise<Record<string, any>> {
    const response = await startImport(f.teamAdmin, { adAccountId: accountId, ...query }).expect(202);
    return finished(response.body.data as Accepted);
  }

  const rows = <T = Record<string, unknown>>(table: string, accountId = DIRECT, columns = '*', order = '1') =>
    f.testApp.query<T>(`SELECT ${columns} FROM ${table} WHERE ad_account_id = $1 ORDER BY ${order}`, [accountUuid[accountId]]);
  const searchesOf = (customerId: string) => f.google.calls.filter((call) => call.path.endsWith(`/customers/${customerId}/googleAds:search`));

  beforeAll(async () => {
    f = await startGoogleTeam((google) => {
      google.addCustomer({ id: DIRECT, descriptiveName: 'Acme Search', currencyCode: 'USD', timeZone: 'America/New_York' });
      google.addCustomer({ id: MANAGER, descriptiveName: 'Acme MCC', currencyCode: 'EUR', timeZone: 'Europe/Paris', manager: true });
      google.addCustomer({ id: CLIENT, descriptiveName: 'Acme Shop', currencyCode: 'GBP', timeZone: 'Europe/London', managerId: MANAGER });
      google.addUser({ sub: 'google-user-1', customers: [DIRECT, MANAGER] });
      google.setCampaigns(DIRECT, CAMPAIGNS);
      google.setAdGroups(DIRECT, AD_GROUPS);
      google.setAds(DIRECT, ADS);
      google.setCampaigns(CLIENT, [{ id: '911', name: 'Client campaign', budgetMicros: 5_000_000, metrics: [{ date: daysAgo(4), impressions: 50, clicks: 5, costMicros: 2_500_000 }] }]);
      google.setAdGroups(CLIENT, [{ id: '921', campaignId: '911', name: 'Client group' }]);
      // Small pages, so every listing is streamed over several of them.
      google.rowsPerPage = 2;
    });
    const connectionId = await f.connect();
    for (const row of await f.testApp.query<{ id: string; account_id: string; tenant_id: string }>(`SELECT id, account_id, tenant_id FROM ad_accounts WHERE connection_id = $1`, [connectionId])) {
      accountUuid[row.account_id] = row.id;
      tenantId = row.tenant_id;
    }
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: DIRECT, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
    // What the connect asked of Google is not the import's business.
    f.google.calls.length = 0;
  });
  afterAll(() => f?.close());

  describe('who may start an import', () => {
    it('refuses a VIEWER of the account (403) and a member without a permission on it (403)', async () => {
      expect((await startImport(f.viewer).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await startImport(f.member).expect(403)).body.error.code).toBe('FORBIDDEN');
    });

    it('answers 404 to a user outside the team, with no data', async () => {
      const response = await startImport(f.outsider).expect(404);
      expect(response.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
      expect(JSON.stringify(response.body)).not.toContain(DIRECT);
    });

    it('refuses an account id of no account of the team', async () => {
      await startImport(f.teamAdmin, { adAccountId: '9999999999' }).expect(404);
    });

    it('started nothing for the refused callers', async () => {
      expect(await f.testApp.query(`SELECT id FROM imports WHERE platform = 'google'`)).toEqual([]);
      expect(searchesOf(DIRECT)).toEqual([]);
    });
  });

  describe('a full import', () => {
    let accepted: Accepted;
    let view: Record<string, any>;

    beforeAll(async () => {
      accepted = (await startImport(f.teamAdmin).expect(202)).body.data;
      view = await finished(accepted);
    });

    it('answers 202 with the import id, its status and where to follow it', () => {
      expect(accepted).toEqual({ importId: expect.any(String), status: 'queued', mode: 'full', statusUrl: `/api/v1/${f.teamId}/imports/${accepted.importId}` });
    });

    it('succeeds, with the progress of every Google step', () => {
      expect(view).toMatchObject({ id: accepted.importId, platform: 'google', adAccountId: DIRECT, status: 'succeeded', mode: 'full', error: null });
      expect(view.progress).toEqual({
        campaigns: { done: 3, total: 3 },
        ad_groups: { done: 3, total: 3 },
        ads: { done: 3, total: 3 },
        campaign_metrics: { done: 4, total: 4 },
      });
      // Pages of 2 rows: 2 + 2 + 2 + 2 calls.
      expect(view.platformCalls).toBe(8);
    });

    it('copies exactly the campaigns, money in micros with the currency, tenant on every row', async () => {
      expect(await rows('google_campaigns', DIRECT, 'tenant_id, campaign_id, name, status, bidding_strategy_type, budget_micros, currency')).toEqual([
        { tenant_id: tenantId, campaign_id: '111', name: 'Spring', status: 'ENABLED', bidding_strategy_type: 'MANUAL_CPC', budget_micros: '50000000', currency: 'USD' },
        { tenant_id: tenantId, campaign_id: '112', name: 'Summer', status: 'PAUSED', bidding_strategy_type: 'TARGET_CPA', budget_micros: null, currency: 'USD' },
        { tenant_id: tenantId, campaign_id: '113', name: 'Winter', status: 'REMOVED', bidding_strategy_type: 'MANUAL_CPC', budget_micros: null, currency: 'USD' },
      ]);
      const [spring] = await rows<{ data: Record<string, unknown> }>('google_campaigns', DIRECT, 'data', 'campaign_id');
      expect(spring.data).toEqual({
        campaign_id: '111',
        campaign_name: 'Spring',
        campaign_status: 'ENABLED',
        advertising_channel_type: 'SEARCH',
        bidding_strategy_type: 'MANUAL_CPC',
        start_date_time: '2026-01-01 00:00:00',
        end_date_time: null,
        budget_amount_micros: 50_000_000,
        budget_amount: 50,
        currency: 'USD',
      });
    });

    it('copies exactly the ad groups and the ads', async () => {
      expect(await rows('google_ad_groups', DIRECT, 'ad_group_id, campaign_id, name, status, cpc_bid_micros, currency')).toEqual([
        { ad_group_id: '211', campaign_id: '111', name: 'Shoes', status: 'ENABLED', cpc_bid_micros: '1500000', currency: 'USD' },
        { ad_group_id: '212', campaign_id: '111', name: 'Boots', status: 'PAUSED', cpc_bid_micros: null, currency: 'USD' },
        { ad_group_id: '213', campaign_id: '112', name: 'Hats', status: 'ENABLED', cpc_bid_micros: null, currency: 'USD' },
      ]);
      expect(await rows('google_ads', DIRECT, 'ad_group_id, ad_id, campaign_id, status, type', 'ad_id')).toEqual([
        { ad_group_id: '211', ad_id: '311', campaign_id: '111', status: 'ENABLED', type: 'RESPONSIVE_SEARCH_AD' },
        { ad_group_id: '212', ad_id: '312', campaign_id: '111', status: 'PAUSED', type: 'RESPONSIVE_SEARCH_AD' },
        { ad_group_id: '213', ad_id: '313', campaign_id: '112', status: 'ENABLED', type: 'EXPANDED_TEXT_AD' },
      ]);
      const [shoes] = await rows<{ data: Record<string, unknown> }>('google_ads', DIRECT, 'data', 'ad_id');
      expect(shoes.data).toMatchObject({ final_urls: ['https://acme.test/shoes'], headlines: ['Shoes on sale', 'Free shipping'], descriptions: ['Order today'] });
    });

    it('copies the daily campaign metrics of the history window as numbers', async () => {
      const metrics = await rows<Record<string, unknown>>(
        'google_campaign_metrics',
        DIRECT,
        `campaign_id, to_char(date, 'YYYY-MM-DD') AS date, impressions::int, clicks::int, cost_micros::bigint::float8 AS cost_micros, conversions, conversions_value, ctr, currency`,
        'campaign_id, date',
      );
      expect(metrics).toEqual([
        { campaign_id: '111', date: daysAgo(3), impressions: 1000, clicks: 40, cost_micros: 12_500_000, conversions: 2, conversions_value: 80.5, ctr: 0.04, currency: 'USD' },
        { campaign_id: '111', date: daysAgo(2), impressions: 500, clicks: 10, cost_micros: 7_500_000, conversions: 1, conversions_value: 0, ctr: 0.02, currency: 'USD' },
        { campaign_id: '112', date: daysAgo(2), impressions: 300, clicks: 3, cost_micros: 900_000, conversions: 0, conversions_value: 0, ctr: 0.01, currency: 'USD' },
        { campaign_id: '113', date: daysAgo(40), impressions: 70, clicks: 7, cost_micros: 700_000, conversions: 0, conversions_value: 0, ctr: 0.1, currency: 'USD' },
      ]);
    });

    it('read the account directly (no login-customer-id) and never sent pageSize', () => {
      const calls = searchesOf(DIRECT);
      expect(calls.length).toBe(8);
      expect(calls.every((call) => call.headers['login-customer-id'] === undefined)).toBe(true);
      expect(calls.every((call) => (call.body as Record<string, unknown>).pageSize === undefined)).toBe(true);
    });

    it('shows the import to a VIEWER of the account, and 404 to an outsider', async () => {
      const path = `/${f.teamId}/imports/${accepted.importId}`;
      expect((await f.api.as(f.viewer, 'get', path).expect(200)).body.data.status).toBe('succeeded');
      expect((await f.api.as(f.outsider, 'get', path).expect(404)).body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('a second import (re-sync)', () => {
    let view: Record<string, any>;
    let queries: string[];

    beforeAll(async () => {
      f.google.updateCampaign(DIRECT, { id: '112', name: 'Summer sale', status: 'ENABLED' });
      f.google.updateAdGroup(DIRECT, { id: '212', name: 'Boots and more', status: 'ENABLED' });
      f.google.updateAd(DIRECT, { id: '314', adGroupId: '212', headlines: ['New boots'] });
      // A recent day revised (late conversions), and one that went back to nothing.
      f.google.setCampaignMetrics(DIRECT, '111', [
        { date: daysAgo(3), impressions: 1000, clicks: 40, costMicros: 12_500_000, conversions: 5, conversionsValue: 200 },
        { date: daysAgo(200), impressions: 9, clicks: 9, costMicros: 9_000_000 },
      ]);
      f.google.calls.length = 0;
      view = await imported();
      queries = searchesOf(DIRECT).map((call) => (call.body as { query: string }).query);
    });

    it('succeeds as a re-sync', () => {
      expect(view).toMatchObject({ status: 'succeeded', mode: 'resync', error: null });
    });

    it('picks up the changed campaign, ad group and the new ad, without duplicating anything', async () => {
      expect(await rows('google_campaigns', DIRECT, 'campaign_id, name, status')).toEqual([
        { campaign_id: '111', name: 'Spring', status: 'ENABLED' },
        { campaign_id: '112', name: 'Summer sale', status: 'ENABLED' },
        { campaign_id: '113', name: 'Winter', status: 'REMOVED' },
      ]);
      expect(await rows('google_ad_groups', DIRECT, 'ad_group_id, name, status')).toEqual([
        { ad_group_id: '211', name: 'Shoes', status: 'ENABLED' },
        { ad_group_id: '212', name: 'Boots and more', status: 'ENABLED' },
        { ad_group_id: '213', name: 'Hats', status: 'ENABLED' },
      ]);
      expect(await rows('google_ads', DIRECT, 'ad_group_id, ad_id', 'ad_id')).toEqual([
        { ad_group_id: '211', ad_id: '311' },
        { ad_group_id: '212', ad_id: '312' },
        { ad_group_id: '213', ad_id: '313' },
        { ad_group_id: '212', ad_id: '314' },
      ]);
    });

    it('re-reads only what change_status names, and the last 28 days of metrics', () => {
      expect(queries.filter((query) => query.includes('FROM change_status'))).toHaveLength(2);
      expect(queries).toContainEqual(expect.stringMatching(/FROM ad_group WHERE ad_group\.id IN \(212\)$/));
      expect(queries).toContainEqual(expect.stringMatching(/FROM ad_group_ad WHERE ad_group_ad\.ad\.id IN \(314\)$/));
      expect(queries.some((query) => /FROM ad_group(_ad)?$/.test(query))).toBe(false);
      expect(queries).toContainEqual(expect.stringContaining('segments.date BETWEEN'));
    });

    it('updates a revised recent day, drops a recent day gone to nothing, keeps older days', async () => {
      const metrics = await rows<Record<string, unknown>>('google_campaign_metrics', DIRECT, `campaign_id, to_char(date, 'YYYY-MM-DD') AS date, conversions, conversions_value`, 'campaign_id, date');
      expect(metrics).toEqual([
        { campaign_id: '111', date: daysAgo(3), conversions: 5, conversions_value: 200 },
        { campaign_id: '112', date: daysAgo(2), conversions: 0, conversions_value: 0 },
        // 40 days back: outside the re-sync window, left alone.
        { campaign_id: '113', date: daysAgo(40), conversions: 0, conversions_value: 0 },
      ]);
    });

    it('a full import again changes nothing and duplicates nothing', async () => {
      const before = await Promise.all(['google_campaigns', 'google_ad_groups', 'google_ads', 'google_campaign_metrics'].map((table) => rows(table, DIRECT, 'count(*)::int AS n')));
      expect((await imported(DIRECT, { mode: 'full' })).status).toBe('succeeded');
      const after = await Promise.all(['google_campaigns', 'google_ad_groups', 'google_ads', 'google_campaign_metrics'].map((table) => rows(table, DIRECT, 'count(*)::int AS n')));
      expect(after).toEqual(before);
      expect(before.map(([row]) => row.n)).toEqual([3, 3, 4, 3]);
    });
  });

  describe('an account reached through a manager', () => {
    it("imports through the manager's login-customer-id", async () => {
      f.google.calls.length = 0;
      const view = await imported(CLIENT);
      expect(view).toMatchObject({ status: 'succeeded', adAccountId: CLIENT });
      expect(await rows('google_campaigns', CLIENT, 'campaign_id, name, budget_micros, currency')).toEqual([
        { campaign_id: '911', name: 'Client campaign', budget_micros: '5000000', currency: 'GBP' },
      ]);
      expect(await rows('google_ad_groups', CLIENT, 'ad_group_id, campaign_id')).toEqual([{ ad_group_id: '921', campaign_id: '911' }]);
      expect(await rows('google_campaign_metrics', CLIENT, `campaign_id, to_char(date, 'YYYY-MM-DD') AS date, clicks::int`)).toEqual([{ campaign_id: '911', date: daysAgo(4), clicks: 5 }]);
      const calls = searchesOf(CLIENT);
      expect(calls.length).toBeGreaterThanOrEqual(4);
      expect(calls.every((call) => call.headers['login-customer-id'] === MANAGER)).toBe(true);
      // The other account's copy is untouched.
      expect((await rows('google_campaigns', DIRECT, 'count(*)::int AS n'))[0]).toEqual({ n: 3 });
    });
  });

  describe('an account whose manager is not stored', () => {
    it('is refused directly, then imported through the manager that lists it, which is kept on the account', async () => {
      await f.testApp.query(`UPDATE ad_accounts SET login_customer_id = NULL WHERE id = $1`, [accountUuid[CLIENT]]);
      f.google.calls.length = 0;
      const view = await imported(CLIENT, { mode: 'full' });
      expect(view).toMatchObject({ status: 'succeeded', adAccountId: CLIENT });
      expect(await rows('google_campaigns', CLIENT, 'campaign_id')).toEqual([{ campaign_id: '911' }]);

      // One refused call without a manager, one lookup at the manager, then every call through it.
      const calls = searchesOf(CLIENT);
      expect(calls[0].headers['login-customer-id']).toBeUndefined();
      expect(calls.slice(1).length).toBeGreaterThanOrEqual(4);
      expect(calls.slice(1).every((call) => call.headers['login-customer-id'] === MANAGER)).toBe(true);
      expect(searchesOf(MANAGER).map((call) => call.headers['login-customer-id'])).toEqual([MANAGER]);
      expect(view.platformCalls).toBe(calls.length + 1);
      const [row] = await f.testApp.query<{ login_customer_id: string | null }>(`SELECT login_customer_id FROM ad_accounts WHERE id = $1`, [accountUuid[CLIENT]]);
      expect(row.login_customer_id).toBe(MANAGER);
    });

    it('fails with the refusal when no manager of the connection lists it, and stores none', async () => {
      await f.testApp.query(`UPDATE ad_accounts SET login_customer_id = NULL WHERE id = $1`, [accountUuid[CLIENT]]);
      await f.testApp.query(`UPDATE ad_accounts SET is_manager = false WHERE account_id = $1`, [MANAGER]);
      try {
        const view = await imported(CLIENT, { mode: 'full' });
        expect(view).toMatchObject({ status: 'failed', error: { code: 'PLATFORM_ERROR', message: expect.stringContaining('only through a manager account') } });
        const [row] = await f.testApp.query<{ login_customer_id: string | null }>(`SELECT login_customer_id FROM ad_accounts WHERE id = $1`, [accountUuid[CLIENT]]);
        expect(row.login_customer_id).toBeNull();
      } finally {
        await f.testApp.query(`UPDATE ad_accounts SET is_manager = true WHERE account_id = $1`, [MANAGER]);
        await f.testApp.query(`UPDATE ad_accounts SET login_customer_id = $2 WHERE id = $1`, [accountUuid[CLIENT], MANAGER]);
      }
    });
  });

  describe('when Google refuses the authorization for good', () => {
    it('ends the import failed with PLATFORM_AUTH_EXPIRED and keeps the copy', async () => {
      f.google.revokeRefreshTokens();
      f.google.expireAccessTokens();
      const view = await imported();
      expect(view).toMatchObject({ status: 'failed', error: { code: 'PLATFORM_AUTH_EXPIRED', message: expect.any(String) } });
      expect((await rows('google_campaigns', DIRECT, 'count(*)::int AS n'))[0]).toEqual({ n: 3 });
    });
  });
});
