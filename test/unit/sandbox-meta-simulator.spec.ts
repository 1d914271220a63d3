import { Test } from '@nestjs/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig } from '../../src/config/load-config';
import { MetaCampaignStatusWriter } from '../../src/platforms/meta/meta-campaign-status.writer';
import { metaMoneyToMinor } from '../../src/platforms/meta/meta-campaign-insights.mapper';
import { MetaConnector } from '../../src/platforms/meta/meta-connector';
import { GraphPage, MetaGraphClient } from '../../src/platforms/meta/meta-graph.client';
import { metaCampaignDailyParams, MetaInsightsReportClient, MetaTokenCaller } from '../../src/platforms/meta/meta-insights-report.client';
import { META_OBJECT_KINDS, metaObjectPageParams, MetaObjectPagesReader } from '../../src/platforms/meta/meta-object-pages.reader';
import { MetaObjectsReader } from '../../src/platforms/meta/meta-objects.reader';
import { MetaOAuthClient } from '../../src/platforms/meta/meta-oauth.client';
import { MetaPagesReader } from '../../src/platforms/meta/meta-pages.reader';
import { MetaTargetingReader } from '../../src/platforms/meta/meta-targeting.reader';
import { PlatformError } from '../../src/platforms/platform-error';
import { MetaSandboxWorldFactory } from '../../src/sandbox/meta/meta-sandbox-world.factory';
import { SandboxSimulator } from '../../src/sandbox/sandbox-simulator.service';
import { SandboxModule } from '../../src/sandbox/sandbox.module';
import { SANDBOX_META_APP_ID, SANDBOX_META_APP_SECRET } from '../../src/sandbox/sandbox-world';
import { ConfiguredSandboxEndpoints } from '../support/configured-sandbox-endpoints';

const TENANT = '3f2b8c1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const OTHER_TENANT = 'a0b1c2d3-e4f5-4a6b-9c8d-7e6f5a4b3c2d';
const ACTION = 'https://app.example/api/v1/sandbox/meta/consent';
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-sandbox-meta-'));

type Row = Record<string, unknown>;

function clients(baseUrl: string, secret = SANDBOX_META_APP_SECRET) {
  const config = loadConfig({
    JWT_SECRET: 'j'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATA_DIR,
    PUBLIC_URL: 'https://app.example',
    META_APP_ID: SANDBOX_META_APP_ID,
    META_APP_SECRET: secret,
    META_GRAPH_URL: baseUrl,
    META_DIALOG_URL: 'https://app.example/sandbox',
    PLATFORM_HTTP_TIMEOUT_MS: '5000',
  });
  const endpoints = new ConfiguredSandboxEndpoints(config);
  const graph = new MetaGraphClient(config, undefined, endpoints);
  const oauth = new MetaOAuthClient(config, graph, endpoints);
  return {
    graph,
    oauth,
    connector: new MetaConnector(oauth, graph),
    objects: new MetaObjectsReader(graph),
    objectPages: new MetaObjectPagesReader(graph),
    pages: new MetaPagesReader(graph),
    targeting: new MetaTargetingReader(graph),
    status: new MetaCampaignStatusWriter(graph),
    reports: new MetaInsightsReportClient(graph, { delaysMs: [0], maxWaitMs: 5000 }),
  };
}

/** The dialog's parameters as the product sends them (its own authorize URL). */
function dialogParams(oauth: MetaOAuthClient, state: string): Record<string, string> {
  return Object.fromEntries(new URL(oauth.authorizeUrl(state)).searchParams);
}

async function startSimulator(): Promise<SandboxSimulator> {
  const simulator = new SandboxSimulator([new MetaSandboxWorldFactory()]);
  await simulator.start();
  return simulator;
}

/** Consent (Grant) and the product's connect: a long-lived sandbox token and the user's ad accounts. */
async function connect(simulator: SandboxSimulator, tenantId: string) {
  const c = clients(simulator.baseUrl('meta', tenantId));
  const answer = simulator.consent('meta', tenantId, 'POST', { ...dialogParams(c.oauth, 'st-1'), decision: 'grant' }, ACTION);
  const code = new URL(answer.headers.Location).searchParams.get('code')!;
  return { ...c, grant: await c.connector.connect(code) };
}

