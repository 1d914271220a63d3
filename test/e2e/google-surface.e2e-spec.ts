import { GoogleTeamFixture, startGoogleTeam } from '../support/google-team';
import type { UserSession } from '../support/api-client';

const DIRECT = '1234567890';
const MANAGER = '5550001111';
const CLIENT = '7770001111';
const LATE = '8880001111';
const RANGE = 'startDate=2026-11-01&endDate=2026-11-30';

describe('Google surface: accounts, insights, assets and the permission guard', () => {
  let f: GoogleTeamFixture;
  let viewer: UserSession;
  let connectionId: string;
  const base = () => `/${f.teamId}/google`;
  const get = (who: UserSession, path: string) => f.api.as(who, 'get', `${base()}${path}`);
  const searches = () => f.google.calls.filter((call) => call.path.endsWith('/googleAds:search'));
  const queryOf = (call: { body: unknown }) => (call.body as { query: string }).query;

  beforeAll(async () => {
    f = await startGoogleTeam((google) => {
      google.addCustomer({ id: DIRECT, descriptiveName: 'Acme Search', currencyCode: 'USD', timeZone: 'America/New_York' });
      google.addCustomer({ id: MANAGER, descriptiveName: 'Acme MCC', currencyCode: 'EUR', timeZone: 'Europe/Paris', manager: true });
      google.addCustomer({ id: CLIENT, descriptiveName: 'Acme Shop', currencyCode: 'GBP', timeZone: 'Europe/London', managerId: MANAGER });
      google.addUser({ sub: 'google-user-1', email: 'ada@acme.test', customers: [DIRECT, MANAGER] });
      google.setMetrics(DIRECT, [
        { date: '2026-11-01', impressions: 1300, clicks: 43, costMicros: 13_400_000, conversions: 2 },
        { date: '2026-11-02', impressions: 600, clicks: 11, costMicros: 7_750_000, conversions: 1 },
      ]);
      google.setCampaigns(DIRECT, [
        {
          id: '111',
          name: 'Spring',
          budgetMicros: 50_000_000,
          metrics: [
            { date: '2026-11-01', impressions: 1000, clicks: 40, costMicros: 12_500_000, conversions: 2 },
            { date: '2026-11-02', impressions: 500, clicks: 10, costMicros: 7_500_000, conversions: 1 },
            { date: '2026-11-03', impressions: 200, clicks: 5, costMicros: 1_000_000 },
            { date: '2026-12-01', impressions: 9999, clicks: 999, costMicros: 99_000_000 },
          ],
        },
        {
          id: '112',
          name: 'Summer',
          status: 'PAUSED',
          metrics: [
            { date: '2026-11-01', impressions: 300, clicks: 3, costMicros: 900_000 },
            { date: '2026-11-02', impressions: 100, clicks: 1, costMicros: 250_000 },
          ],
        },
        { id: '113', name: 'Winter', status: 'REMOVED' },
      ]);
      google.setAdGroups(DIRECT, [
        { id: '211', campaignId: '111', name: 'Shoes', cpcBidMicros: 1_500_000, metrics: [{ date: '2026-11-01', impressions: 800, clicks: 30, costMicros: 9_000_000, conversions: 2 }] },
        { id: '212', campaignId: '112', name: 'Boots', status: 'PAUSED', metrics: [{ date: '2026-11-02', impressions: 100, clicks: 1, costMicros: 250_000 }] },
      ]);
      google.setAds(DIRECT, [
        {
          id: '311',
          adGroupId: '211',
          finalUrls: ['https://acme.test/shoes'],
          headlines: ['Shoes on sale', 'Free shipping'],
          descriptions: ['Order today'],
          metrics: [{ date: '2026-11-01', impressions: 800, clicks: 30, costMicros: 9_000_000, conversions: 2 }],
        },
        { id: '312', adGroupId: '212', status: 'PAUSED', metrics: [{ date: '2026-11-02', impressions: 100, clicks: 1, costMicros: 250_000 }] },
      ]);
      google.setAssets(DIRECT, [
        { id: '501', type: 'TEXT', text: 'Free shipping', campaigns: [{ campaignId: '111', fieldType: 'HEADLINE' }], adGroups: [{ adGroupId: '211', fieldType: 'DESCRIPTION' }] },
        {
          id: '502',
          type: 'IMAGE',
          name: 'Hero',
          imageUrl: 'https://img.test/hero.png',
          campaigns: [
            { campaignId: '112', fieldType: 'MARKETING_IMAGE', status: 'REMOVED' },
            { campaignId: '111', fieldType: 'MARKETING_IMAGE' },
          ],
        },
        { id: '503', type: 'YOUTUBE_VIDEO', name: 'Spot', youtubeVideoId: 'dQw4w9WgXcQ', youtubeVideoTitle: 'Spring spot' },
      ]);
      google.setCampaigns(CLIENT, [{ id: '911', name: 'Client campaign', metrics: [{ date: '2026-11-04', impressions: 50, clicks: 5, costMicros: 2_500_000 }] }]);
    });
    connectionId = await f.connect();
    viewer = f.viewer;
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: DIRECT, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
  });
  afterAll(() => f.close());

  describe('manager discovery at connect', () => {
    it('stores the clients of a manager with the manager as login-customer-id', async () => {
      const rows = await f.testApp.query<{ account_id: string; name: string; currency: string; is_manager: boolean; login_customer_id: string | null }>(
        `SELECT account_id, name, currency, is_manager, login_customer_id FROM ad_accounts WHERE connection_id = $1 ORDER BY account_id`,
        [connectionId],
      );
      expect(rows).toEqual([
        { account_id: DIRECT, name: 'Acme Search', currency: 'USD', is_manager: false, login_customer_id: null },
        { account_id: MANAGER, name: 'Acme MCC', currency: 'EUR', is_manager: true, login_customer_id: null },
        { account_id: CLIENT, name: 'Acme Shop', currency: 'GBP', is_manager: false, login_customer_id: MANAGER },
      ]);
      const clientQuery = f.google.calls.find((call) => call.path.endsWith(`/customers/${MANAGER}/googleAds:search`) && queryOf(call).includes('FROM customer_client'));
      expect(clientQuery?.headers['login-customer-id']).toBe(MANAGER);
      expect(queryOf(clientQuery!)).toContain('WHERE customer_client.level <= 1');
    });
  });

  describe('GET list-accessible-accounts', () => {
    it('lists the accessible customers and the clients of their managers, live, for a team admin', async () => {
      const stored = await f.testApp.query<{ id: string; account_id: string }>(`SELECT id, account_id FROM ad_accounts WHERE connection_id = $1`, [connectionId]);
      const uuid = (accountId: string) => stored.find((row) => row.account_id === accountId)!.id;
      const response = await get(f.teamAdmin, '/list-accessible-accounts').expect(200);
      expect(response.body.data).toEqual([
        { id: uuid(DIRECT), connectionId, accountId: DIRECT, name: 'Acme Search', currency: 'USD', timezone: 'America/New_York', status: 'ENABLED', isManager: false, loginCustomerId: null },
        { id: uuid(MANAGER), connectionId, accountId: MANAGER, name: 'Acme MCC', currency: 'EUR', timezone: 'Europe/Paris', status: 'ENABLED', isManager: true, loginCustomerId: null },
        { id: uuid(CLIENT), connectionId, accountId: CLIENT, name: 'Acme Shop', currency: 'GBP', timezone: 'Europe/London', status: 'ENABLED', isManager: false, loginCustomerId: MANAGER },
      ]);
    });

    it('shows a client added under the manager since the connect (not stored yet: id null)', async () => {
      f.google.addCustomer({ id: LATE, descriptiveName: 'Late client', currencyCode: 'JPY', timeZone: 'Asia/Tokyo', managerId: MANAGER });
      const response = await get(f.wsAdmin, '/list-accessible-accounts').expect(200);
      expect(response.body.data.map((account: { accountId: string }) => account.accountId)).toEqual([DIRECT, MANAGER, CLIENT, LATE]);
      expect(response.body.data[3]).toMatchObject({ id: null, accountId: LATE, currency: 'JPY', loginCustomerId: MANAGER });
    });

    it('a member sees only the accounts they hold a permission on; without any, Google is not even asked', async () => {
      const viewed = await get(viewer, '/list-accessible-accounts').expect(200);
      expect(viewed.body.data.map((account: { accountId: string }) => account.accountId)).toEqual([DIRECT]);
      const calls = f.google.calls.length;
      const none = await get(f.member, '/list-accessible-accounts').expect(200);
      expect(none.body.data).toEqual([]);
      expect(f.google.calls.length).toBe(calls);
    });

    it('an outsider gets a 404; a malformed team a 400', async () => {
      await get(f.outsider, '/list-accessible-accounts').expect(404);
      await f.api.as(f.teamAdmin, 'get', '/not-a-uuid/google/list-accessible-accounts').expect(400);
    });
  });

  describe('GET insights', () => {
    it('customer level by default: money in micros and in the account currency', async () => {
      const response = await get(viewer, `/insights?adAccountId=${DIRECT}&${RANGE}`).expect(200);
      expect(response.body.data).toEqual([
        {
          customer_id: DIRECT,
          customer_name: 'Acme Search',
          impressions: 1900,
          clicks: 54,
          ctr: expect.closeTo(54 / 1900, 10),
          cost_micros: 21_150_000,
          cost: 21.15,
          average_cpc_micros: expect.closeTo(21_150_000 / 54, 4),
          average_cpc: 0.391667,
          conversions: 3,
          currency: 'USD',
        },
      ]);
      const [call] = searches().slice(-1);
      expect(queryOf(call)).toBe(
        "SELECT customer.id, customer.descriptive_name, metrics.impressions, metrics.clicks, metrics.ctr, metrics.cost_micros, metrics.average_cpc, metrics.conversions FROM customer WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-30' ORDER BY customer.id ASC",
      );
      expect(call.headers).not.toHaveProperty('login-customer-id');
    });

    it('campaign level by day follows nextPageToken across every page, never sending pageSize', async () => {
      f.google.rowsPerPage = 2;
      try {
        const before = searches().length;
        const response = await get(f.teamAdmin, `/insights?adAccountId=${DIRECT}&level=campaign&fields=date,campaign_name,impressions,cost_micros&${RANGE}`).expect(200);
        expect(response.body.data).toEqual([
          { campaign_id: '111', date: '2026-11-01', campaign_name: 'Spring', impressions: 1000, cost_micros: 12_500_000, cost: 12.5, currency: 'USD' },
          { campaign_id: '112', date: '2026-11-01', campaign_name: 'Summer', impressions: 300, cost_micros: 900_000, cost: 0.9, currency: 'USD' },
          { campaign_id: '111', date: '2026-11-02', campaign_name: 'Spring', impressions: 500, cost_micros: 7_500_000, cost: 7.5, currency: 'USD' },
          { campaign_id: '112', date: '2026-11-02', campaign_name: 'Summer', impressions: 100, cost_micros: 250_000, cost: 0.25, currency: 'USD' },
          { campaign_id: '111', date: '2026-11-03', campaign_name: 'Spring', impressions: 200, cost_micros: 1_000_000, cost: 1, currency: 'USD' },
        ]);
        const pages = searches().slice(before).map((call) => call.body as Record<string, unknown>);
        expect(pages).toHaveLength(3);
        expect(pages[0]).toEqual({ query: expect.stringContaining('FROM campaign WHERE segments.date BETWEEN') });
        expect(pages.slice(1)).toEqual([
          { query: pages[0].query, pageToken: expect.any(String) },
          { query: pages[0].query, pageToken: expect.any(String) },
        ]);
      } finally {
        f.google.rowsPerPage = 10000;
      }
    });

    it('campaign level over the range: one row per campaign, budget and average CPC in micros and units', async () => {
      const response = await get(viewer, `/insights?adAccountId=${DIRECT}&level=campaign&fields=campaign_status,budget_amount_micros,clicks,average_cpc&${RANGE}`).expect(200);
      expect(response.body.data).toEqual([
        { campaign_id: '111', campaign_status: 'ENABLED', budget_amount_micros: 50_000_000, budget_amount: 50, clicks: 55, average_cpc_micros: expect.closeTo(21_000_000 / 55, 4), average_cpc: 0.381818, currency: 'USD' },
        { campaign_id: '112', campaign_status: 'PAUSED', budget_amount_micros: null, budget_amount: null, clicks: 4, average_cpc_micros: 287_500, average_cpc: 0.2875, currency: 'USD' },
        { campaign_id: '113', campaign_status: 'REMOVED', budget_amount_micros: null, budget_amount: null, clicks: 0, average_cpc_micros: 0, average_cpc: 0, currency: 'USD' },
      ]);
    });

    it('ad group level with its campaign', async () => {
      const response = await get(viewer, `/insights?adAccountId=${DIRECT}&level=ad_group&fields=ad_group_name,campaign_name,cpc_bid_micros,clicks,cost_micros&${RANGE}`).expect(200);
      expect(response.body.data).toEqual([
        { ad_group_id: '211', ad_group_name: 'Shoes', campaign_name: 'Spring', cpc_bid_micros: 1_500_000, cpc_bid: 1.5, clicks: 30, cost_micros: 9_000_000, cost: 9, currency: 'USD' },
        { ad_group_id: '212', ad_group_name: 'Boots', campaign_name: 'Summer', cpc_bid_micros: null, cpc_bid: null, clicks: 1, cost_micros: 250_000, cost: 0.25, currency: 'USD' },
      ]);
      expect(queryOf(searches().slice(-1)[0])).toContain('FROM ad_group WHERE');
    });

    it('ad level, with fields given as a repeated parameter', async () => {
      const fields = ['headlines', 'final_urls,ad_status', 'ad_group_id', 'campaign_id', 'conversions', 'average_cpc'].map((name) => `fields=${name}`).join('&');
      const response = await get(viewer, `/insights?adAccountId=${DIRECT}&level=ad&${fields}&${RANGE}`).expect(200);
      expect(response.body.data).toEqual([
        {
          ad_id: '311',
          headlines: ['Shoes on sale', 'Free shipping'],
          final_urls: ['https://acme.test/shoes'],
          ad_status: 'ENABLED',
          ad_group_id: '211',
          campaign_id: '111',
          conversions: 2,
          average_cpc_micros: 300_000,
          average_cpc: 0.3,
          currency: 'USD',
        },
        { ad_id: '312', headlines: [], final_urls: [], ad_status: 'PAUSED', ad_group_id: '212', campaign_id: '112', conversions: 0, average_cpc_micros: 250_000, average_cpc: 0.25, currency: 'USD' },
      ]);
      expect(queryOf(searches().slice(-1)[0])).toMatch(/^SELECT ad_group_ad\.ad\.id, ad_group_ad\.ad\.responsive_search_ad\.headlines, .* FROM ad_group_ad WHERE/);
    });

    it.each([
      ['an unknown field', `level=campaign&fields=clicks,secret_sauce&${RANGE}`],
      ['a field of another level', `level=customer&fields=campaign_name,clicks&${RANGE}`],
      ['GAQL text in fields', `fields=${encodeURIComponent("clicks FROM campaign WHERE campaign.name = 'x'")}&${RANGE}`],
      ['no metric', `level=campaign&fields=campaign_name&${RANGE}`],
      ['an unknown level', `level=keyword&${RANGE}`],
      ['start after end', 'startDate=2026-11-30&endDate=2026-11-01'],
      ['a date off the calendar', 'startDate=2026-02-30&endDate=2026-03-01'],
      ['missing dates', ''],
      ['an unknown query parameter', `${RANGE}&pageSize=5`],
    ])('answers 400 for %s without calling Google', async (_name, query) => {
      const calls = f.google.calls.length;
      const response = await get(f.teamAdmin, `/insights?adAccountId=${DIRECT}&${query}`).expect(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
      expect(f.google.calls.length).toBe(calls);
    });
  });

  describe('GET assets', () => {
    it('customer level: the assets of the customer (FROM asset)', async () => {
      const response = await get(viewer, `/assets?adAccountId=${DIRECT}`).expect(200);
      expect(response.body.data).toEqual([
        { asset_id: '501', asset_name: null, asset_type: 'TEXT', text: 'Free shipping', image_url: null, youtube_video_id: null, youtube_video_title: null, final_urls: [] },
        { asset_id: '502', asset_name: 'Hero', asset_type: 'IMAGE', text: null, image_url: 'https://img.test/hero.png', youtube_video_id: null, youtube_video_title: null, final_urls: [] },
        { asset_id: '503', asset_name: 'Spot', asset_type: 'YOUTUBE_VIDEO', text: null, image_url: null, youtube_video_id: 'dQw4w9WgXcQ', youtube_video_title: 'Spring spot', final_urls: [] },
      ]);
    });

    it('campaign level: the links of each campaign, removed links left out', async () => {
      const response = await get(viewer, `/assets?adAccountId=${DIRECT}&level=campaign&fields=campaign_name,field_type,link_status,asset_type`).expect(200);
      expect(response.body.data).toEqual([
        { campaign_id: '111', asset_id: '501', campaign_name: 'Spring', field_type: 'HEADLINE', link_status: 'ENABLED', asset_type: 'TEXT' },
        { campaign_id: '111', asset_id: '502', campaign_name: 'Spring', field_type: 'MARKETING_IMAGE', link_status: 'ENABLED', asset_type: 'IMAGE' },
      ]);
      expect(queryOf(searches().slice(-1)[0])).toContain("FROM campaign_asset WHERE campaign_asset.status != 'REMOVED'");
    });

    it('ad group level', async () => {
      const response = await get(viewer, `/assets?adAccountId=${DIRECT}&level=ad_group&fields=ad_group_name&fields=field_type,text`).expect(200);
      expect(response.body.data).toEqual([{ ad_group_id: '211', asset_id: '501', ad_group_name: 'Shoes', field_type: 'DESCRIPTION', text: 'Free shipping' }]);
    });

    it('refuses an unknown level or field without calling Google', async () => {
      const calls = f.google.calls.length;
      await get(viewer, `/assets?adAccountId=${DIRECT}&level=ad`).expect(400);
      await get(viewer, `/assets?adAccountId=${DIRECT}&fields=clicks`).expect(400);
      expect(f.google.calls.length).toBe(calls);
    });
  });

  describe('the permission guard', () => {
    it('a member without permission is refused, a VIEWER of another account too; an outsider sees nothing', async () => {
      await get(f.member, `/insights?adAccountId=${DIRECT}&${RANGE}`).expect(403);
      await get(f.member, `/assets?adAccountId=${DIRECT}`).expect(403);
      await get(viewer, `/insights?adAccountId=${CLIENT}&level=campaign&${RANGE}`).expect(403);
      await get(f.outsider, `/insights?adAccountId=${DIRECT}&${RANGE}`).expect(404);
      await get(f.outsider, `/assets?adAccountId=${DIRECT}`).expect(404);
    });

    it('without adAccountId: 400 when the team has several Google accounts; an unknown account is a 404', async () => {
      const response = await get(f.teamAdmin, `/insights?${RANGE}`).expect(400);
      expect(response.body.error.details[0]).toContain('several');
      await get(f.teamAdmin, `/insights?adAccountId=9999999999&${RANGE}`).expect(404);
      await get(f.teamAdmin, `/insights?adAccountId=123-456-7890&${RANGE}`).expect(200);
    });
  });

  describe('login-customer-id', () => {
    const clientInsights = () => get(f.teamAdmin, `/insights?adAccountId=${CLIENT}&level=campaign&fields=campaign_name,clicks,cost_micros&${RANGE}`);
    const expected = [{ campaign_id: '911', campaign_name: 'Client campaign', clicks: 5, cost_micros: 2_500_000, cost: 2.5, currency: 'GBP' }];

    it('a client found at connect is read through its manager', async () => {
      const before = searches().length;
      expect((await clientInsights().expect(200)).body.data).toEqual(expected);
      const calls = searches().slice(before);
      expect(calls.map((call) => [call.path, call.headers['login-customer-id']])).toEqual([[`/v26/customers/${CLIENT}/googleAds:search`, MANAGER]]);
    });

    it('USER_PERMISSION_DENIED retries once through the manager that lists the account, which is then kept', async () => {
      await f.testApp.query(`UPDATE ad_accounts SET login_customer_id = NULL WHERE account_id = $1`, [CLIENT]);
      const before = searches().length;
      expect((await clientInsights().expect(200)).body.data).toEqual(expected);
      const calls = searches().slice(before);
      expect(calls.map((call) => [call.path, call.headers['login-customer-id'] ?? null, queryOf(call).split(' FROM ')[1].split(' ')[0]])).toEqual([
        [`/v26/customers/${CLIENT}/googleAds:search`, null, 'campaign'],
        [`/v26/customers/${MANAGER}/googleAds:search`, MANAGER, 'customer_client'],
        [`/v26/customers/${CLIENT}/googleAds:search`, MANAGER, 'campaign'],
      ]);
      expect(queryOf(calls[1])).toBe(`SELECT customer_client.id FROM customer_client WHERE customer_client.id = ${CLIENT}`);
      const [row] = await f.testApp.query<{ login_customer_id: string | null }>(`SELECT login_customer_id FROM ad_accounts WHERE account_id = $1`, [CLIENT]);
      expect(row.login_customer_id).toBe(MANAGER);

      const next = searches().length;
      await clientInsights().expect(200);
      expect(searches().slice(next).map((call) => call.headers['login-customer-id'])).toEqual([MANAGER]);
    });

    it('when no manager lists the account, the refusal is a 502 PLATFORM_ERROR with Google’s request id', async () => {
      f.google.failNext('permission-denied');
      const response = await get(f.teamAdmin, `/insights?adAccountId=${DIRECT}&${RANGE}`).expect(502);
      expect(response.body.error.code).toBe('PLATFORM_ERROR');
      expect(response.body.error.details).toMatchObject({ platform: 'google', platformCode: 'USER_PERMISSION_DENIED', traceId: expect.any(String) });
      const [row] = await f.testApp.query<{ login_customer_id: string | null }>(`SELECT login_customer_id FROM ad_accounts WHERE account_id = $1`, [DIRECT]);
      expect(row.login_customer_id).toBeNull();
    });
  });

  describe('errors and tokens', () => {
    it('a quota error is a 429 PLATFORM_RATE_LIMITED with Retry-After from Google’s retry delay', async () => {
      f.google.failNext('quota');
      const response = await get(f.teamAdmin, `/insights?adAccountId=${DIRECT}&level=campaign&${RANGE}`).expect(429);
      expect(response.body.error.code).toBe('PLATFORM_RATE_LIMITED');
      expect(response.body.error.details).toMatchObject({ platformCode: 'RESOURCE_TEMPORARILY_EXHAUSTED', retryAfterSeconds: 7, traceId: expect.any(String) });
      expect(response.headers['retry-after']).toBe('7');
    });

    it('refreshes an access token about to expire before calling Google', async () => {
      await f.testApp.query(`UPDATE platform_connections SET access_token_expires_at = now() + interval '1 minute' WHERE id = $1`, [connectionId]);
      const before = f.google.tokenGrants('refresh_token');
      await get(viewer, `/assets?adAccountId=${DIRECT}`).expect(200);
      await get(viewer, `/insights?adAccountId=${DIRECT}&${RANGE}`).expect(200);
      expect(f.google.tokenGrants('refresh_token')).toBe(before + 1);
      const [row] = await f.testApp.query<{ later: boolean }>(`SELECT access_token_expires_at > now() + interval '30 minutes' AS later FROM platform_connections WHERE id = $1`, [connectionId]);
      expect(row.later).toBe(true);
    });

    it('an authentication error that survives a refresh is a 424 PLATFORM_AUTH_EXPIRED and the connection is marked expired', async () => {
      f.google.failNext('auth-expired', 2);
      const before = f.google.tokenGrants('refresh_token');
      const response = await get(f.teamAdmin, `/insights?adAccountId=${DIRECT}&${RANGE}`).expect(424);
      expect(response.body.error.code).toBe('PLATFORM_AUTH_EXPIRED');
      expect(f.google.tokenGrants('refresh_token')).toBe(before + 1);
      const [row] = await f.testApp.query<{ status: string }>(`SELECT status FROM platform_connections WHERE id = $1`, [connectionId]);
      expect(row.status).toBe('expired');

      const calls = f.google.calls.length;
      await get(f.teamAdmin, `/assets?adAccountId=${DIRECT}`).expect(424);
      await get(f.teamAdmin, '/list-accessible-accounts').expect(424);
      expect(f.google.calls.length).toBe(calls);
    });

    it('connecting again makes the surface work again', async () => {
      expect(await f.connect()).toBe(connectionId);
      await get(viewer, `/insights?adAccountId=${DIRECT}&${RANGE}`).expect(200);
    });
  });
});
