import axios from 'axios';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppException } from '../../src/common/app.exception';
import { ErrorCode } from '../../src/common/error-code';
import { loadConfig } from '../../src/config/load-config';
import { PlatformError } from '../../src/platforms/platform-error';
import { MetaCampaignStatusWriter } from '../../src/platforms/meta/meta-campaign-status.writer';
import { MetaConnector } from '../../src/platforms/meta/meta-connector';
import { MetaGraphClient } from '../../src/platforms/meta/meta-graph.client';
import { MetaInsightsQueryReader } from '../../src/platforms/meta/meta-insights-query.reader';
import { MetaOAuthClient } from '../../src/platforms/meta/meta-oauth.client';
import { MetaObjectsReader } from '../../src/platforms/meta/meta-objects.reader';
import { MetaPagesReader } from '../../src/platforms/meta/meta-pages.reader';
import { META_TARGETING_SEARCH, META_TARGETING_TYPES } from '../../src/platforms/meta/meta-targeting.mapper';
import { MetaTargetingReader } from '../../src/platforms/meta/meta-targeting.reader';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaAdAccount, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { submitConsent } from '../fakes/consent-form.client';

const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-meta-read-'));
const proof = (token: string) => createHmac('sha256', FAKE_META_APP_SECRET).update(token).digest('hex');

function account(id: string): FakeMetaAdAccount {
  return { account_id: id, name: `Account ${id}`, currency: 'EUR', timezone_name: 'Europe/Berlin', account_status: 1 };
}

function campaign(id: string, extra: Record<string, unknown> = {}) {
  return { id, name: `Campaign ${id}`, status: 'PAUSED', effective_status: 'PAUSED', objective: 'OUTCOME_LEADS', special_ad_categories: [], ...extra };
}

function services(fake: FakeMetaPlatform) {
  const config = loadConfig({
    JWT_SECRET: 'j'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATA_DIR,
    PUBLIC_URL: 'http://localhost:3999',
    META_APP_ID: FAKE_META_APP_ID,
    META_APP_SECRET: FAKE_META_APP_SECRET,
    META_GRAPH_URL: fake.url,
    META_DIALOG_URL: fake.url,
    PLATFORM_HTTP_TIMEOUT_MS: '2000',
  });
  const graph = new MetaGraphClient(config);
  const oauth = new MetaOAuthClient(config, graph);
  return {
    oauth,
    connector: new MetaConnector(oauth, graph),
    objects: new MetaObjectsReader(graph),
    insights: new MetaInsightsQueryReader(graph),
    pages: new MetaPagesReader(graph),
    targeting: new MetaTargetingReader(graph),
    status: new MetaCampaignStatusWriter(graph),
  };
}

async function rejection(promise: Promise<unknown>): Promise<AppException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppException);
  return error as AppException;
}

