import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { submitConsent } from '../fakes/consent-form.client';
import { CONSENT_DENY } from '../fakes/consent.page';
import { FakeGooglePlatform } from '../fakes/google-platform.fake';
import { FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { API, ApiClient, TenantKey, UserSession } from '../support/api-client';
import { freePort, googleFakeEnv, metaFakeEnv } from '../support/fake-platform-env';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

const TENANT_SITE = 'https://app.sandbox.test';
const REDIRECT = `${TENANT_SITE}/connected`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const LAST_30_DAYS = `startDate=${day(-30)}&endDate=${day(-1)}`;

interface AccountView {
  id: string;
  platform: string;
  accountId: string;
  currency: string;
}

/**
 * Sandbox tenants end to end, on an app that listens on a real port (the consent page is fetched like a browser
 * would): the connect flow through the app's own simulated consent page, reads, an import, local insights, a launch
 * and a status change, all answered by the built-in simulator, while live fakes configured for the same server prove
 * that nothing of the sandbox reaches a "real" platform and that live tenants still do.
 */
describe('Sandbox tenants and the built-in simulator', () => {
  let meta: FakeMetaPlatform;
  let google: FakeGooglePlatform;
  let testApp: TestApp;
  let origin: string;
  let api: ApiClient;
  let sandbox: TenantKey & { environment: string; keyPrefix: string };
  let admin: UserSession;
  let teamId: string;

  const admins = () => request(testApp.http);
  const as = (method: 'get' | 'post' | 'patch', path: string) => api.as(admin, method, path);

  /** Through the simulated consent page and our callback, like a browser; answers where the tenant's site was sent. */
  async function connect(platform: 'meta' | 'google', decision?: typeof CONSENT_DENY): Promise<URL> {
    const created = await as('post', '/connections').send({ platform, teamId, redirect: REDIRECT }).expect(201);
    expect(created.body.environment).toBe('sandbox');
    const authUrl = new URL(created.body.data.authUrl as string);
    expect(authUrl.origin).toBe(origin);
    expect(authUrl.pathname).toBe(platform === 'meta' ? '/api/v1/sandbox/meta/v25.0/dialog/oauth' : '/api/v1/sandbox/google/o/oauth2/v2/auth');
    const consent = await submitConsent(authUrl.toString(), decision);
    expect(consent.status).toBe(302);
    const callback = new URL(consent.location!);
    expect(callback.origin).toBe(origin);
    const landed = await fetch(callback, { redirect: 'manual' });
    expect(landed.status).toBe(302);
    return new URL(landed.headers.get('location')!);
  }

  async function teamAccounts(platform: string): Promise<AccountView[]> {
    const listed = await as('get', `/connections/team/${teamId}`).expect(200);
    // The seed's shape: data is `{ success, count, data: [connection…] }`.
    const connections = listed.body.data.data as Array<{ platform: string; adsAccounts: AccountView[] }>;
    return connections.filter((connection) => connection.platform === platform).flatMap((connection) => connection.adsAccounts);
  }

  const actId = (account: AccountView) => (account.accountId.startsWith('act_') ? account.accountId : `act_${account.accountId}`);

  beforeAll(async () => {
    meta = await FakeMetaPlatform.start();
    meta.addUser({ id: '7001', name: 'Live Ada', adAccounts: [{ account_id: '7101', name: 'Live US', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 }] });
    google = await FakeGooglePlatform.start();
    google.addCustomer({ id: '7000000001', descriptiveName: 'Live Search', currencyCode: 'USD', timeZone: 'America/New_York' });
    google.addUser({ sub: 'live-google-user', email: 'ada@live.test', customers: ['7000000001'] });
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    testApp = await startTestApp({ PUBLIC_URL: origin, ...metaFakeEnv(meta.url), ...googleFakeEnv(google.url) });
    await testApp.app.listen(port, '127.0.0.1');
    api = new ApiClient(testApp);
    const created = await admins()
      .post(`${API}/admin/tenants`)
      .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .send({ name: 'Sandbox Co', allowedRedirectOrigins: [TENANT_SITE], sandbox: true })
      .expect(201);
    sandbox = created.body.data;
    admin = await api.login(sandbox.apiKey, 'ws-admin');
    await as('post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Sandbox Co' }).expect(201);
    teamId = (await as('post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(200)).body.data[0].id as string;
  });
  afterAll(async () => {
    await testApp?.close();
    await meta?.close();
    await google?.close();
  });

  describe('sandbox tenants', () => {
    it('are created with sandbox: true, get an ak_test_ key, and say so in the admin API', async () => {
      expect(sandbox.apiKey).toMatch(/^ak_test_/);
      expect(sandbox.keyPrefix).toMatch(/^ak_test_/);
      expect(sandbox.environment).toBe('sandbox');
      const listed = await admins().get(`${API}/admin/tenants/${sandbox.id}`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(200);
      expect(listed.body.data.environment).toBe('sandbox');
      const rotated = await admins().post(`${API}/admin/tenants/${sandbox.id}/rotate-key`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
      expect(rotated.status).toBeLessThan(300);
      expect(rotated.body.data.apiKey).toMatch(/^ak_test_/);
      expect(rotated.body.data.environment).toBe('sandbox');
      sandbox.apiKey = rotated.body.data.apiKey as string;
      admin = await api.login(sandbox.apiKey, 'ws-admin');
    });

    it('cannot become live, nor a live tenant sandbox', async () => {
      const live = await api.createTenant('Live Co');
      await admins().patch(`${API}/admin/tenants/${live.id}`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`).send({ sandbox: true }).expect(400);
      await expect(testApp.query(`UPDATE tenants SET environment = 'live' WHERE id = $1`, [sandbox.id])).rejects.toThrow(/environment cannot change/);
      await admins().post(`${API}/admin/tenants`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`).send({ name: 'Bad', sandbox: 'yes' }).expect(400);
    });

    it('every answer to a tenant carries its environment, errors included', async () => {
      const ok = await as('get', '/connections').expect(200);
      expect(ok.body.environment).toBe('sandbox');
      const missing = await as('get', `/connections/team/00000000-0000-4000-8000-000000000000`).expect(404);
      expect(missing.body).toMatchObject({ success: false, environment: 'sandbox' });
      const live = await api.createTenant('Live Envelope');
      const liveUser = await api.login(live.apiKey, 'someone');
      expect(live.apiKey).toMatch(/^ak_live_/);
      expect((await api.as(liveUser, 'get', '/connections').expect(200)).body.environment).toBe('live');
      // No tenant known: no environment claimed.
      const health = await admins().get(`${API}/health`);
      expect(health.body.environment).toBeUndefined();
    });
  });

  describe('the connect flow through the simulated consent page', () => {
    it('connects Meta: accounts in several currencies, tokens never real', async () => {
      const landed = await connect('meta');
      expect(`${landed.origin}${landed.pathname}`).toBe(REDIRECT);
      expect(landed.searchParams.get('status')).toBe('success');
      const accounts = await teamAccounts('meta');
      expect(accounts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(accounts.map((account) => account.currency)).size).toBeGreaterThanOrEqual(2);
      expect(meta.calls).toHaveLength(0);
    });

    it('connects Google through the simulated consent page', async () => {
      const landed = await connect('google');
      expect(landed.searchParams.get('error')).toBeNull();
      expect(landed.searchParams.get('status')).toBe('success');
      expect((await teamAccounts('google')).length).toBeGreaterThanOrEqual(2);
      expect(google.calls).toHaveLength(0);
    });

    it('a denied consent lands on the tenant site with ACCESS_DENIED', async () => {
      const landed = await connect('meta', CONSENT_DENY);
      expect(landed.searchParams.get('status')).toBe('error');
      expect(landed.searchParams.get('error')).toBe('ACCESS_DENIED');
    });

    it('the consent page is plain, safe HTML: no scripts, no external assets, not frameable', async () => {
      const created = await as('post', '/connections').send({ platform: 'meta', teamId, redirect: REDIRECT }).expect(201);
      const page = await fetch(created.body.data.authUrl as string);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const html = await page.text();
      expect(html).toMatch(/<html lang="[a-z]+"/);
      expect(html).not.toMatch(/<script|<link|<img|<iframe/i);
      expect(html).toMatch(/<button[^>]*>Grant<\/button>/);
    });

    it('refuses a consent page for a live tenant, or with a forged, or a used state', async () => {
      const live = await api.createTenant('Live Co 2', [TENANT_SITE]);
      const liveAdmin = await api.login(live.apiKey, 'ws-admin');
      await api.as(liveAdmin, 'post', '/workspace').send({ enterpriseId: 'live-ent', workspaceName: 'Live' }).expect(201);
      const liveAuth = new URL((await api.as(liveAdmin, 'post', '/connections').send({ platform: 'meta', workspaceId: 'live-ent', redirect: REDIRECT }).expect(201)).body.data.authUrl);
      expect(liveAuth.origin).toBe(new URL(meta.url).origin);
      const stolen = new URL(`${origin}/api/v1/sandbox/meta/v25.0/dialog/oauth`);
      stolen.search = liveAuth.search;
      const refused = await fetch(stolen);
      expect(refused.status).toBe(400);
      expect(await refused.text()).not.toContain('Grant');

      const forged = new URL(stolen);
      forged.searchParams.set('state', 'x.y');
      expect((await fetch(forged)).status).toBe(400);

      const used = await connect('meta');
      expect(used.searchParams.get('status')).toBe('success');
      const again = await as('post', '/connections').send({ platform: 'meta', teamId, redirect: REDIRECT }).expect(201);
      const authUrl = again.body.data.authUrl as string;
      const consent = await submitConsent(authUrl);
      await fetch(consent.location!, { redirect: 'manual' });
      expect((await fetch(authUrl)).status).toBe(400);
    });
  });

  describe('reads, import, insights, launches and status changes in sandbox', () => {
    it('reads Meta campaigns and insights live from the simulator', async () => {
      const [account] = await teamAccounts('meta');
      const campaigns = await as('get', `/${teamId}/meta/campaigns?adAccountId=${actId(account)}`).expect(200);
      expect(campaigns.body.environment).toBe('sandbox');
      expect(campaigns.body.data.length).toBeGreaterThan(0);
      const insights = await as('get', `/${teamId}/meta/insights?adAccountId=${actId(account)}&level=campaign&${LAST_30_DAYS}`).expect(200);
      expect(Array.isArray(insights.body.data) ? insights.body.data.length : Object.keys(insights.body.data).length).toBeGreaterThan(0);
      expect(meta.calls).toHaveLength(0);
    });

    it('imports a Meta account and serves insights from the copy', async () => {
      const [account] = await teamAccounts('meta');
      const started = await as('get', `/${teamId}/meta/import?adAccountId=${actId(account)}`).expect(202);
      const importId = started.body.data.importId as string;
      let status = 'queued';
      for (let i = 0; i < 120 && (status === 'queued' || status === 'running'); i++) {
        await sleep(250);
        status = (await as('get', `/${teamId}/imports/${importId}`).expect(200)).body.data.status as string;
      }
      expect(status).toBe('succeeded');
      const local = await as('get', `/${teamId}/meta/campaigns?adAccountId=${actId(account)}`).expect(200);
      expect(local.body.meta.source).toBe('local');
      expect(local.body.data.length).toBeGreaterThan(0);
      const insights = await as('get', `/${teamId}/meta/insights?adAccountId=${actId(account)}&level=campaign&breakdown=gender&${LAST_30_DAYS}`).expect(200);
      expect(insights.body.meta.source).toBe('local');
      const usage = await testApp.query<{ platform_calls: string }>(
        `SELECT COALESCE(sum(platform_calls), 0) AS platform_calls FROM imports WHERE tenant_id = $1`,
        [sandbox.id],
      );
      expect(Number(usage[0].platform_calls)).toBeGreaterThan(0);
      expect(meta.calls).toHaveLength(0);
    });

    it('launches a campaign and changes its status; the simulator remembers both', async () => {
      const accounts = await teamAccounts('meta');
      const account = accounts[0];
      const pages = await as('get', `/${teamId}/meta/pages?adAccountId=${actId(account)}`).expect(200);
      const pageId = (pages.body.data as Array<{ id: string }>)[0].id;
      const launched = await as('post', `/${teamId}/meta/campaign/traffic?adAccountId=${actId(account)}`)
        .send({
          campaignName: 'Sandbox launch',
          status: 'PAUSED',
          budget: 100,
          adSetName: 'Sandbox set',
          pageId,
          optimizationGoal: 'LANDING_PAGE_VIEWS',
          conversionLocation: 'WEBSITE',
          targeting: { ageMin: 18, ageMax: 65, geoLocations: [{ type: 'country', id: 'US' }] },
          creatives: { primaryText: 'Hello', headline: 'Sandbox', callToAction: 'LEARN_MORE', imageUrl: 'https://images.example.com/a.jpg', url: 'https://example.com' },
        })
        .expect(201);
      const campaignId = launched.body.data.campaignId as string;
      expect(launched.body.environment).toBe('sandbox');
      await as('patch', `/${teamId}/meta/campaign/${campaignId}?adAccountId=${actId(account)}`).send({ status: 'ACTIVE' }).expect(200);
      const live = await as('get', `/${teamId}/meta/campaigns?adAccountId=${actId(account)}&live=true`).expect(200);
      const found = (live.body.data as Array<{ id: string; status?: string; effective_status?: string }>).find((campaign) => campaign.id === campaignId);
      expect(found).toBeDefined();
      expect(found!.status ?? found!.effective_status).toBe('ACTIVE');
      expect(meta.calls).toHaveLength(0);
    });

    it('reads Google accounts and metrics from the simulator', async () => {
      const accounts = await teamAccounts('google');
      const account = accounts.find((candidate) => !(candidate as AccountView & { isManager?: boolean }).isManager) ?? accounts[0];
      const insights = await as('get', `/${teamId}/google/insights?adAccountId=${account.accountId}&${LAST_30_DAYS}`);
      expect(insights.status).toBe(200);
      expect(insights.body.environment).toBe('sandbox');
      expect(google.calls).toHaveLength(0);
    });
  });

  describe('live tenants on the same server', () => {
    it('still reach the configured platforms, never the simulator', async () => {
      const live = await api.createTenant('Live Co 3', [TENANT_SITE]);
      const liveAdmin = await api.login(live.apiKey, 'ws-admin');
      await api.as(liveAdmin, 'post', '/workspace').send({ enterpriseId: 'live3', workspaceName: 'Live' }).expect(201);
      const authUrl = (await api.as(liveAdmin, 'post', '/connections').send({ platform: 'meta', workspaceId: 'live3', redirect: REDIRECT }).expect(201)).body.data.authUrl as string;
      expect(new URL(authUrl).origin).toBe(new URL(meta.url).origin);
      const consent = await submitConsent(authUrl);
      const landed = await fetch(consent.location!, { redirect: 'manual' });
      expect(new URL(landed.headers.get('location')!).searchParams.get('status')).toBe('success');
      expect(meta.callsTo('/oauth/access_token')).toBeGreaterThan(0);
      const tokens = await testApp.query<{ platform_user_id: string }>('SELECT platform_user_id FROM platform_connections WHERE tenant_id = $1', [live.id]);
      expect(tokens.map((row) => row.platform_user_id)).toEqual(['7001']);
    });
  });
});
