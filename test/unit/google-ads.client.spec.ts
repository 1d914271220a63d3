import axios from 'axios';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../../src/common/error-code';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { GoogleAccountsReader } from '../../src/platforms/google/google-accounts.reader';
import { GoogleAdsClient, GoogleAdsRow } from '../../src/platforms/google/google-ads.client';
import { GoogleConnector } from '../../src/platforms/google/google-connector';
import { isGoogleAuthorizationError, mapGoogleAdsError } from '../../src/platforms/google/google-error.mapper';
import { GoogleInsightsReader } from '../../src/platforms/google/google-insights.reader';
import { GoogleOAuthClient } from '../../src/platforms/google/google-oauth.client';
import { GoogleReportReader } from '../../src/platforms/google/google-report.reader';
import { PlatformError } from '../../src/platforms/platform-error';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET, FakeGooglePlatform } from '../fakes/google-platform.fake';
import { submitConsent } from '../fakes/consent-form.client';

const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-google-'));
const PUBLIC_URL = 'https://api.example.test';
const SUB = '108234567890123456789';
const DIRECT = '1111111111';
const MANAGER = '2222222222';
const MANAGED = '3333333333';
const CANCELED = '4444444444';
const CUSTOMER_QUERY = 'SELECT customer.id, customer.descriptive_name FROM customer';

let fake: FakeGooglePlatform;

function configFor(extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    JWT_SECRET: 'x'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATA_DIR,
    PUBLIC_URL,
    GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT_SECRET,
    GOOGLE_ADS_API_URL: fake.url,
    GOOGLE_OAUTH_AUTHORIZE_URL: `${fake.url}/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${fake.url}/token`,
    GOOGLE_OAUTH_REVOKE_URL: `${fake.url}/revoke`,
    ...extra,
  });
}

function clients(extra: Record<string, string> = {}) {
  const config = configFor(extra);
  const oauth = new GoogleOAuthClient(config);
  const ads = new GoogleAdsClient(config);
  return { oauth, ads, connector: new GoogleConnector(oauth, new GoogleAccountsReader(ads)), insights: new GoogleInsightsReader(ads) };
}

/** Follows the consent screen the way a browser would and returns the redirect it lands on. */
async function consent(authorizeUrl: string): Promise<URL> {
  const response = await submitConsent(authorizeUrl);
  expect(response.status).toBe(302);
  return new URL(String(response.location));
}

async function codeFor(oauth: GoogleOAuthClient, state = 'state-123'): Promise<string> {
  const landing = await consent(oauth.authorizeUrl(state));
  expect(landing.searchParams.get('state')).toBe(state);
  return landing.searchParams.get('code') ?? '';
}

async function tokensFor(oauth: GoogleOAuthClient) {
  return oauth.exchangeCode(await codeFor(oauth));
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected a PlatformError');
}

const adsCalls = (suffix: string) => fake.calls.filter((call) => call.path.endsWith(suffix));

beforeEach(async () => {
  fake = await FakeGooglePlatform.start();
  fake.addCustomer({ id: DIRECT, descriptiveName: 'Acme Shoes', currencyCode: 'EUR', timeZone: 'Europe/Paris' });
  fake.addCustomer({ id: MANAGER, descriptiveName: 'Agency MCC', currencyCode: 'USD', timeZone: 'America/New_York', manager: true });
  fake.addCustomer({ id: MANAGED, descriptiveName: 'Client of the agency', currencyCode: 'GBP', timeZone: 'Europe/London', managerId: MANAGER });
  fake.addCustomer({ id: CANCELED, descriptiveName: 'Old shop', currencyCode: 'EUR', timeZone: 'Europe/Paris', status: 'CANCELED' });
  fake.addUser({ sub: SUB, email: 'owner@example.test', customers: [DIRECT, MANAGER, CANCELED] });
  fake.setMetrics(DIRECT, [
    { date: '2026-11-01', device: 'MOBILE', adNetworkType: 'SEARCH', impressions: 1000, clicks: 50, costMicros: 25_000_000, conversions: 2 },
    { date: '2026-11-01', device: 'DESKTOP', adNetworkType: 'CONTENT', impressions: 500, clicks: 10, costMicros: 5_500_000 },
    { date: '2026-11-02', device: 'MOBILE', adNetworkType: 'SEARCH', impressions: 2000, clicks: 100, costMicros: 40_000_000, conversions: 3.5 },
    { date: '2026-11-03', device: 'TABLET', adNetworkType: 'SEARCH', impressions: 100, clicks: 0, costMicros: 0 },
    { date: '2026-12-01', device: 'MOBILE', adNetworkType: 'SEARCH', impressions: 99_999, clicks: 999, costMicros: 999_000_000 },
  ]);
});