describe('Meta readers and the campaign status writer against the fake Graph API', () => {
  let fake: FakeMetaPlatform;
  let meta: ReturnType<typeof services>;
  let token: string;

  const callsTo = (suffix: string) => fake.calls.filter((call) => call.path.endsWith(suffix));

  beforeEach(async () => {
    fake = await FakeMetaPlatform.start();
    fake.addUser({ id: 'u1', name: 'Ada', adAccounts: [account('1001'), account('1002')] });
    fake.addUser({ id: 'u2', name: 'Bo', adAccounts: [account('2001')] });
    fake.setAccountObjects('1001', {
      campaigns: [
        campaign('101', { status: 'ACTIVE', effective_status: 'ACTIVE', daily_budget: '5000', budget_remaining: '4200' }),
        campaign('102', { lifetime_budget: '100000' }),
        campaign('103'),
        campaign('104', { status: 'DELETED', effective_status: 'DELETED' }),
        campaign('105'),
        campaign('106'),
      ],
      adsets: [
        { id: '201', name: 'Set 201', campaign_id: '101', daily_budget: '1500', bid_amount: '250', status: 'ACTIVE' },
        { id: '202', name: 'Set 202', campaign_id: '101', status: 'PAUSED' },
        { id: '203', name: 'Set 203', campaign_id: '102', status: 'PAUSED' },
      ],
      ads: [
        { id: '301', name: 'Ad 301', campaign_id: '101', adset_id: '201', creative: { id: '401' }, status: 'ACTIVE' },
        { id: '302', name: 'Ad 302', campaign_id: '101', adset_id: '202', status: 'PAUSED' },
        { id: '303', name: 'Ad 303', campaign_id: '102', adset_id: '203', status: 'PAUSED' },
      ],
      adcreatives: [
        { id: '401', name: 'Creative 401', object_story_spec: { page_id: '77' }, status: 'ACTIVE' },
        { id: '402', name: 'Creative 402', status: 'ACTIVE' },
      ],
      pixels: [{ id: '501', name: 'Shop pixel', code: '<script>fbq()</script>', creation_time: '2026-01-01T00:00:00+0000', is_unavailable: false }],
      savedAudiences: [{ id: '601', name: 'Berlin 25-34', targeting: { geo_locations: { cities: [{ key: '1' }] } }, approximate_count_lower_bound: 1000 }],
      customAudiences: [{ id: '701', name: 'Buyers', subtype: 'CUSTOM', approximate_count_lower_bound: 2000, secret_rule: 'x' }],
    });
    fake.setAccountObjects('1002', { campaigns: [campaign('901')], adsets: [{ id: '902', name: 'Other set', campaign_id: '901' }] });
    fake.setAccountObjects('2001', { campaigns: [campaign('801')] });
    fake.setPages('u1', [
      { id: '11', name: 'Ada Shoes', category: 'Shopping', tasks: ['ADVERTISE', 'MANAGE'] },
      { id: '12', name: 'Ada Blog' },
      { id: '13', name: 'Ada Fans', tasks: [] },
    ]);
    fake.setPages('u2', [{ id: '21', name: 'Bo Bakery' }]);
    fake.setLeadForms('11', [1, 2, 3].map((n) => ({ id: `60${n}`, name: `Form ${n}`, status: 'ACTIVE', locale: 'EN_US', leads_count: n * 10, created_time: '2026-02-01T00:00:00+0000' })));
    meta = services(fake);
    const response = await submitConsent(meta.oauth.authorizeUrl('s'));
    token = (await meta.connector.connect(new URL(response.location!).searchParams.get('code')!)).accessToken;
    fake.calls.length = 0;
  });
  afterEach(() => fake.close());

  describe('objects', () => {
    it('honours fields, converts budgets to numbers and pages to the end (deleted objects left out)', async () => {
      const rows = await meta.objects.campaigns(token, '1001', { fields: ['name', 'daily_budget', 'budget_remaining', 'lifetime_budget'] });
      expect(rows).toEqual([
        { id: '101', name: 'Campaign 101', daily_budget: 5000, budget_remaining: 4200 },
        { id: '102', name: 'Campaign 102', lifetime_budget: 100000 },
        { id: '103', name: 'Campaign 103' },
        { id: '105', name: 'Campaign 105' },
        { id: '106', name: 'Campaign 106' },
      ]);
      const calls = callsTo('/act_1001/campaigns');
      expect(calls).toHaveLength(3);
      expect(calls[0].query).toMatchObject({ fields: 'name,daily_budget,budget_remaining,lifetime_budget', limit: '100', access_token: token, appsecret_proof: proof(token) });
      expect(calls[0].query.filtering).toBeUndefined();
      expect(calls.slice(1).every((call) => typeof call.query.after === 'string')).toBe(true);
    });

    it('filters campaigns by id on the account edge: an id of another account is not returned', async () => {
      const rows = await meta.objects.campaigns(token, '1001', { ids: ['102', '901', '801', '102'], fields: ['name', 'status'] });
      expect(rows).toEqual([{ id: '102', name: 'Campaign 102', status: 'PAUSED' }]);
      expect(JSON.parse(callsTo('/act_1001/campaigns')[0].query.filtering)).toEqual([{ field: 'campaign.id', operator: 'IN', value: ['102', '901', '801'] }]);
    });

    it('filters ad sets by campaign and by ad set, together', async () => {
      const byCampaign = await meta.objects.adsets(token, '1001', { campaignIds: ['101'], fields: ['name', 'campaign_id', 'daily_budget', 'bid_amount', 'campaign'] });
      expect(byCampaign).toEqual([
        { id: '201', name: 'Set 201', campaign_id: '101', daily_budget: 1500, bid_amount: 250, campaign: { id: '101' } },
        { id: '202', name: 'Set 202', campaign_id: '101', campaign: { id: '101' } },
      ]);
      const both = await meta.objects.adsets(token, '1001', { campaignIds: ['101', '102'], adsetIds: ['202', '203', '902'], fields: ['name'] });
      expect(both.map((row) => row.id)).toEqual(['202', '203']);
      expect(JSON.parse(callsTo('/act_1001/adsets').at(-1)!.query.filtering)).toEqual([
        { field: 'campaign.id', operator: 'IN', value: ['101', '102'] },
        { field: 'adset.id', operator: 'IN', value: ['202', '203', '902'] },
      ]);
      expect(await meta.objects.adsets(token, '1001', { adsetIds: ['902'], fields: ['name'] })).toEqual([]);
    });

    it('filters ads by ad, ad set or campaign', async () => {
      const fields = ['name', 'adset_id', 'campaign_id', 'creative', 'adset'];
      expect(await meta.objects.ads(token, '1001', { adIds: ['301'], fields })).toEqual([
        { id: '301', name: 'Ad 301', adset_id: '201', campaign_id: '101', creative: { id: '401' }, adset: { id: '201' } },
      ]);
      expect((await meta.objects.ads(token, '1001', { adsetIds: ['202', '203'], fields: ['name'] })).map((row) => row.id)).toEqual(['302', '303']);
      expect((await meta.objects.ads(token, '1001', { campaignIds: ['101'], fields: ['name'] })).map((row) => row.id)).toEqual(['301', '302']);
      expect(await meta.objects.ads(token, '1001', { campaignIds: ['101'], adIds: ['303'], fields: ['name'] })).toEqual([]);
      const last = callsTo('/act_1001/ads').at(-1)!;
      expect(JSON.parse(last.query.filtering)).toEqual([
        { field: 'campaign.id', operator: 'IN', value: ['101'] },
        { field: 'ad.id', operator: 'IN', value: ['303'] },
      ]);
    });

    it('reads creatives (optionally by id), pixels and audiences', async () => {
      expect(await meta.objects.adcreatives(token, '1001', { ids: ['401'], fields: ['name', 'object_story_spec'] })).toEqual([
        { id: '401', name: 'Creative 401', object_story_spec: { page_id: '77' } },
      ]);
      expect((await meta.objects.adcreatives(token, '1001', { fields: ['name'] })).map((row) => row.id)).toEqual(['401', '402']);
      expect(await meta.objects.pixels(token, '1001')).toEqual([
        { id: '501', name: 'Shop pixel', code: '<script>fbq()</script>', creation_time: '2026-01-01T00:00:00+0000', is_unavailable: false },
      ]);
      expect(callsTo('/act_1001/adspixels')[0].query.fields).toBe('id,name,code,last_fired_time,creation_time,is_unavailable');
      expect(await meta.objects.savedAudiences(token, '1001')).toEqual([
        { id: '601', name: 'Berlin 25-34', targeting: { geo_locations: { cities: [{ key: '1' }] } }, approximate_count_lower_bound: 1000 },
      ]);
      // Only the asked fields come back, so a field nobody asked for stays at Meta.
      expect(await meta.objects.customAudiences(token, '1001')).toEqual([{ id: '701', name: 'Buyers', subtype: 'CUSTOM', approximate_count_lower_bound: 2000 }]);
      expect(await meta.objects.pixels(token, '1002')).toEqual([]);
    });

    it("refuses an account that is not the user's with Meta's unsupported-request error", async () => {
      const error = await rejection(meta.objects.campaigns(token, '2001', { fields: ['name'] }));
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).platformDetails).toMatchObject({ platformCode: 100, platformSubcode: 33 });
    });
  });

  describe('insights', () => {
    beforeEach(() => {
      const base = { date_start: '2026-11-01', date_stop: '2026-11-03', campaign_id: '101', campaign_name: 'Campaign 101' };
      fake.setInsights('1001', [
        { ...base, impressions: '3000', clicks: '30', spend: '45.67', cpc: '1.52', actions: [{ action_type: 'lead', value: '3' }] },
        { ...base, impressions: '1000', clicks: '10', spend: '20.5', gender: 'female' },
        { ...base, impressions: '2000', clicks: '20', spend: '25.17', gender: 'male' },
      ]);
    });

    it('reads a level with a breakdown: numbers, level keys, time_range JSON', async () => {
      const rows = await meta.insights.insights(token, '1001', { level: 'campaign', breakdown: 'gender', fields: ['impressions', 'spend'], startDate: '2026-11-01', endDate: '2026-11-03' });
      expect(rows).toEqual([
        { campaign_id: '101', campaign_name: 'Campaign 101', impressions: 1000, spend: 20.5, gender: 'female', date_start: '2026-11-01', date_stop: '2026-11-03' },
        { campaign_id: '101', campaign_name: 'Campaign 101', impressions: 2000, spend: 25.17, gender: 'male', date_start: '2026-11-01', date_stop: '2026-11-03' },
      ]);
      expect(callsTo('/act_1001/insights')[0].query).toMatchObject({
        level: 'campaign',
        breakdowns: 'gender',
        fields: 'campaign_id,campaign_name,impressions,spend',
        time_range: '{"since":"2026-11-01","until":"2026-11-03"}',
      });
    });

    it('reads account totals without breakdowns', async () => {
      const rows = await meta.insights.insights(token, '1001', { level: 'account', fields: ['impressions', 'clicks', 'cpc', 'actions'], startDate: '2026-11-01', endDate: '2026-11-03' });
      expect(rows).toEqual([{ impressions: 3000, clicks: 30, cpc: 1.52, actions: [{ action_type: 'lead', value: 3 }], date_start: '2026-11-01', date_stop: '2026-11-03' }]);
      expect(callsTo('/act_1001/insights')[0].query.breakdowns).toBeUndefined();
    });

    it('refuses a bad level, breakdown, field or date range before calling Meta', async () => {
      const query = { level: 'campaign' as const, fields: ['impressions'], startDate: '2026-11-01', endDate: '2026-11-03' };
      for (const bad of [
        { ...query, level: 'business' as never },
        { ...query, breakdown: 'dma' as never },
        { ...query, fields: ['impressions', 'account_currency'] },
        { ...query, startDate: '2026-11-04' },
        { ...query, endDate: '3.11.2026' },
      ]) {
        expect((await rejection(meta.insights.insights(token, '1001', bad))).code).toBe(ErrorCode.BAD_REQUEST);
      }
      expect(fake.calls).toHaveLength(0);
    });
  });

  describe('pages and lead forms', () => {
    it('lists pages without any access token', async () => {
      const pages = await meta.pages.pages(token);
      expect(pages).toEqual([
        { id: '11', name: 'Ada Shoes', category: 'Shopping', tasks: ['ADVERTISE', 'MANAGE'] },
        { id: '12', name: 'Ada Blog', tasks: expect.arrayContaining(['ADVERTISE']) },
        { id: '13', name: 'Ada Fans', tasks: [] },
      ]);
      const text = JSON.stringify(pages);
      expect(text).not.toContain('access_token');
      expect(text).not.toContain(fake.pageAccessToken('u1', '11')!);
      expect(callsTo('/me/accounts')[0].query.fields).toBe('id,name,category,tasks');
    });

    it('reads lead forms with the page token (and its own proof), every page of them', async () => {
      const pageToken = fake.pageAccessToken('u1', '11')!;
      expect(pageToken).toEqual(expect.any(String));
      expect(await meta.pages.pageToken(token, '11')).toBe(pageToken);

      const forms = await meta.pages.leadForms(token, '11');
      expect(forms).toEqual([1, 2, 3].map((n) => ({ id: `60${n}`, name: `Form ${n}`, status: 'ACTIVE', locale: 'EN_US', leads_count: n * 10, created_time: '2026-02-01T00:00:00+0000' })));
      const calls = callsTo('/11/leadgen_forms');
      expect(calls).toHaveLength(2);
      for (const call of calls) {
        expect(call.query.access_token).toBe(pageToken);
        expect(call.query.access_token).not.toBe(token);
        expect(call.query.appsecret_proof).toBe(proof(pageToken));
      }
      expect(calls[0].query.fields).toBe('id,name,status,locale,leads_count,created_time');
    });

    it("answers 404 for a page the user does not have, before reading any form", async () => {
      for (const pageId of ['21', '99', 'abc']) {
        const error = await rejection(meta.pages.leadForms(token, pageId));
        expect(error.getStatus()).toBe(404);
        expect(error.code).toBe(ErrorCode.NOT_FOUND);
        expect(error.message).toBe("Page not found among the connected user's pages");
      }
      expect(fake.calls.some((call) => call.path.includes('leadgen_forms'))).toBe(false);
    });

    it('answers 403 for a page on which the user has no task (Meta sends no page token)', async () => {
      const error = await rejection(meta.pages.leadForms(token, '13'));
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
    });

    it('the fake refuses lead forms read with the user token, or with a proof of the wrong token', async () => {
      const url = (params: Record<string, string>) => `${fake.url}/v25.0/11/leadgen_forms?${new URLSearchParams(params)}`;
      const asUser = await axios.get(url({ access_token: token, appsecret_proof: proof(token) }), { validateStatus: () => true });
      expect(asUser.data.error).toMatchObject({ code: 190, message: '(#190) This method must be called with a Page Access Token' });
      const pageToken = fake.pageAccessToken('u1', '11')!;
      const wrongProof = await axios.get(url({ access_token: pageToken, appsecret_proof: proof(token) }), { validateStatus: () => true });
      expect(wrongProof.data.error).toMatchObject({ code: 100, message: 'Invalid appsecret_proof provided in the API argument' });
      const otherPage = await axios.get(`${fake.url}/v25.0/12/leadgen_forms?${new URLSearchParams({ access_token: pageToken, appsecret_proof: proof(pageToken) })}`, { validateStatus: () => true });
      expect(otherPage.data.error).toMatchObject({ code: 100, error_subcode: 33 });
    });
  });

  describe('targeting search', () => {
    it.each(META_TARGETING_TYPES)('searches %s with the right type and class', async (type) => {
      const spec = META_TARGETING_SEARCH[type];
      const id = type === 'location' ? { key: 'US-NY' } : { id: '6001' };
      fake.setSearchResults(spec.type, spec.class, [
        { ...id, name: 'New York stuff', ...(type === 'location' ? { type: 'region', country_code: 'US' } : {}) },
        { id: '6002', key: 'x', name: 'Something else' },
      ]);
      const results = await meta.targeting.search(token, type, ' new york ', { limit: 5 });
      expect(results).toEqual([
        type === 'location'
          ? { id: 'US-NY', name: 'New York stuff', type: 'region', country_code: 'US' }
          : { id: '6001', name: 'New York stuff', type: spec.class ?? spec.specKey },
      ]);
      const call = callsTo('/search')[0];
      expect(call.query).toMatchObject({ type: spec.type, q: 'new york', limit: '5' });
      expect(call.query.class).toBe(spec.class);
      if (type === 'location') expect(JSON.parse(call.query.location_types)).toEqual(['country', 'region', 'city', 'zip', 'geo_market']);
    });

    it('refuses an unknown type or an empty query without calling Meta', async () => {
      expect((await rejection(meta.targeting.search(token, 'adinterest' as never, 'yoga'))).code).toBe(ErrorCode.BAD_REQUEST);
      expect((await rejection(meta.targeting.search(token, 'interest', '   '))).code).toBe(ErrorCode.BAD_REQUEST);
      expect(fake.calls).toHaveLength(0);
    });

    it('the fake validates type, class and q like Meta', async () => {
      const search = (params: Record<string, string>) =>
        axios.get(`${fake.url}/v25.0/search?${new URLSearchParams({ access_token: token, appsecret_proof: proof(token), ...params })}`, { validateStatus: () => true });
      expect((await search({ q: 'x' })).data.error.code).toBe(100);
      expect((await search({ type: 'adunicorn', q: 'x' })).data.error.code).toBe(100);
      expect((await search({ type: 'adTargetingCategory', q: 'x' })).data.error.code).toBe(100);
      expect((await search({ type: 'adinterest', q: '' })).data.error.code).toBe(100);
      expect((await search({ type: 'adgeolocation', q: 'x', location_types: '["planet"]' })).data.error.code).toBe(100);
      expect((await search({ type: 'adTargetingCategory', class: 'behaviors' })).data).toEqual({ data: [] });
    });
  });

  describe('campaign status', () => {
    it('pauses and activates a campaign of the account', async () => {
      expect(await meta.status.setStatus(token, '1001', '101', 'PAUSED')).toEqual({ id: '101', status: 'PAUSED' });
      expect(fake.campaignStatus('101')).toBe('PAUSED');
      expect(await meta.status.setStatus(token, '1001', '102', 'ACTIVE')).toEqual({ id: '102', status: 'ACTIVE' });
      expect(fake.campaignStatus('102')).toBe('ACTIVE');
      const post = fake.calls.find((call) => call.method === 'POST')!;
      expect(post.path).toBe('/v25.0/101');
      expect(post.body).toMatchObject({ status: 'PAUSED', access_token: token, appsecret_proof: proof(token) });
      expect(fake.calls.find((call) => call.method === 'GET' && call.path === '/v25.0/101')!.query.fields).toBe('account_id,objective');
    });

    it('answers 404 for a campaign of another account, an ad set id, an unknown or malformed id; nothing is posted', async () => {
      for (const [accountId, campaignId] of [['1001', '901'], ['1002', '101'], ['1001', '801'], ['1001', '201'], ['1001', '555'], ['1001', '10/1']]) {
        const error = await rejection(meta.status.setStatus(token, accountId, campaignId, 'ACTIVE'));
        expect([error.getStatus(), error.code, error.message]).toEqual([404, ErrorCode.NOT_FOUND, 'Campaign not found in this ad account']);
      }
      expect(fake.calls.filter((call) => call.method === 'POST')).toHaveLength(0);
      expect([fake.campaignStatus('901'), fake.campaignStatus('801'), fake.campaignStatus('101')]).toEqual(['PAUSED', 'PAUSED', 'ACTIVE']);
    });

    it('the fake validates status values and field names, and honours fields on a node', async () => {
      const auth = { access_token: token, appsecret_proof: proof(token) };
      const post = (id: string, params: Record<string, string>) => axios.post(`${fake.url}/v25.0/${id}`, new URLSearchParams({ ...auth, ...params }), { validateStatus: () => true });
      expect((await post('101', { status: 'SLEEPING' })).data.error.code).toBe(100);
      expect((await post('101', { status: 'ARCHIVED' })).data).toEqual({ success: true });
      expect(fake.campaignStatus('101')).toBe('ARCHIVED');
      expect((await post('801', { status: 'PAUSED' })).data.error).toMatchObject({ code: 100, error_subcode: 33 });
      const get = (pathAndQuery: string, params: Record<string, string>) =>
        axios.get(`${fake.url}/v25.0/${pathAndQuery}?${new URLSearchParams({ ...auth, ...params })}`, { validateStatus: () => true });
      expect((await get('101', { fields: 'account_id' })).data).toEqual({ id: '101', account_id: '1001' });
      expect((await get('201', { fields: 'account_id,objective' })).data.error.message).toBe('(#100) Tried accessing nonexisting field (objective) on node type (AdSet)');
      expect((await get('act_1001/campaigns', { filtering: '[{field:' })).data.error.code).toBe(100);
      expect((await get('act_1001/campaigns', { filtering: '[{"field":"name","operator":"IN","value":["x"]}]' })).data.error.code).toBe(100);
      expect((await get('act_1001/campaigns', { fields: 'name,access_token' })).data.error.code).toBe(100);
    });
  });
});
