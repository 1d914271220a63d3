import request from 'supertest';
import { API, ApiClient } from '../support/api-client';
import { startGoogleTeam } from '../support/google-team';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';
import { startTestApp, TestApp } from '../support/test-app';

const ACCOUNT = '3001';
const today = () => new Date().toISOString().slice(0, 10);

interface UsageItem {
  date: string;
  endpoint: string;
  requests: number;
  platformCalls: { meta: number; google: number };
}

describe('usage: requests and platform calls per tenant, endpoint, platform and day', () => {
  let f: MetaTeamFixture;

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '801',
      name: 'Ada',
      adAccounts: [{ account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 }],
    });
    f.meta.setAccountObjects(ACCOUNT, { campaigns: [{ id: '11', name: 'Spring', status: 'ACTIVE', objective: 'OUTCOME_TRAFFIC' }] });
  });
  afterAll(() => f.close());

  const usage = (query = '') => f.api.as(f.member, 'get', `/usage${query}`);
  const item = (items: UsageItem[], endpoint: string) => items.find((entry) => entry.endpoint === endpoint);

  it('counts requests by route pattern and the Meta calls made for them, the OAuth callback included', async () => {
    await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/campaigns`).expect(200);
    await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/campaigns`).expect(200);
    await f.api.as(f.member, 'get', `/${f.teamId}/meta/campaigns`).expect(403);

    const response = await usage().expect(200);
    const data = response.body.data as { from: string; to: string; totals: UsageItem; items: UsageItem[] };

    // Every call the fake Graph API saw from the app (the browser's consent page aside) was made for this tenant.
    const graphCalls = f.meta.calls.filter((call) => !call.path.endsWith('/dialog/oauth')).length;
    expect(graphCalls).toBeGreaterThan(2);
    expect(data.totals.platformCalls).toEqual({ meta: graphCalls, google: 0 });

    const campaigns = item(data.items, 'GET /api/v1/:teamId/meta/campaigns');
    expect(campaigns).toEqual({ date: expect.any(String), endpoint: 'GET /api/v1/:teamId/meta/campaigns', requests: 3, platformCalls: { meta: 2, google: 0 } });
    expect(item(data.items, 'POST /api/v1/auth/token')?.requests).toBe(4);
    const callback = item(data.items, 'GET /api/v1/meta/redirect/callback');
    expect(callback?.requests).toBe(1);
    expect(callback?.platformCalls.meta).toBeGreaterThan(0);
    expect(data.items.some((entry) => entry.endpoint.includes(f.teamId))).toBe(false);
    expect(data.totals.requests).toBe(data.items.reduce((sum, entry) => sum + entry.requests, 0));
  });

  it("shows a tenant only its own usage", async () => {
    const other = await f.api.createTenant('Globex');
    const session = await f.api.login(other.apiKey, 'someone');
    await f.api.as(session, 'get', '/auth/me').expect(200);
    const data = (await f.api.as(session, 'get', '/usage').expect(200)).body.data as { totals: UsageItem; items: UsageItem[] };
    expect(data.totals).toEqual({ requests: 2, platformCalls: { meta: 0, google: 0 } });
    expect(data.items.map((entry) => [entry.endpoint, entry.requests])).toEqual([
      ['GET /api/v1/auth/me', 1],
      ['POST /api/v1/auth/token', 1],
    ]);
    const acme = (await usage().expect(200)).body.data as { items: UsageItem[] };
    expect(item(acme.items, 'GET /api/v1/auth/me')).toBeUndefined();
  });

  it('answers an empty range with zero totals', async () => {
    const data = (await usage('?from=2020-01-01&to=2020-01-31').expect(200)).body.data;
    expect(data).toEqual({ from: '2020-01-01', to: '2020-01-31', totals: { requests: 0, platformCalls: { meta: 0, google: 0 } }, items: [] });
  });

  it.each([
    ['?from=2026-02-30&to=2026-03-01', 'from must be a calendar date written YYYY-MM-DD'],
    ['?from=2026-03-01&to=tomorrow', 'to must be a calendar date written YYYY-MM-DD'],
    ['?from=2026-03-02&to=2026-03-01', 'from must not be after to'],
    ['?from=2025-01-01&to=2026-01-02', 'the range may span at most 366 days'],
  ])('refuses %s with a 400', async (query, problem) => {
    const response = await usage(query).expect(400);
    expect(response.body.error).toEqual({ code: 'BAD_REQUEST', message: 'Validation failed', details: [problem] });
  });

  it('refuses unknown parameters, and callers without an API key or user token', async () => {
    expect((await usage('?tenantId=x').expect(400)).body.error.code).toBe('BAD_REQUEST');
    await request(f.testApp.http).get(`${API}/usage`).expect(401);
    const keyOnly = await request(f.testApp.http).get(`${API}/usage`).set('x-api-key', f.tenant.apiKey).expect(401);
    expect(keyOnly.body.error.code).toBe('INVALID_TOKEN');
  });
});

describe('usage of Google calls', () => {
  it('counts the OAuth and Google Ads calls made for the tenant', async () => {
    const g = await startGoogleTeam((google) => {
      google.addCustomer({ id: '1234567890', descriptiveName: 'Acme Search', currencyCode: 'USD', timeZone: 'America/New_York' });
      google.addUser({ sub: 'google-user-1', email: 'ada@acme.test', customers: ['1234567890'] });
    });
    try {
      await g.connect();
      const data = (await g.api.as(g.teamAdmin, 'get', '/usage').expect(200)).body.data as { totals: UsageItem; items: UsageItem[] };
      // Every call the fake saw from the app (the browser's consent page aside): token exchange and Ads API reads.
      const googleCalls = g.google.calls.filter((call) => !call.path.startsWith('/o/oauth2/')).length;
      expect(googleCalls).toBeGreaterThan(1);
      expect(data.totals.platformCalls).toEqual({ meta: 0, google: googleCalls });
      expect(data.items.find((entry) => entry.endpoint === 'GET /api/v1/google/redirect/callback')?.platformCalls.google).toBe(googleCalls);
    } finally {
      await g.close();
    }
  });
});

describe('usage written at shutdown', () => {
  let testApp: TestApp;
  afterAll(() => testApp.close());

  it('writes what a replica counted when it is closed', async () => {
    testApp = await startTestApp();
    const tenant = await new ApiClient(testApp).createTenant('Acme');
    const replica = await startTestApp({}, { database: testApp.database });
    const token = await request(replica.http).post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId: 'a' }).expect(201);
    for (let i = 0; i < 3; i++) {
      await request(replica.http).get(`${API}/auth/me`).set('x-api-key', tenant.apiKey).set('authorization', `Bearer ${token.body.data.accessToken}`).expect(200);
    }
    await replica.close();

    const rows = await testApp.query<{ endpoint: string; platform: string; requests: string; day: string }>(
      `SELECT endpoint, platform, requests::text, to_char(day, 'YYYY-MM-DD') AS day FROM usage_counters WHERE tenant_id = $1 ORDER BY endpoint`,
      [tenant.id],
    );
    expect(rows).toEqual([
      { endpoint: 'GET /api/v1/auth/me', platform: '', requests: '3', day: today() },
      { endpoint: 'POST /api/v1/auth/token', platform: '', requests: '1', day: today() },
    ]);
  });
});