afterEach(async () => {
  await fake.close();
});

afterAll(() => {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});

describe('GoogleOAuthClient', () => {
  it('builds the documented authorize URL', () => {
    const { oauth } = clients();
    const url = new URL(oauth.authorizeUrl('s t&ate'));
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: FAKE_GOOGLE_CLIENT_ID,
      redirect_uri: `${PUBLIC_URL}/api/v1/google/redirect/callback`,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/adwords openid',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      state: 's t&ate',
    });
    expect(oauth.isConfigured()).toBe(true);
    expect(new GoogleOAuthClient(loadConfig({ DATA_DIR })).isConfigured()).toBe(false);
  });

  it('exchanges a code once, form-encoded, and reads the Google user from the ID token', async () => {
    const { oauth } = clients();
    const code = await codeFor(oauth);
    const before = Date.now();
    const tokens = await oauth.exchangeCode(code);
    expect(tokens.accessToken).toMatch(/^ya29\./);
    expect(tokens.refreshToken).toMatch(/^1\/\//);
    expect(tokens.subject).toBe(SUB);
    expect(tokens.scopes).toEqual(['https://www.googleapis.com/auth/adwords', 'openid']);
    expect(tokens.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3599_000);
    expect(tokens.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3599_000);
    const [tokenCall] = adsCalls('/token');
    expect(tokenCall.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(tokenCall.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: `${PUBLIC_URL}/api/v1/google/redirect/callback` });

    const reused = await failure(oauth.exchangeCode(code));
    expect(reused.code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
    expect(reused.platformDetails).toMatchObject({ platformCode: 'invalid_grant', platformMessage: 'Bad Request' });
    expect(fake.tokenGrants('authorization_code')).toBe(1);
  });

  it('refreshes an access token; a revoked refresh token is PLATFORM_AUTH_EXPIRED and never echoed', async () => {
    const { oauth } = clients();
    const tokens = await tokensFor(oauth);
    const refreshed = await oauth.refresh(tokens.refreshToken ?? '');
    expect(refreshed.accessToken).toMatch(/^ya29\./);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(fake.tokenGrants('refresh_token')).toBe(1);

    fake.revokeRefreshTokens();
    const error = await failure(oauth.refresh(tokens.refreshToken ?? ''));
    expect(error.code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
    expect(error.getStatus()).toBe(424);
    expect(error.platformDetails).toEqual({ platform: 'google', platformCode: 'invalid_grant', platformMessage: 'Token has been expired or revoked.' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(tokens.refreshToken);
  });

  it('reports a rejected client secret clearly', async () => {
    const code = await codeFor(clients().oauth);
    const error = await failure(clients({ GOOGLE_CLIENT_SECRET: 'wrong-secret' }).oauth.exchangeCode(code));
    expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
    expect(error.message).toBe('Google OAuth client rejected (check GOOGLE_CLIENT_ID/SECRET)');
  });

  it('revokes the grant, which ends its access tokens; revoking again is harmless', async () => {
    const { oauth, ads } = clients();
    const tokens = await tokensFor(oauth);
    await oauth.revoke(tokens.refreshToken ?? '');
    expect(fake.revokedTokens()).toBe(1);
    expect(adsCalls('/revoke')[0].body).toEqual({ token: tokens.refreshToken });
    expect((await failure(ads.listAccessibleCustomers(tokens.accessToken))).code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
    await expect(oauth.revoke(tokens.refreshToken ?? '')).resolves.toBeUndefined();
    expect(fake.revokedTokens()).toBe(1);
  });

  it('lands on the callback with access_denied when the user refuses', async () => {
    fake.denyConsent = true;
    const landing = await consent(clients().oauth.authorizeUrl('st'));
    expect(`${landing.origin}${landing.pathname}`).toBe(`${PUBLIC_URL}/api/v1/google/redirect/callback`);
    expect(Object.fromEntries(landing.searchParams)).toEqual({ error: 'access_denied', state: 'st' });
  });
});

describe('GoogleConnector.connect', () => {
  it('turns a code into a grant with every accessible customer and the clients of its managers', async () => {
    const { oauth, connector } = clients();
    const grant = await connector.connect(await codeFor(oauth));
    expect(grant).toMatchObject({
      platform: 'google',
      platformUserId: SUB,
      scopes: ['https://www.googleapis.com/auth/adwords', 'openid'],
      accessToken: expect.stringMatching(/^ya29\./),
      refreshToken: expect.stringMatching(/^1\/\//),
    });
    expect(grant.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(grant.accounts).toEqual([
      { accountId: DIRECT, name: 'Acme Shoes', currency: 'EUR', timezone: 'Europe/Paris', status: 'ENABLED', isManager: false, loginCustomerId: null },
      { accountId: MANAGER, name: 'Agency MCC', currency: 'USD', timezone: 'America/New_York', status: 'ENABLED', isManager: true, loginCustomerId: null },
      { accountId: CANCELED, name: null, currency: null, timezone: null, status: 'UNAVAILABLE', isManager: false, loginCustomerId: null },
      { accountId: MANAGED, name: 'Client of the agency', currency: 'GBP', timezone: 'Europe/London', status: 'ENABLED', isManager: false, loginCustomerId: MANAGER },
    ]);
    const searches = adsCalls('/googleAds:search');
    const customerQuery = 'SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone, customer.manager, customer.status FROM customer';
    expect(searches.filter((call) => (call.body as { query: string }).query === customerQuery)).toHaveLength(3);
    const clientCalls = searches.filter((call) => (call.body as { query: string }).query.includes('FROM customer_client'));
    expect(clientCalls.map((call) => [call.path, call.headers['login-customer-id'], (call.body as { query: string }).query])).toEqual([
      [
        `/v26/customers/${MANAGER}/googleAds:search`,
        MANAGER,
        'SELECT customer_client.id, customer_client.descriptive_name, customer_client.currency_code, customer_client.time_zone, customer_client.manager, customer_client.status, customer_client.level FROM customer_client WHERE customer_client.level <= 1 ORDER BY customer_client.level ASC, customer_client.id ASC',
      ],
    ]);
    expect(searches.filter((call) => call.path.includes(`/customers/${DIRECT}/`))[0].headers).not.toHaveProperty('login-customer-id');
  });

  it('keeps an account reachable both directly and through a manager as direct', async () => {
    fake.addUser({ sub: SUB, email: 'owner@example.test', customers: [DIRECT, MANAGER, MANAGED] });
    const { oauth, connector } = clients();
    const grant = await connector.connect(await codeFor(oauth));
    expect(grant.accounts.map((account) => [account.accountId, account.loginCustomerId])).toEqual([
      [DIRECT, null],
      [MANAGER, null],
      [MANAGED, null],
    ]);
  });

  it('a manager Google refuses to list contributes no clients', async () => {
    const { oauth, connector } = clients();
    const code = await codeFor(oauth);
    // Calls: listAccessibleCustomers, 3 × FROM customer, then the manager's customer_client.
    fake.failAtCall(5, 'permission-denied');
    const grant = await connector.connect(code);
    expect(grant.accounts.map((account) => account.accountId)).toEqual([DIRECT, MANAGER, CANCELED]);
  });

  it('names the user by its customers when Google sends no ID token', async () => {
    const { oauth, connector } = clients();
    const url = new URL(oauth.authorizeUrl('st'));
    url.searchParams.set('scope', 'https://www.googleapis.com/auth/adwords');
    const grant = await connector.connect((await consent(url.toString())).searchParams.get('code') ?? '');
    expect(grant.platformUserId).toBe(`customers:${DIRECT},${MANAGER},${CANCELED}`);
    expect(grant.scopes).toEqual(['https://www.googleapis.com/auth/adwords']);
  });

  it('refuses a grant without a refresh token', async () => {
    fake.omitRefreshToken = true;
    const { oauth, connector } = clients();
    const error = await failure(connector.connect(await codeFor(oauth)));
    expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
    expect(error.message).toContain('Google returned no refresh token');
    expect(adsCalls('customers:listAccessibleCustomers')).toHaveLength(0);
  });

  it('fails as a whole on an error that is not about one customer', async () => {
    const { oauth, connector } = clients();
    const code = await codeFor(oauth);
    fake.failAtCall(2, 'auth-expired');
    expect((await failure(connector.connect(code))).code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
  });
});

describe('GoogleAdsClient', () => {
  it('follows nextPageToken to the last page and never sends pageSize', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    fake.rowsPerPage = 2;
    const query = "SELECT segments.date, metrics.impressions, metrics.clicks FROM customer WHERE segments.date BETWEEN '2026-11-01' AND '2026-12-31' ORDER BY segments.date";
    const rows = await ads.search<GoogleAdsRow>(accessToken, DIRECT, query);
    expect(rows.map((row) => [row.segments?.date, row.metrics?.clicks])).toEqual([
      ['2026-11-01', '60'],
      ['2026-11-02', '100'],
      ['2026-11-03', '0'],
      ['2026-12-01', '999'],
    ]);
    const bodies = adsCalls('/googleAds:search').map((call) => call.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual({ query });
    expect(bodies[1]).toEqual({ query, pageToken: expect.any(String) });
  });

  it('answers quota exhaustion as 429 PLATFORM_RATE_LIMITED with retry-after 7, without retrying', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    fake.failNext('quota');
    const error = await failure(ads.search(accessToken, DIRECT, CUSTOMER_QUERY));
    expect(error.code).toBe(ErrorCode.PLATFORM_RATE_LIMITED);
    expect(error.getStatus()).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '7' });
    expect(error.platformDetails).toMatchObject({ platform: 'google', platformCode: 'RESOURCE_TEMPORARILY_EXHAUSTED', retryAfterSeconds: 7, traceId: expect.any(String) });
    expect(adsCalls('/googleAds:search')).toHaveLength(1);
  });

  it('retries an unavailable Google and succeeds', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    fake.failNext('unavailable');
    await expect(ads.listAccessibleCustomers(accessToken)).resolves.toEqual([DIRECT, MANAGER, CANCELED]);
    expect(adsCalls('customers:listAccessibleCustomers')).toHaveLength(2);
  });

  it('gives up after three attempts on repeated server errors', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    fake.failNext('server-error', 5);
    const error = await failure(ads.search(accessToken, DIRECT, CUSTOMER_QUERY));
    expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
    expect(error.transient).toBe(true);
    expect(adsCalls('/googleAds:search')).toHaveLength(3);
  });

  it('treats an expired access token as PLATFORM_AUTH_EXPIRED; a refreshed one works', async () => {
    const { oauth, ads } = clients();
    const tokens = await tokensFor(oauth);
    fake.expireAccessTokens();
    const error = await failure(ads.search(tokens.accessToken, DIRECT, CUSTOMER_QUERY));
    expect(error.code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
    expect(error.platformDetails.platformCode).toBe('OAUTH_TOKEN_EXPIRED');
    expect(adsCalls('/googleAds:search')).toHaveLength(1);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(tokens.accessToken);

    const { accessToken } = await oauth.refresh(tokens.refreshToken ?? '');
    await expect(ads.search(accessToken, DIRECT, CUSTOMER_QUERY)).resolves.toHaveLength(1);
  });

  it('reaches a customer under a manager only with login-customer-id', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    const denied = await failure(ads.search(accessToken, MANAGED, CUSTOMER_QUERY));
    expect(denied.platformDetails.platformCode).toBe('USER_PERMISSION_DENIED');
    expect(isGoogleAuthorizationError(denied)).toBe(true);
    expect(adsCalls('/googleAds:search')).toHaveLength(1);

    const rows = await ads.search<GoogleAdsRow>(accessToken, MANAGED, CUSTOMER_QUERY, { loginCustomerId: MANAGER });
    expect(rows).toEqual([{ customer: { resourceName: `customers/${MANAGED}`, id: MANAGED, descriptiveName: 'Client of the agency' } }]);
    expect(adsCalls('/googleAds:search')[1].headers['login-customer-id']).toBe(MANAGER);

    const clientsOfManager = await ads.search<GoogleAdsRow>(
      accessToken,
      MANAGER,
      'SELECT customer_client.id, customer_client.level, customer_client.manager FROM customer_client WHERE customer_client.level <= 1',
      { loginCustomerId: MANAGER },
    );
    expect(clientsOfManager.map((row) => [row.customerClient?.id, row.customerClient?.level, row.customerClient?.manager])).toEqual([
      [MANAGER, '0', true],
      [MANAGED, '1', false],
    ]);
  });

  it('uses GOOGLE_ADS_LOGIN_CUSTOMER_ID when the call names no manager', async () => {
    const { oauth, ads } = clients({ GOOGLE_ADS_LOGIN_CUSTOMER_ID: MANAGER });
    const { accessToken } = await tokensFor(oauth);
    await expect(ads.search(accessToken, MANAGED, CUSTOMER_QUERY)).resolves.toHaveLength(1);
    expect(adsCalls('/googleAds:search')[0].headers['login-customer-id']).toBe(MANAGER);
  });

  it('sends developer-token only when one is configured', async () => {
    const plain = clients();
    const { accessToken } = await tokensFor(plain.oauth);
    await plain.ads.listAccessibleCustomers(accessToken);
    const withToken = clients({ GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token-0123456789ab' });
    await withToken.ads.listAccessibleCustomers(accessToken);
    const calls = adsCalls('customers:listAccessibleCustomers');
    expect(calls).toHaveLength(2);
    expect(calls[0].headers).not.toHaveProperty('developer-token');
    expect(calls[1].headers['developer-token']).toBe('dev-token-0123456789ab');
    expect(calls[1].headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(calls[1].headers).not.toHaveProperty('login-customer-id');
  });

  it('answers a bad query as BAD_REQUEST with Google’s queryError', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    const error = await failure(ads.search(accessToken, DIRECT, 'SELECT customer.nope FROM customer'));
    expect(error.code).toBe(ErrorCode.BAD_REQUEST);
    expect(error.platformDetails).toMatchObject({ platformCode: 'UNRECOGNIZED_FIELD', platformSubcode: 'queryError' });
  });

  it('refuses a malformed customer id before calling Google', async () => {
    const { ads } = clients();
    const error = await failure(ads.search('ya29.any', '111-111-111', CUSTOMER_QUERY));
    expect(error.code).toBe(ErrorCode.BAD_REQUEST);
    expect(adsCalls('/googleAds:search')).toHaveLength(0);
  });

  it('fails without retry on an API version Google does not serve', async () => {
    const { oauth, ads } = clients({ GOOGLE_ADS_API_VERSION: 'v22' });
    const { accessToken } = await tokensFor(oauth);
    const error = await failure(ads.listAccessibleCustomers(accessToken));
    expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
    expect(error.transient).toBe(false);
    expect(error.platformDetails.platformCode).toBe('404');
    expect(adsCalls('customers:listAccessibleCustomers')).toHaveLength(1);
  });

  it('turns a timeout into a transient PLATFORM_ERROR that holds no token', async () => {
    const { oauth } = clients();
    const { accessToken } = await tokensFor(oauth);
    const ads = clients({ PLATFORM_HTTP_TIMEOUT_MS: '100' }).ads;
    fake.slowMs = 300;
    const error = await failure(ads.listAccessibleCustomers(accessToken));
    expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
    expect(error.transient).toBe(true);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(accessToken);
    expect(adsCalls('customers:listAccessibleCustomers')).toHaveLength(3);
  });
});

describe('GoogleInsightsReader', () => {
  const account = { accountId: DIRECT, loginCustomerId: null };
  const range = { startDate: '2026-11-01', endDate: '2026-11-30' };

  it.each<[string | undefined, Array<Record<string, unknown>>]>([
    [undefined, [{ impressions: 3600, clicks: 160, spend: 70.5, cost_micros: 70_500_000, cpc: 0.440625, conversions: 5.5 }]],
    [
      'date',
      [
        { date: '2026-11-01', impressions: 1500, clicks: 60, spend: 30.5, cost_micros: 30_500_000, cpc: 0.508333, conversions: 2 },
        { date: '2026-11-02', impressions: 2000, clicks: 100, spend: 40, cost_micros: 40_000_000, cpc: 0.4, conversions: 3.5 },
        { date: '2026-11-03', impressions: 100, clicks: 0, spend: 0, cost_micros: 0, cpc: 0, conversions: 0 },
      ],
    ],
    [
      'device',
      [
        { device: 'MOBILE', impressions: 3000, clicks: 150, spend: 65, cost_micros: 65_000_000, cpc: 0.433333, conversions: 5.5 },
        { device: 'DESKTOP', impressions: 500, clicks: 10, spend: 5.5, cost_micros: 5_500_000, cpc: 0.55, conversions: 0 },
        { device: 'TABLET', impressions: 100, clicks: 0, spend: 0, cost_micros: 0, cpc: 0, conversions: 0 },
      ],
    ],
    [
      'ad_network_type',
      [
        { ad_network_type: 'SEARCH', impressions: 3100, clicks: 150, spend: 65, cost_micros: 65_000_000, cpc: 0.433333, conversions: 5.5 },
        { ad_network_type: 'CONTENT', impressions: 500, clicks: 10, spend: 5.5, cost_micros: 5_500_000, cpc: 0.55, conversions: 0 },
      ],
    ],
  ])('breakdown %s: rows in currency units', async (breakdown, expected) => {
    const { oauth, insights } = clients();
    const { accessToken } = await tokensFor(oauth);
    const result = await insights.accountInsights(accessToken, account, { ...range, metrics: ['impressions', 'clicks', 'spend', 'cost_micros', 'cpc', 'conversions'], breakdown });
    expect(result.currency).toBe('EUR');
    const sorted = breakdown && breakdown !== 'date' ? [...result.rows].sort((a, b) => Number(b.impressions) - Number(a.impressions)) : result.rows;
    expect(sorted).toEqual(expected);
    const [query] = adsCalls('/googleAds:search').map((call) => (call.body as { query: string }).query);
    expect(query).toContain("WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-30'");
  });

  it('derives ctr and cpm from Google’s values', async () => {
    const { oauth, insights } = clients();
    const { accessToken } = await tokensFor(oauth);
    const result = await insights.accountInsights(accessToken, account, { startDate: '2026-11-02', endDate: '2026-11-02', metrics: ['ctr', 'cpm', 'interactions', 'all_conversions'] });
    expect(result.rows).toEqual([{ ctr: 0.05, cpm: 20, interactions: 100, all_conversions: 3.5 }]);
  });

  it('still names the currency when a segmented report has no rows', async () => {
    const { oauth, insights } = clients();
    const { accessToken } = await tokensFor(oauth);
    const result = await insights.accountInsights(accessToken, account, { startDate: '2025-01-01', endDate: '2025-01-31', metrics: ['spend'], breakdown: 'date' });
    expect(result).toEqual({ currency: 'EUR', rows: [] });
    expect(adsCalls('/googleAds:search')).toHaveLength(2);
  });

  it('reads a managed account through its manager', async () => {
    const { oauth, insights } = clients();
    const { accessToken } = await tokensFor(oauth);
    fake.setMetrics(MANAGED, [{ date: '2026-11-05', impressions: 10, clicks: 1, costMicros: 1_234_567 }]);
    const result = await insights.accountInsights(accessToken, { accountId: MANAGED, loginCustomerId: MANAGER }, { ...range, metrics: ['spend'] });
    expect(result).toEqual({ currency: 'GBP', rows: [{ spend: 1.234567 }] });
  });

  it('answers a manager account’s metrics as BAD_REQUEST (REQUESTED_METRICS_FOR_MANAGER)', async () => {
    const { oauth, insights } = clients();
    const { accessToken } = await tokensFor(oauth);
    const error = await failure(insights.accountInsights(accessToken, { accountId: MANAGER, loginCustomerId: null }, { ...range, metrics: ['clicks'] }));
    expect(error.code).toBe(ErrorCode.BAD_REQUEST);
    expect(error.platformDetails.platformCode).toBe('REQUESTED_METRICS_FOR_MANAGER');
  });

  it('refuses a metric outside the allow-list without calling Google', async () => {
    const { insights } = clients();
    const error = await failure(insights.accountInsights('ya29.any', account, { ...range, metrics: ['reach'] }));
    expect(error.code).toBe(ErrorCode.BAD_REQUEST);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('GoogleReportReader', () => {
  const range = { startDate: '2026-11-01', endDate: '2026-11-30' };

  it('uses the stored currency, reads it from Google when unknown, and asks nothing more of an empty report', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    const reader = new GoogleReportReader(ads);
    const query = { level: 'customer' as const, fields: ['clicks', 'cost_micros'], ...range };
    const expected = { customer_id: DIRECT, clicks: 160, cost_micros: 70_500_000, cost: 70.5 };

    expect(await reader.report(accessToken, { accountId: DIRECT, loginCustomerId: null, currency: 'XXX' }, query)).toEqual([{ ...expected, currency: 'XXX' }]);
    expect(adsCalls('/googleAds:search')).toHaveLength(1);
    expect(await reader.report(accessToken, { accountId: DIRECT, loginCustomerId: null, currency: null }, query)).toEqual([{ ...expected, currency: 'EUR' }]);
    expect(adsCalls('/googleAds:search')).toHaveLength(3);
    expect(await reader.report(accessToken, { accountId: DIRECT, loginCustomerId: null, currency: null }, { ...query, fields: ['date', 'clicks'], startDate: '2025-01-01', endDate: '2025-01-31' })).toEqual([]);
    expect(adsCalls('/googleAds:search')).toHaveLength(4);
  });

  it('refuses an unknown field or a reversed range without calling Google', async () => {
    const reader = new GoogleReportReader(clients().ads);
    const account = { accountId: DIRECT, loginCustomerId: null, currency: null };
    expect((await failure(reader.report('ya29.any', account, { level: 'campaign', fields: ['reach'], ...range }))).code).toBe(ErrorCode.BAD_REQUEST);
    expect((await failure(reader.report('ya29.any', account, { level: 'campaign', startDate: '2026-11-30', endDate: '2026-11-01' }))).code).toBe(ErrorCode.BAD_REQUEST);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('FakeGooglePlatform wire format', () => {
  it('gives no refresh token without access_type=offline, like Google', async () => {
    const { oauth } = clients();
    const url = new URL(oauth.authorizeUrl('st'));
    url.searchParams.delete('access_type');
    const tokens = await oauth.exchangeCode((await consent(url.toString())).searchParams.get('code') ?? '');
    expect(tokens.refreshToken).toBeNull();
  });

  it('understands DURING presets, counted from today', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    fake.setMetrics(DIRECT, [
      { date: yesterday, impressions: 7, clicks: 3, costMicros: 9 },
      { date: '2020-01-01', impressions: 1, clicks: 1, costMicros: 1 },
    ]);
    const rows = await ads.search<GoogleAdsRow>(accessToken, DIRECT, 'SELECT metrics.clicks FROM customer WHERE segments.date DURING LAST_7_DAYS');
    expect(rows).toEqual([{ customer: { resourceName: `customers/${DIRECT}` }, metrics: { clicks: '3' } }]);
  });

  it('wraps searchStream errors in an array that the mapper reads', async () => {
    const { oauth } = clients();
    const { accessToken } = await tokensFor(oauth);
    fake.failNext('quota');
    const response = await axios.post(`${fake.url}/v26/customers/${DIRECT}/googleAds:searchStream`, { query: CUSTOMER_QUERY }, {
      headers: { authorization: `Bearer ${accessToken}` },
      validateStatus: () => true,
    });
    expect(response.status).toBe(429);
    expect(Array.isArray(response.data)).toBe(true);
    const error = mapGoogleAdsError(response.status, response.data, response.headers as Record<string, unknown>);
    expect(error.platformDetails).toMatchObject({ retryAfterSeconds: 7, traceId: response.headers['request-id'] });
  });

  it('refuses pageSize like Google', async () => {
    const { oauth } = clients();
    const { accessToken } = await tokensFor(oauth);
    const response = await axios.post(`${fake.url}/v26/customers/${DIRECT}/googleAds:search`, { query: CUSTOMER_QUERY, pageSize: 100 }, {
      headers: { authorization: `Bearer ${accessToken}` },
      validateStatus: () => true,
    });
    expect(response.status).toBe(400);
    expect(mapGoogleAdsError(response.status, response.data).platformDetails.platformCode).toBe('PAGE_SIZE_NOT_SUPPORTED');
  });

  it('serves campaigns, ad groups and ads with their joined resources, nested messages and int64 strings', async () => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    fake.setCampaigns(DIRECT, [{ id: '11', name: 'Spring', budgetMicros: 5_000_000, metrics: [{ date: '2026-11-01', impressions: 10, clicks: 2, costMicros: 300_000 }] }]);
    fake.setAdGroups(DIRECT, [{ id: '21', campaignId: '11', name: 'Shoes' }]);
    fake.setAds(DIRECT, [{ id: '31', adGroupId: '21', headlines: ['Buy now'], finalUrls: ['https://shop.test'] }]);
    const campaigns = await ads.search<GoogleAdsRow>(
      accessToken,
      DIRECT,
      "SELECT campaign.id, campaign.name, campaign_budget.amount_micros, metrics.cost_micros FROM campaign WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-30' AND campaign.status != 'REMOVED'",
    );
    expect(campaigns).toEqual([
      {
        campaign: { resourceName: `customers/${DIRECT}/campaigns/11`, id: '11', name: 'Spring' },
        campaignBudget: { resourceName: `customers/${DIRECT}/campaignBudgets/11`, amountMicros: '5000000' },
        metrics: { costMicros: '300000' },
      },
    ]);
    const adRows = await ads.search<GoogleAdsRow>(accessToken, DIRECT, 'SELECT ad_group_ad.ad.id, ad_group_ad.ad.responsive_search_ad.headlines, ad_group_ad.ad.final_urls, ad_group.name, campaign.name FROM ad_group_ad');
    expect(adRows).toEqual([
      {
        adGroupAd: { resourceName: `customers/${DIRECT}/adGroupAds/21~31`, ad: { id: '31', responsiveSearchAd: { headlines: [{ text: 'Buy now' }] }, finalUrls: ['https://shop.test'] } },
        adGroup: { resourceName: `customers/${DIRECT}/adGroups/21`, name: 'Shoes' },
        campaign: { resourceName: `customers/${DIRECT}/campaigns/11`, name: 'Spring' },
      },
    ]);
  });

  it.each([
    ['a metric with an asset resource', 'SELECT asset.id, metrics.clicks FROM asset', 'PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE'],
    ['a resource not attributed to the FROM resource', 'SELECT ad_group.id FROM campaign', 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE'],
    ['an unknown field', 'SELECT campaign.secret FROM campaign', 'UNRECOGNIZED_FIELD'],
    ['segments.date without a date filter', 'SELECT campaign.id, segments.date, metrics.clicks FROM campaign', 'EXPECTED_FILTERS_ON_DATE_RANGE'],
  ])('refuses %s like Google', async (_name, query, code) => {
    const { oauth, ads } = clients();
    const { accessToken } = await tokensFor(oauth);
    const error = await failure(ads.search(accessToken, DIRECT, query));
    expect(error.platformDetails).toMatchObject({ platformSubcode: 'queryError', platformCode: code });
  });
});
