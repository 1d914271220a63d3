import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET, FakeGooglePlatform } from '../fakes/google-platform.fake';
import { ApiClient, TenantKey, UserSession } from '../support/api-client';
import { connectThroughBrowser, TENANT_REDIRECT, TEST_PUBLIC_URL } from '../support/connect-flow';
import { startTestApp, TestApp } from '../support/test-app';

describe('Connections: Google OAuth connect, token refresh and expiry', () => {
  let google: FakeGooglePlatform;
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let admin: UserSession;
  let member: UserSession;
  let connectionId: string;
  let accountUuid: string;

  const insightsPath = () => `/connections/${accountUuid}/insights?start_date=2026-11-01&end_date=2026-11-03&metrics=impressions,clicks,spend,cost_micros`;

  async function connect(): Promise<string> {
    const outcome = await connectThroughBrowser(testApp, api, admin, { platform: 'google', workspaceId: 'g-ent', redirect: TENANT_REDIRECT });
    expect(outcome.status).toBe(302);
    expect(outcome.location!.searchParams.get('status')).toBe('success');
    expect(outcome.location!.searchParams.get('platform')).toBe('google');
    return outcome.location!.searchParams.get('connectionId')!;
  }

  /** Makes our stored access token look about to expire, as if an hour had passed. */
  async function ageAccessToken() {
    await testApp.query(`UPDATE platform_connections SET access_token_expires_at = now() + interval '1 minute' WHERE id = $1`, [connectionId]);
  }

  beforeAll(async () => {
    google = await FakeGooglePlatform.start();
    google.addCustomer({ id: '1234567890', descriptiveName: 'Acme Search', currencyCode: 'USD', timeZone: 'America/New_York' });
    google.addCustomer({ id: '5550001111', descriptiveName: 'Acme MCC', currencyCode: 'EUR', timeZone: 'Europe/Paris', manager: true });
    google.addUser({ sub: 'google-user-1', email: 'ada@acme.test', customers: ['1234567890', '5550001111'] });
    google.setMetrics('1234567890', [
      { date: '2026-11-01', impressions: 1000, clicks: 50, costMicros: 12_500_000, conversions: 2 },
      { date: '2026-11-02', impressions: 3000, clicks: 70, costMicros: 7_500_000, conversions: 1 },
    ]);
    testApp = await startTestApp({
      PUBLIC_URL: TEST_PUBLIC_URL,
      GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID,
      GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT_SECRET,
      GOOGLE_ADS_API_URL: google.url,
      GOOGLE_OAUTH_AUTHORIZE_URL: `${google.url}/o/oauth2/v2/auth`,
      GOOGLE_OAUTH_TOKEN_URL: `${google.url}/token`,
      GOOGLE_OAUTH_REVOKE_URL: `${google.url}/revoke`,
    });
    api = new ApiClient(testApp);
    acme = await api.createTenant('Acme', ['https://app.acme.test']);
    admin = await api.login(acme.apiKey, 'admin');
    await api.as(admin, 'post', '/workspace').send({ enterpriseId: 'g-ent', workspaceName: 'G' }).expect(201);
    const teamId = (await api.as(admin, 'post', '/teams/get-all').send({ enterpriseId: 'g-ent' }).expect(200)).body.data[0].id;
    await api.as(admin, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'member', role: 'MEMBER' }] }).expect(201);
    member = await api.login(acme.apiKey, 'member');
  });
  afterAll(async () => {
    await testApp.close();
    await google.close();
  });

  it('asks for offline access with consent and the adwords scope', async () => {
    const response = await api.as(admin, 'post', '/connections').send({ platform: 'google', workspaceId: 'g-ent' }).expect(201);
    const authUrl = new URL(response.body.data.authUrl);
    expect(`${authUrl.origin}${authUrl.pathname}`).toBe(`${google.url}/o/oauth2/v2/auth`);
    expect(authUrl.searchParams.get('client_id')).toBe(FAKE_GOOGLE_CLIENT_ID);
    expect(authUrl.searchParams.get('redirect_uri')).toBe(`${TEST_PUBLIC_URL}/api/v1/google/redirect/callback`);
    expect(authUrl.searchParams.get('access_type')).toBe('offline');
    expect(authUrl.searchParams.get('prompt')).toBe('consent');
    expect(authUrl.searchParams.get('scope')!.split(' ')).toContain('https://www.googleapis.com/auth/adwords');
  });

  it('connects end to end: code → tokens → accessible customers → each customer described', async () => {
    connectionId = await connect();
    const accounts = await testApp.query<{ id: string; account_id: string; name: string; currency: string; timezone: string; is_manager: boolean }>(
      `SELECT id, account_id, name, currency, timezone, is_manager FROM ad_accounts WHERE connection_id = $1 ORDER BY account_id`,
      [connectionId],
    );
    expect(accounts.map(({ id: _id, ...rest }) => rest)).toEqual([
      { account_id: '1234567890', name: 'Acme Search', currency: 'USD', timezone: 'America/New_York', is_manager: false },
      { account_id: '5550001111', name: 'Acme MCC', currency: 'EUR', timezone: 'Europe/Paris', is_manager: true },
    ]);
    accountUuid = accounts[0].id;
    const [row] = await testApp.query<{ platform_user_id: string; refresh_token_ciphertext: string | null }>(
      `SELECT platform_user_id, refresh_token_ciphertext FROM platform_connections WHERE id = $1`,
      [connectionId],
    );
    expect(row.platform_user_id).toBe('google-user-1');
    expect(row.refresh_token_ciphertext).toMatch(/^v1\./);
  });

  it('reconnecting updates the same connection', async () => {
    expect(await connect()).toBe(connectionId);
    expect(await testApp.query(`SELECT id FROM platform_connections`)).toHaveLength(1);
    expect(await testApp.query(`SELECT id FROM ad_accounts`)).toHaveLength(2);
  });

  it('reads live insights with money in units and in micros', async () => {
    const response = await api.as(admin, 'get', insightsPath()).expect(200);
    expect(response.body.data).toMatchObject({ platform: 'google', accountId: '1234567890', currency: 'USD', impressions: 4000, clicks: 120, spend: 20, cost_micros: 20_000_000 });
  });

  it('a MEMBER without a permission on the account is refused', async () => {
    await api.as(member, 'get', insightsPath()).expect(403);
  });

  it('refreshes an access token about to expire once, even for concurrent requests', async () => {
    await ageAccessToken();
    const before = google.tokenGrants('refresh_token');
    const responses = await Promise.all(Array.from({ length: 5 }, () => api.as(admin, 'get', insightsPath())));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(google.tokenGrants('refresh_token')).toBe(before + 1);
    const [row] = await testApp.query<{ later: boolean }>(
      `SELECT access_token_expires_at > now() + interval '30 minutes' AS later FROM platform_connections WHERE id = $1`,
      [connectionId],
    );
    expect(row.later).toBe(true);
  });

  it('an access token Google no longer accepts is refreshed and the call retried', async () => {
    google.expireAccessTokens();
    const before = google.tokenGrants('refresh_token');
    await api.as(admin, 'get', insightsPath()).expect(200);
    expect(google.tokenGrants('refresh_token')).toBe(before + 1);
  });

  it('a quota error is a 429 PLATFORM_RATE_LIMITED with Google’s retry delay', async () => {
    google.failNext('quota', 1);
    const response = await api.as(admin, 'get', insightsPath()).expect(429);
    expect(response.body.error.code).toBe('PLATFORM_RATE_LIMITED');
    expect(response.headers['retry-after']).toBe('7');
  });

  it('invalid_grant on refresh marks the connection expired', async () => {
    google.revokeRefreshTokens();
    await ageAccessToken();
    const response = await api.as(admin, 'get', insightsPath()).expect(424);
    expect(response.body.error.code).toBe('PLATFORM_AUTH_EXPIRED');
    const status = await api.as(admin, 'get', '/connections/status').expect(200);
    expect(status.body.data.connected.every((account: { connected: boolean }) => !account.connected)).toBe(true);
    const list = await api.as(admin, 'get', '/connections').expect(200);
    expect(list.body.data.data[0]).toMatchObject({ status: 'expired', connected: false, statusReason: expect.any(String) });
  });

  it('disconnect deletes everything and revokes the grant at Google', async () => {
    connectionId = await connect();
    const before = google.revokedTokens();
    const response = await api.as(admin, 'delete', `/connections/${connectionId}/disconnect`).expect(200);
    expect(response.body.data.deleted).toMatchObject({ id: connectionId, platform: 'google', adsAccounts: 2, revokedAtPlatform: true });
    expect(google.revokedTokens()).toBe(before + 1);
    expect(await testApp.query(`SELECT id FROM ad_accounts`)).toHaveLength(0);
  });

  it('denied consent creates nothing', async () => {
    google.denyConsent = true;
    try {
      const outcome = await connectThroughBrowser(testApp, api, admin, { platform: 'google', workspaceId: 'g-ent', redirect: TENANT_REDIRECT });
      expect(Object.fromEntries(outcome.location!.searchParams)).toEqual({ status: 'error', platform: 'google', error: 'ACCESS_DENIED' });
      expect(await testApp.query(`SELECT id FROM platform_connections`)).toHaveLength(0);
    } finally {
      google.denyConsent = false;
    }
  });
});