function sumBy(rows: Row[], key: (row: Row) => string, currency: string): Map<string, { impressions: number; clicks: number; spend: number }> {
  const sums = new Map<string, { impressions: number; clicks: number; spend: number }>();
  for (const row of rows) {
    const sum = sums.get(key(row)) ?? { impressions: 0, clicks: 0, spend: 0 };
    sum.impressions += Number(row.impressions);
    sum.clicks += Number(row.clicks);
    sum.spend += metaMoneyToMinor(row.spend, currency) ?? NaN;
    sums.set(key(row), sum);
  }
  return sums;
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe('the sandbox simulator serving a tenant\'s simulated Meta', () => {
  let simulator: SandboxSimulator;
  let session: Awaited<ReturnType<typeof connect>>;
  let token: string;
  const caller: MetaTokenCaller = (call) => call(token);

  beforeAll(async () => {
    simulator = await startSimulator();
    session = await connect(simulator, TENANT);
    token = session.grant.accessToken;
  });
  afterAll(() => simulator.stop());

  it('serves the world on a loopback base URL per tenant and platform', () => {
    expect(simulator.baseUrl('meta', TENANT)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/t/${TENANT}/meta$`));
    expect(() => simulator.baseUrl('meta', 'not-a-uuid')).toThrow('UUID');
    expect(() => simulator.baseUrl('google', TENANT)).toThrow('no simulated google');
    expect(() => new SandboxSimulator([new MetaSandboxWorldFactory()]).baseUrl('meta', TENANT)).toThrow('not started');
  });

  it('renders the consent page with the app\'s action URL and the signed-in user, carrying the dialog parameters', () => {
    const params = dialogParams(session.oauth, 'state-42');
    const page = simulator.consent('meta', TENANT, 'GET', params, ACTION);
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toMatch(/^text\/html/);
    expect(page.body).toContain(`<form method="post" action="${ACTION}">`);
    expect(page.body).toContain('name="state" value="state-42"');
    expect(page.body).toContain('sandbox');
    const seededName = (simulator.world('meta', TENANT) as unknown as { seed: { user: { name: string } } }).seed.user.name;
    expect(page.body).toContain(seededName);
  });

  it('redirects Grant to redirect_uri with code and state, and Deny with access_denied', () => {
    const params = dialogParams(session.oauth, 'state-7');
    const granted = simulator.consent('meta', TENANT, 'POST', { ...params, decision: 'grant' }, ACTION);
    expect(granted.status).toBe(302);
    const to = new URL(granted.headers.Location);
    expect(`${to.origin}${to.pathname}`).toBe('https://app.example/api/v1/meta/redirect/callback');
    expect(to.searchParams.get('code')).toMatch(/^AQ/);
    expect(to.searchParams.get('state')).toBe('state-7');

    const denied = new URL(simulator.consent('meta', TENANT, 'POST', { ...params, decision: 'deny' }, ACTION).headers.Location);
    expect(Object.fromEntries(denied.searchParams)).toEqual({ error: 'access_denied', error_reason: 'user_denied', error_description: 'Permissions error', state: 'state-7' });

    const wrongApp = simulator.consent('meta', TENANT, 'GET', { ...params, client_id: '1234567890' }, ACTION);
    expect(wrongApp.status).toBe(400);
    expect(JSON.parse(wrongApp.body!)).toMatchObject({ error: { code: 101 } });
  });

  it('exchanges a code with the sandbox credentials for sbx_ tokens, and refuses a wrong secret', async () => {
    expect(token).toMatch(/^sbx_EAA/);
    expect(session.grant).toMatchObject({ platform: 'meta', refreshToken: null });
    expect(session.grant.scopes).toEqual(expect.arrayContaining(['ads_management', 'ads_read', 'pages_show_list']));
    expect(session.grant.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 86_400_000);

    const wrong = clients(simulator.baseUrl('meta', TENANT), 'not-the-sandbox-secret');
    const params = dialogParams(wrong.oauth, 's');
    const code = new URL(simulator.consent('meta', TENANT, 'POST', { ...params, decision: 'grant' }, ACTION).headers.Location).searchParams.get('code')!;
    const refused = await wrong.oauth.exchangeCode(code).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PlatformError);
    expect((refused as PlatformError).platformDetails).toMatchObject({ platform: 'meta', platformCode: 1 });
    // The same code still works with the right secret (a refused exchange does not use it up).
    expect((await session.oauth.exchangeCode(code)).accessToken).toMatch(/^sbx_/);

    // A user call signed with the wrong secret is refused too (appsecret_proof).
    const proofless = await wrong.graph.get('/me', {}, token).catch((error: unknown) => error);
    expect((proofless as PlatformError).platformDetails).toMatchObject({ platformCode: 100 });
  });

  it('lists the user\'s three ad accounts, one of them in yen', () => {
    const accounts = session.grant.accounts;
    expect(accounts).toHaveLength(3);
    expect(new Set(accounts.map((account) => account.currency)).size).toBe(3);
    expect(accounts.map((account) => account.currency)).toContain('JPY');
    for (const account of accounts) {
      expect(account).toMatchObject({ status: 'ACTIVE', isManager: false });
      expect(account.accountId).toMatch(/^\d{15}$/);
      expect(account.name).toMatch(/ – /);
      expect(account.timezone).toMatch(/\//);
    }
  });

  it('is deterministic: another simulator has the same data for the same tenant (and accepts its tokens), another tenant has other data', async () => {
    const again = await startSimulator();
    try {
      const there = clients(again.baseUrl('meta', TENANT));
      // A token minted by the first simulator still works: a restart does not break stored connections.
      const accounts = await there.graph.paginate<Row>('/me/adaccounts', { fields: 'id,name,currency' }, token);
      expect(accounts.map((row) => row.id)).toEqual(session.grant.accounts.map((account) => `act_${account.accountId}`));
      const accountId = session.grant.accounts[0].accountId;
      const fields = ['id', 'name', 'objective', 'daily_budget', 'created_time'];
      expect(await there.objects.campaigns(token, accountId, { fields })).toEqual(await session.objects.campaigns(token, accountId, { fields }));

      const other = await connect(again, OTHER_TENANT);
      expect(other.grant.accounts.map((account) => account.accountId)).not.toEqual(session.grant.accounts.map((account) => account.accountId));
      // Tokens are bound to their tenant's world.
      const crossed = await there.graph.get('/me', {}, other.grant.accessToken).catch((error: unknown) => error);
      expect((crossed as PlatformError).platformDetails).toMatchObject({ platformCode: 190 });
    } finally {
      await again.stop();
    }
  });

  it('has campaigns, ad sets, ads, creatives, pixels and audiences on every account', async () => {
    for (const account of session.grant.accounts) {
      const campaigns = await session.objects.campaigns(token, account.accountId, { fields: ['id', 'name', 'status', 'objective'] });
      expect(campaigns.length).toBeGreaterThanOrEqual(5);
      const adsets = await session.objects.adsets(token, account.accountId, { fields: ['id', 'campaign_id', 'targeting', 'optimization_goal'] });
      expect(adsets.length).toBeGreaterThanOrEqual(campaigns.length);
      expect(adsets[0].targeting).toMatchObject({ geo_locations: { countries: [expect.stringMatching(/^[A-Z]{2}$/)] } });
      const ads = await session.objects.ads(token, account.accountId, { fields: ['id', 'adset_id', 'campaign_id', 'creative'] });
      expect(ads.length).toBeGreaterThanOrEqual(adsets.length);
      const creatives = await session.objects.adcreatives(token, account.accountId, { fields: ['id', 'title', 'object_story_spec'] });
      expect(creatives).toHaveLength(ads.length);
      expect(await session.objects.pixels(token, account.accountId)).toHaveLength(1);
      expect((await session.objects.savedAudiences(token, account.accountId)).length).toBeGreaterThan(0);
      expect((await session.objects.customAudiences(token, account.accountId)).map((row) => row.subtype)).toEqual(['WEBSITE', 'CUSTOM', 'LOOKALIKE']);
    }
  });

  it('answers the import\'s object pages with every field of the product\'s lists and the edge totals', async () => {
    const account = session.grant.accounts[0];
    for (const kind of META_OBJECT_KINDS) {
      const page = await session.objectPages.page(token, account.accountId, kind, { limit: 500, withTotal: true });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.total).toBe(page.rows.length);
      expect(page.after).toBeUndefined();
      expect(page.rows.every((row) => typeof row.id === 'string' && typeof row.name === 'string')).toBe(true);
    }
    // The resync's filter: nothing updated in the future, everything updated since long ago.
    const future = await session.graph.get<GraphPage<Row>>(`/act_${account.accountId}/campaigns`, metaObjectPageParams('campaigns', { limit: 500, updatedAfter: Math.floor(Date.now() / 1000) + 3600 }), token);
    expect(future.data).toEqual([]);
    const since = await session.objectPages.page(token, account.accountId, 'ads', { limit: 500, updatedAfter: 1_000_000_000 });
    expect(since.rows.length).toBeGreaterThan(0);
  });

  it('has pages with sbx_ page tokens and lead forms', async () => {
    const pages = await session.pages.pages(token);
    expect(pages).toHaveLength(2);
    expect(pages[0].tasks).toContain('ADVERTISE');
    expect(await session.pages.pageToken(token, pages[0].id)).toMatch(/^sbx_EAAP/);
    const forms = await session.pages.leadForms(token, pages[0].id);
    expect(forms.length).toBeGreaterThan(0);
    expect(forms[0]).toMatchObject({ status: 'ACTIVE', leads_count: expect.any(Number) });
  });

  it('answers targeting searches of every type the product exposes', async () => {
    expect((await session.targeting.search(token, 'location', 'tokyo')).map((row) => row.type)).toEqual(expect.arrayContaining(['region', 'city']));
    expect((await session.targeting.search(token, 'location', 'united')).map((row) => row.id)).toEqual(expect.arrayContaining(['US', 'GB']));
    expect(await session.targeting.search(token, 'interest', 'coffee')).toEqual([expect.objectContaining({ name: 'Coffee', type: 'interests', audience_size_lower_bound: expect.any(Number) })]);
    expect((await session.targeting.search(token, 'interest', 'kite surfing'))[0]).toMatchObject({ name: 'Kite Surfing' });
    expect((await session.targeting.search(token, 'locale', 'english')).length).toBe(2);
    expect(await session.targeting.search(token, 'behavior', 'travel')).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Frequent travelers', type: 'behaviors' })]));
    for (const type of ['lifeEvent', 'industry', 'income', 'familyStatus'] as const) {
      expect((await session.targeting.search(token, type, 'e')).length).toBeGreaterThan(0);
    }
    for (const type of ['educationSchool', 'educationMajor', 'workEmployer', 'workPosition'] as const) {
      expect((await session.targeting.search(token, type, 'zebra')).length).toBeGreaterThan(0);
    }
    expect(await session.targeting.search(token, 'location', 'Atlantis')).toEqual([]);
  });

  it('has daily insights that add up: gender rows sum to the day\'s campaign total, ad sets and ads to their campaign', async () => {
    const account = session.grant.accounts.find((candidate) => candidate.currency === 'JPY')!;
    const range = { since: daysAgo(7), until: daysAgo(1) };
    const read = (params: Row) => session.graph.paginate<Row>(`/act_${account.accountId}/insights`, { ...params, time_range: range, time_increment: 1, limit: 500 }, token);
    const byCampaignDay = (row: Row) => `${String(row.campaign_id)}|${String(row.date_start)}`;

    const totals = await read({ level: 'campaign', fields: 'campaign_id,impressions,clicks,spend,account_currency' });
    expect(totals.length).toBeGreaterThan(10);
    expect(totals.every((row) => row.account_currency === 'JPY' && /^\d+$/.test(String(row.spend)))).toBe(true);
    const expected = sumBy(totals, byCampaignDay, 'JPY');
    for (const breakdown of ['gender', 'age', 'country', 'publisher_platform', 'impression_device']) {
      const rows = await read({ level: 'campaign', fields: 'campaign_id,impressions,clicks,spend', breakdowns: breakdown });
      expect(rows.every((row) => typeof row[breakdown] === 'string')).toBe(true);
      expect(sumBy(rows, byCampaignDay, 'JPY')).toEqual(expected);
    }
    expect(sumBy(await read({ level: 'adset', fields: 'campaign_id,adset_id,impressions,clicks,spend' }), byCampaignDay, 'JPY')).toEqual(expected);
    expect(sumBy(await read({ level: 'ad', fields: 'campaign_id,ad_id,impressions,clicks,spend', breakdowns: 'gender' }), byCampaignDay, 'JPY')).toEqual(expected);
    const accountRows = await read({ level: 'account', fields: 'impressions,clicks,spend' });
    expect(sumBy(accountRows, (row) => String(row.date_start), 'JPY')).toEqual(sumBy(totals, (row) => String(row.date_start), 'JPY'));
  });

  it('answers the import\'s async report with the same numbers as the synchronous edge, no day after today', async () => {
    const account = session.grant.accounts[0];
    const since = daysAgo(89);
    const until = daysAgo(-3);
    const id = await session.reports.startReport(caller, account.accountId, metaCampaignDailyParams('gender', since, until));
    expect((await session.reports.waitForReport(caller, id)).status).toBe('Job Completed');
    const rows: Row[] = [];
    let pages = 0;
    for await (const page of session.reports.pages(caller, { reportRunId: id })) {
      rows.push(...page.rows);
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect(rows.every((row) => String(row.date_start) <= daysAgo(0))).toBe(true);
    const sync = await session.graph.paginate<Row>(`/act_${account.accountId}/insights`, { ...metaCampaignDailyParams('none', daysAgo(5), daysAgo(1)), limit: 500 }, token);
    const recent = rows.filter((row) => String(row.date_start) >= daysAgo(5) && String(row.date_start) <= daysAgo(1));
    const key = (row: Row) => `${String(row.campaign_id)}|${String(row.date_start)}`;
    expect(sumBy(recent, key, account.currency!)).toEqual(sumBy(sync, key, account.currency!));
  });

  it('caps the page size at 500 and follows paging.next on the world\'s base URL', async () => {
    const account = session.grant.accounts[0];
    const base = simulator.baseUrl('meta', TENANT);
    const range = JSON.stringify({ since: daysAgo(89), until: daysAgo(1) });
    const big = await session.graph.get<GraphPage<Row>>(`/act_${account.accountId}/insights`, { level: 'campaign', time_range: range, time_increment: 1, breakdowns: 'age', fields: 'campaign_id,impressions', limit: 2000 }, token);
    expect(big.data).toHaveLength(500);
    expect(big.paging!.next!.startsWith(`${base}/v25.0/act_${account.accountId}/insights?`)).toBe(true);

    const first = await session.graph.get<GraphPage<Row>>(`/act_${account.accountId}/campaigns`, { fields: 'id', limit: 2 }, token);
    expect(first.data).toHaveLength(2);
    expect(first.paging!.next!.startsWith(`${base}/v25.0/act_${account.accountId}/campaigns?`)).toBe(true);
    const walked = await session.graph.paginate<Row>(`/act_${account.accountId}/campaigns`, { fields: 'id', limit: 2 }, token);
    const all = await session.graph.paginate<Row>(`/act_${account.accountId}/campaigns`, { fields: 'id' }, token);
    expect(walked.map((row) => row.id)).toEqual(all.map((row) => row.id));
    expect(all.length).toBeGreaterThan(2);

    // Without `limit`, Meta's default of 25.
    const ads = await session.graph.paginate<Row>(`/act_${account.accountId}/ads`, { fields: 'id', limit: 500 }, token);
    const firstAds = await session.graph.get<GraphPage<Row>>(`/act_${account.accountId}/ads`, { fields: 'id' }, token);
    expect(firstAds.data).toHaveLength(Math.min(25, ads.length));
  });

  it('remembers a campaign status change', async () => {
    const account = session.grant.accounts[1];
    const [campaign] = await session.objects.campaigns(token, account.accountId, { fields: ['id', 'status'] });
    const next = campaign.status === 'ACTIVE' ? 'PAUSED' : 'ACTIVE';
    await session.status.setStatus(token, account.accountId, String(campaign.id), next);
    const [after] = await session.objects.campaigns(token, account.accountId, { ids: [String(campaign.id)], fields: ['id', 'status', 'effective_status'] });
    expect(after).toMatchObject({ status: next, effective_status: next });
    // Another account's id is not a campaign of this one.
    await expect(session.status.setStatus(token, session.grant.accounts[0].accountId, String(campaign.id), next)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('remembers a launch: the new campaign, ad set, creative and ad are listed, readable and can be paused', async () => {
    const account = session.grant.accounts[2];
    const act = `/act_${account.accountId}`;
    const campaign = await session.graph.post<{ id: string }>(`${act}/campaigns`, { name: 'Sandbox launch', objective: 'OUTCOME_TRAFFIC', special_ad_categories: [], status: 'PAUSED', daily_budget: 5000 }, token);
    const adset = await session.graph.post<{ id: string }>(
      `${act}/adsets`,
      { name: 'Launch ad set', campaign_id: campaign.id, billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS', targeting: { geo_locations: { countries: ['JP'] }, targeting_automation: { advantage_audience: 1 } } },
      token,
    );
    const pages = await session.pages.pages(token);
    const creative = await session.graph.post<{ id: string }>(`${act}/adcreatives`, { name: 'Launch creative', object_story_spec: { page_id: pages[0].id, link_data: { link: 'https://shop.example/' } } }, token);
    const ad = await session.graph.post<{ id: string }>(`${act}/ads`, { name: 'Launch ad', adset_id: adset.id, creative: { creative_id: creative.id }, status: 'PAUSED' }, token);

    const campaigns = await session.objects.campaigns(token, account.accountId, { fields: ['id', 'name', 'status', 'objective'] });
    expect(campaigns.at(-1)).toEqual({ id: campaign.id, name: 'Sandbox launch', status: 'PAUSED', objective: 'OUTCOME_TRAFFIC' });
    const [listedAd] = await session.objects.ads(token, account.accountId, { adIds: [ad.id], fields: ['id', 'adset_id', 'campaign_id', 'creative'] });
    expect(listedAd).toEqual({ id: ad.id, adset_id: adset.id, campaign_id: campaign.id, creative: { id: creative.id } });

    await session.status.setStatus(token, account.accountId, campaign.id, 'ACTIVE');
    const [activated] = await session.objects.campaigns(token, account.accountId, { ids: [campaign.id], fields: ['id', 'status'] });
    expect(activated).toEqual({ id: campaign.id, status: 'ACTIVE' });

    // Validation errors are Meta's: a budget on both the campaign and the ad set.
    const refused = await session.graph
      .post(`${act}/adsets`, { name: 'x', campaign_id: campaign.id, daily_budget: 100, billing_event: 'IMPRESSIONS', targeting: { geo_locations: { countries: ['JP'] }, targeting_automation: { advantage_audience: 0 } } }, token)
      .catch((error: unknown) => error);
    expect((refused as PlatformError).platformDetails).toMatchObject({ platformCode: 100, platformSubcode: 1885621 });

    const pixel = await session.graph.post<{ id: string }>(`${act}/adspixels`, { name: 'Launch pixel' }, token);
    expect((await session.objects.pixels(token, account.accountId)).map((row) => row.id)).toContain(pixel.id);
  });

  it('answers 404 for a path that is not a sandbox tenant\'s world', async () => {
    const origin = new URL(simulator.baseUrl('meta', TENANT)).origin;
    const badTenant = await fetch(`${origin}/t/not-a-uuid/meta/v25.0/me`);
    expect(badTenant.status).toBe(404);
    expect(await badTenant.json()).toMatchObject({ error: { type: 'GraphMethodException', code: 803 } });
    const noPlatform = await fetch(`${origin}/t/${TENANT}/tiktok/v1/me`);
    expect(noPlatform.status).toBe(404);
    expect(await noPlatform.json()).toMatchObject({ error: { code: 404 } });
    expect((await fetch(`${origin}/`)).status).toBe(404);
  });

  it('keeps at most the configured number of worlds in memory', async () => {
    const small = new SandboxSimulator([new MetaSandboxWorldFactory()], 2);
    await small.start();
    try {
      const ids = [TENANT, OTHER_TENANT, '11111111-2222-4333-8444-555555555555'];
      const first = small.world('meta', ids[0]);
      small.world('meta', ids[1]);
      expect(small.world('meta', ids[0])).toBe(first);
      small.world('meta', ids[2]);
      expect(small.worldCount()).toBe(2);
      // ids[1] was the least recently used; ids[0] stayed.
      expect(small.world('meta', ids[0])).toBe(first);
      expect(small.world('meta', ids[0].toUpperCase())).toBe(first);
    } finally {
      await small.stop();
    }
  });

  it('starts with the Nest module and stops when the module closes', async () => {
    const config = loadConfig({ JWT_SECRET: 'j'.repeat(40), TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), DATA_DIR });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), SandboxModule] }).compile();
    await moduleRef.init();
    const started = moduleRef.get(SandboxSimulator);
    const base = started.baseUrl('meta', TENANT);
    const answer = await fetch(`${base}/v25.0/me`);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: 104 } });
    await moduleRef.close();
    expect(() => started.baseUrl('meta', TENANT)).toThrow('not started');
    await expect(fetch(`${base}/v25.0/me`)).rejects.toThrow();
  });
});
