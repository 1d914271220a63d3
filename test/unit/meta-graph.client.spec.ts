import axios from 'axios';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../../src/common/error-code';
import { loadConfig } from '../../src/config/load-config';
import { PlatformError } from '../../src/platforms/platform-error';
import { MetaConnector } from '../../src/platforms/meta/meta-connector';
import { MetaGraphClient } from '../../src/platforms/meta/meta-graph.client';
import { MetaInsightsReader } from '../../src/platforms/meta/meta-insights.reader';
import { META_SCOPES, MetaOAuthClient } from '../../src/platforms/meta/meta-oauth.client';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaAdAccount, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { submitConsent } from '../fakes/consent-form.client';

const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-meta-'));
const PUBLIC_URL = 'http://localhost:3999';

function account(n: number, extra: Partial<FakeMetaAdAccount> = {}): FakeMetaAdAccount {
  return { account_id: String(1000 + n), name: `Account ${n}`, currency: 'EUR', timezone_name: 'Europe/Berlin', account_status: 1, ...extra };
}

function services(fake: FakeMetaPlatform, env: Record<string, string | undefined> = {}) {
  const config = loadConfig({
    JWT_SECRET: 'j'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATA_DIR,
    PUBLIC_URL,
    META_APP_ID: FAKE_META_APP_ID,
    META_APP_SECRET: FAKE_META_APP_SECRET,
    META_GRAPH_URL: fake.url,
    META_DIALOG_URL: fake.url,
    PLATFORM_HTTP_TIMEOUT_MS: '2000',
    ...env,
  });
  const graph = new MetaGraphClient(config);
  const oauth = new MetaOAuthClient(config, graph);
  return { config, graph, oauth, connector: new MetaConnector(oauth, graph), insights: new MetaInsightsReader(graph) };
}

async function dialog(oauth: MetaOAuthClient, state = 'state-123'): Promise<URL> {
  const response = await submitConsent(oauth.authorizeUrl(state));
  expect(response.status).toBe(302);
  return new URL(response.location!);
}

async function codeFromDialog(oauth: MetaOAuthClient): Promise<string> {
  const code = (await dialog(oauth)).searchParams.get('code');
  expect(code).toEqual(expect.any(String));
  return code!;
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

describe('Meta clients against the fake Graph API', () => {
  let fake: FakeMetaPlatform;
  let meta: ReturnType<typeof services>;

  beforeEach(async () => {
    fake = await FakeMetaPlatform.start();
    fake.addUser({ id: 'u1', name: 'Ada', adAccounts: [1, 2, 3, 4, 5, 6, 7].map((n) => account(n)) });
    meta = services(fake);
  });
  afterEach(() => fake.close());

  async function token(): Promise<string> {
    return (await meta.connector.connect(await codeFromDialog(meta.oauth))).accessToken;
  }

  /** Every token and secret the fake knows, for leak checks. */
  function secrets(): string[] {
    return [...fake.accessTokenOf('u1'), FAKE_META_APP_SECRET];
  }

  function expectNoSecrets(error: PlatformError): void {
    const text = JSON.stringify({ message: error.message, details: error.details, response: error.getResponse(), headers: error.headers, stack: error.stack });
    for (const secret of secrets()) expect(text).not.toContain(secret);
  }

  describe('OAuth and connect()', () => {
    it('builds the login dialog URL', () => {
      const url = new URL(meta.oauth.authorizeUrl('s-1'));
      expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/v25.0/dialog/oauth`);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: FAKE_META_APP_ID,
        redirect_uri: `${PUBLIC_URL}/api/v1/meta/redirect/callback`,
        state: 's-1',
        scope: META_SCOPES.join(','),
        response_type: 'code',
      });
      expect(meta.oauth.redirectUri()).toBe(`${PUBLIC_URL}/api/v1/meta/redirect/callback`);
      expect(meta.oauth.isConfigured()).toBe(true);
    });

    it('runs the whole chain: code → token → long-lived token → debug_token → every page of ad accounts', async () => {
      const code = await codeFromDialog(meta.oauth);
      const before = Date.now();
      const grant = await meta.connector.connect(code);

      const [shortToken, longToken] = fake.accessTokenOf('u1');
      expect(grant).toEqual({
        platform: 'meta',
        platformUserId: 'u1',
        scopes: [...META_SCOPES],
        accessToken: longToken,
        accessTokenExpiresAt: expect.any(Date),
        refreshToken: null,
        accounts: [1, 2, 3, 4, 5, 6, 7].map((n) => ({
          accountId: String(1000 + n),
          name: `Account ${n}`,
          currency: 'EUR',
          timezone: 'Europe/Berlin',
          status: 'ACTIVE',
          isManager: false,
          loginCustomerId: null,
        })),
      });
      expect(grant.accessToken).not.toBe(shortToken);
      const lifetime = grant.accessTokenExpiresAt!.getTime() - before;
      expect(lifetime).toBeGreaterThan(5183944 * 1000 - 10_000);
      expect(lifetime).toBeLessThan(5183944 * 1000 + 10_000);

      // 7 accounts at 2 per page: 4 pages, each with the token and a correct proof.
      const pages = fake.calls.filter((call) => call.path === '/v25.0/me/adaccounts');
      expect(pages).toHaveLength(4);
      for (const page of pages) {
        expect(page.query.access_token).toBe(longToken);
        expect(page.query.appsecret_proof).toBe(createHmac('sha256', FAKE_META_APP_SECRET).update(longToken).digest('hex'));
      }
      expect(pages[0].query).toMatchObject({ fields: 'id,account_id,name,account_status,currency,timezone_name', limit: '50' });
      expect(pages.slice(1).every((page) => typeof page.query.after === 'string')).toBe(true);

      const exchange = fake.calls.find((call) => call.path === '/v25.0/oauth/access_token')!;
      expect(exchange.query).toMatchObject({ client_id: FAKE_META_APP_ID, client_secret: FAKE_META_APP_SECRET, code, redirect_uri: meta.oauth.redirectUri() });
    });

    it('passes state back and tells a denied consent apart', async () => {
      fake.denyConsent = true;
      const location = await dialog(meta.oauth, 'st-9');
      expect(`${location.origin}${location.pathname}`).toBe(meta.oauth.redirectUri());
      expect(location.search).toContain('error_description=Permissions+error');
      expect(Object.fromEntries(location.searchParams)).toEqual({
        error: 'access_denied',
        error_reason: 'user_denied',
        error_description: 'Permissions error',
        state: 'st-9',
      });
    });

    it('refuses a used or malformed code with a PlatformError, not a crash', async () => {
      const code = await codeFromDialog(meta.oauth);
      await meta.oauth.exchangeCode(code);
      const used = await failure(meta.oauth.exchangeCode(code));
      expect(used.code).toBe(ErrorCode.BAD_REQUEST);
      expect(used.message).toBe('This authorization code has been used.');
      expect(used.platformDetails).toMatchObject({ platform: 'meta', platformCode: 100, traceId: expect.any(String) });

      const bad = await failure(meta.connector.connect('not-a-code'));
      expect(bad.getStatus()).toBe(400);
      expect(bad.message).toBe('Invalid verification code format.');
      expectNoSecrets(bad);
    });

    it('reports the token fields of debug_token and refuses an invalid token in connect()', async () => {
      const longToken = await token();
      const info = await meta.oauth.debugToken(longToken);
      expect(info).toEqual({ userId: 'u1', scopes: [...META_SCOPES], expiresAt: expect.any(Date), dataAccessExpiresAt: expect.any(Date), isValid: true });
      expect(info.dataAccessExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 89 * 24 * 3600 * 1000);
      const debugCall = fake.calls.find((call) => call.path === '/v25.0/debug_token')!;
      expect(debugCall.query.access_token).toBe(`${FAKE_META_APP_ID}|${FAKE_META_APP_SECRET}`);

      fake.expireAllTokens();
      expect((await meta.oauth.debugToken(longToken)).isValid).toBe(false);
      expect((await meta.oauth.debugToken('EAAunknown')).isValid).toBe(false);

      const stubOAuth = {
        exchangeCode: async () => ({ accessToken: 'short', expiresIn: 5400 }),
        exchangeLongLived: async () => ({ accessToken: 'long', expiresAt: null }),
        debugToken: async () => ({ userId: 'u1', scopes: [], expiresAt: null, dataAccessExpiresAt: null, isValid: false }),
      } as unknown as MetaOAuthClient;
      const refused = await failure(new MetaConnector(stubOAuth, meta.graph).connect('code'));
      expect(refused.code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
    });

    it('uses the granted scopes and the chosen user', async () => {
      fake.addUser({ id: 'u2', name: 'Bo', adAccounts: [account(9, { account_status: 101 })], scopes: ['ads_read'] });
      fake.consentAs('u2');
      const grant = await meta.connector.connect(await codeFromDialog(meta.oauth));
      expect(grant.platformUserId).toBe('u2');
      expect(grant.scopes).toEqual(['ads_read']);
      expect(grant.accounts).toEqual([expect.objectContaining({ accountId: '1009', status: 'CLOSED' })]);
    });

    it('revokes: DELETE /me/permissions, after which the token is refused', async () => {
      const longToken = await token();
      await meta.oauth.revoke(longToken);
      expect(fake.revokedTokens()).toBe(1);
      expect(fake.callsTo('/me/permissions')).toBe(1);
      const error = await failure(meta.graph.get('/me', {}, longToken));
      expect(error.code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
      expect(error.platformDetails.platformCode).toBe(190);
    });
  });

  describe('paging', () => {
    it('pages to the end through short and empty pages while next is present', async () => {
      fake.addUser({
        id: 'u3',
        name: 'Cy',
        adAccounts: [account(1), account(2), account(3), account(4, { hidden: true }), account(5, { hidden: true }), account(6, { hidden: true }), account(7), account(8)],
      });
      fake.consentAs('u3');
      const grant = await meta.connector.connect(await codeFromDialog(meta.oauth));
      expect(grant.accounts.map((a) => a.accountId)).toEqual(['1001', '1002', '1003', '1007', '1008']);
      expect(fake.callsTo('/me/adaccounts')).toBe(4);
    });

    it('never follows a next URL on another origin; it asks the configured host with the cursor instead', async () => {
      const longToken = await token();
      fake.pagingOrigin = 'http://graph.invalid:9';
      const callsBefore = fake.calls.length;
      const items = await meta.graph.paginate<{ id: string }>('/me/adaccounts', { fields: 'id', limit: 50 }, longToken);
      expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `act_${1000 + n}`));
      const pages = fake.calls.slice(callsBefore);
      expect(pages).toHaveLength(4);
      expect(pages.every((page) => page.path === '/v25.0/me/adaccounts' && page.query.fields === 'id')).toBe(true);
    });

    it('stops at maxPages', async () => {
      const longToken = await token();
      const items = await meta.graph.paginate('/me/adaccounts', { limit: 50 }, longToken, { maxPages: 2 });
      expect(items).toHaveLength(4);
    });

    it('retries a transient failure in the middle of paging and still returns everything', async () => {
      fake.failAtCall(5, 'transient'); // 1 code, 2 long-lived, 3 debug_token, 4 page 1, 5 page 2
      const grant = await meta.connector.connect(await codeFromDialog(meta.oauth));
      expect(grant.accounts).toHaveLength(7);
      expect(fake.callsTo('/me/adaccounts')).toBe(5);
    });
  });

  describe('appsecret_proof, retries and error mapping', () => {
    it('a wrong app secret in config gives a PlatformError (proof refused)', async () => {
      const longToken = await token();
      const wrong = services(fake, { META_APP_SECRET: 'not-the-secret' });
      const error = await failure(wrong.graph.get('/me', {}, longToken));
      expect(error.code).toBe(ErrorCode.BAD_REQUEST);
      expect(error.platformDetails).toMatchObject({ platformCode: 100, platformMessage: 'Invalid appsecret_proof provided in the API argument' });
      expectNoSecrets(error);
      expect(await meta.graph.get('/me', {}, longToken)).toEqual({ id: 'u1', name: 'Ada' });
    });

    it.each(['server-error', 'transient'] as const)('retries once after a %s, then succeeds', async (kind) => {
      const longToken = await token();
      fake.failNext(kind);
      expect(await meta.graph.get('/me', {}, longToken)).toEqual({ id: 'u1', name: 'Ada' });
      expect(fake.callsTo('/v25.0/me')).toBe(2);
    });

    it.each(['server-error', 'transient'] as const)('does not retry a POST after a %s (Meta may have created the object)', async (kind) => {
      const longToken = await token();
      fake.failNext(kind);
      const error = await failure(meta.graph.post('/act_1001/campaigns', { name: 'x' }, longToken));
      expect(error.transient).toBe(true);
      expect(fake.callsTo('/act_1001/campaigns')).toBe(1);
    });

    it('gives up after 3 attempts with a transient error', async () => {
      const longToken = await token();
      fake.failNext('server-error', 3);
      const error = await failure(meta.graph.get('/me', {}, longToken));
      expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
      expect(error.transient).toBe(true);
      expect(fake.callsTo('/v25.0/me')).toBe(3);
    });

    it('does not retry a bad parameter', async () => {
      const longToken = await token();
      fake.failNext('bad-param');
      const error = await failure(meta.graph.get('/me', {}, longToken));
      expect(error.getStatus()).toBe(400);
      expect(error.code).toBe(ErrorCode.BAD_REQUEST);
      expect(error.message).toBe('One of the parameters you sent is not valid. Check it and try again.');
      expect(fake.callsTo('/v25.0/me')).toBe(1);
    });

    it('maps a rate limit to 429 PLATFORM_RATE_LIMITED with retry-after, without retrying', async () => {
      const longToken = await token();
      fake.failNext('rate-limit');
      const error = await failure(meta.graph.get('/me', {}, longToken));
      expect(error.getStatus()).toBe(429);
      expect(error.code).toBe(ErrorCode.PLATFORM_RATE_LIMITED);
      expect(error.headers).toEqual({ 'retry-after': '300' });
      expect(error.platformDetails).toMatchObject({ platform: 'meta', platformCode: 17, platformSubcode: 2446079, retryAfterSeconds: 300 });
      expect(fake.callsTo('/v25.0/me')).toBe(1);
      expectNoSecrets(error);
    });

    it('maps an expired token to PLATFORM_AUTH_EXPIRED', async () => {
      const longToken = await token();
      fake.expireAllTokens();
      const error = await failure(meta.graph.get('/me', {}, longToken));
      expect(error.getStatus()).toBe(424);
      expect(error.code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
      expect(error.authExpired).toBe(true);
      expect(error.platformDetails).toMatchObject({ platformCode: 190, platformSubcode: 463 });
      expectNoSecrets(error);

      fake.failNext('auth-expired');
      const injected = await failure(meta.connector.connect(await codeFromDialog(meta.oauth)));
      expect(injected.code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
    });

    it('retries a timed-out GET but never a timed-out POST', async () => {
      const longToken = await token();
      const impatient = services(fake, { PLATFORM_HTTP_TIMEOUT_MS: '100' });
      fake.slowMs = 400;
      const get = await failure(impatient.graph.get('/me', {}, longToken));
      expect(get.transient).toBe(true);
      expect(get.message).toMatch(/could not be reached/);
      expect(fake.callsTo('/v25.0/me')).toBe(3);

      const post = await failure(impatient.graph.post('/act_1001/campaigns', { name: 'x' }, longToken));
      expect(post.transient).toBe(true);
      expect(fake.callsTo('/act_1001/campaigns')).toBe(1);
      expectNoSecrets(post);
    });

    it('posts a form body with the credentials and JSON-encoded objects', async () => {
      const longToken = await token();
      const error = await failure(meta.graph.post('/act_1001/campaigns', { name: 'Spring', special_ad_categories: [], targeting: { geo_locations: { countries: ['US'] } }, skip: undefined }, longToken));
      // The fake validates campaign creation like Graph does: no objective is an invalid parameter (100).
      expect(error.platformDetails).toMatchObject({ platformCode: 100 });
      expect(error.message).toMatch(/objective/);
      const call = fake.calls[fake.calls.length - 1];
      expect(call.method).toBe('POST');
      expect(call.query).toEqual({});
      expect(call.body).toEqual({
        name: 'Spring',
        special_ad_categories: '[]',
        targeting: '{"geo_locations":{"countries":["US"]}}',
        access_token: longToken,
        appsecret_proof: createHmac('sha256', FAKE_META_APP_SECRET).update(longToken).digest('hex'),
      });
    });

    it('reports a retired API version (2635)', async () => {
      const longToken = await token();
      const old = services(fake, { META_API_VERSION: 'v24.0' });
      const error = await failure(old.graph.get('/me', {}, longToken));
      expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
      expect(error.platformDetails.platformCode).toBe(2635);
      expect(error.transient).toBe(false);
    });

    it('works on v26.0 too', async () => {
      const v26 = services(fake, { META_API_VERSION: 'v26.0' });
      const grant = await v26.connector.connect(await codeFromDialog(v26.oauth));
      expect(grant.accounts).toHaveLength(7);
      expect(fake.calls.some((call) => call.path === '/v26.0/me/adaccounts')).toBe(true);
    });

    it('fails clearly when Meta credentials are not configured', async () => {
      const bare = services(fake, { META_APP_ID: undefined, META_APP_SECRET: undefined });
      expect(bare.oauth.isConfigured()).toBe(false);
      expect(() => bare.oauth.authorizeUrl('s')).toThrow(PlatformError);
      const error = await failure(bare.graph.get('/me', {}, 'EAAsomething'));
      expect(error.code).toBe(ErrorCode.PLATFORM_ERROR);
      expect(error.message).toMatch(/META_APP_ID/);
      expect(fake.calls).toHaveLength(0);
    });
  });

  describe('insights', () => {
    const query = { startDate: '2026-11-01', endDate: '2026-11-03', metrics: ['impressions', 'spend', 'actions'] };

    beforeEach(() => {
      fake.setInsights('1001', [
        { account_currency: 'EUR', impressions: '3000', spend: '45.67', clicks: '12', actions: [{ action_type: 'lead', value: '3' }], date_start: '2026-11-01', date_stop: '2026-11-03' },
        { account_currency: 'EUR', impressions: '1200', spend: '20.5', gender: 'female', date_start: '2026-11-01', date_stop: '2026-11-03' },
        { account_currency: 'EUR', impressions: '1800', spend: '25.17', gender: 'male', date_start: '2026-11-01', date_stop: '2026-11-03' },
        { account_currency: 'EUR', impressions: '0', spend: '0', gender: 'unknown', date_start: '2026-11-01', date_stop: '2026-11-03' },
        ...['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'].map((day, i) => ({ impressions: String(1000 + i), spend: `${10 + i}.5`, date_start: day, date_stop: day })),
      ]);
    });

    it('reads account totals with numbers and the currency', async () => {
      const result = await meta.insights.accountInsights(await token(), '1001', query);
      expect(result).toEqual({
        currency: 'EUR',
        rows: [{ impressions: 3000, spend: 45.67, actions: [{ action_type: 'lead', value: 3 }], date_start: '2026-11-01', date_stop: '2026-11-03' }],
      });
      const call = fake.calls.find((c) => c.path === '/v25.0/act_1001/insights')!;
      expect(call.query).toMatchObject({
        level: 'account',
        fields: 'impressions,spend,actions,account_currency',
        time_range: '{"since":"2026-11-01","until":"2026-11-03"}',
      });
      expect(call.query.breakdowns).toBeUndefined();
      expect(call.query.time_increment).toBeUndefined();
    });

    it('keeps the breakdown key and pages to the end', async () => {
      const result = await meta.insights.accountInsights(await token(), '1001', { ...query, breakdown: 'gender' });
      expect(result.rows.map((row) => [row.gender, row.impressions, row.spend])).toEqual([
        ['female', 1200, 20.5],
        ['male', 1800, 25.17],
        ['unknown', 0, 0],
      ]);
      expect(fake.callsTo('/act_1001/insights')).toBe(2);
      expect(fake.calls.find((c) => c.path.endsWith('/insights'))!.query.breakdowns).toBe('gender');
    });

    it('asks daily rows with time_increment=1 for the date breakdown', async () => {
      const result = await meta.insights.accountInsights(await token(), '1001', { ...query, breakdown: 'date' });
      expect(result.rows.map((row) => [row.date, row.spend])).toEqual([
        ['2026-11-01', 11.5],
        ['2026-11-02', 12.5],
        ['2026-11-03', 13.5],
      ]);
      const call = fake.calls.find((c) => c.path.endsWith('/insights'))!;
      expect(call.query.time_increment).toBe('1');
      expect(call.query.breakdowns).toBeUndefined();
    });

    it('gets one total row when only broken-down rows exist, as Meta sums them', async () => {
      fake.setInsights('1002', [
        { impressions: '10000', clicks: '500', spend: '250.50', cpc: '0.501', actions: [{ action_type: 'lead', value: '3' }], gender: 'female', date_start: '2026-11-01', date_stop: '2026-11-03' },
        { impressions: '4000', clicks: '100', spend: '80.00', cpc: '0.8', actions: [{ action_type: 'lead', value: '1' }], gender: 'male', date_start: '2026-11-01', date_stop: '2026-11-03' },
      ]);
      const result = await meta.insights.accountInsights(await token(), '1002', { ...query, metrics: ['impressions', 'clicks', 'spend', 'cpc', 'actions'] });
      expect(result).toEqual({
        currency: 'EUR',
        rows: [{ impressions: 14000, clicks: 600, spend: 330.5, cpc: 0.550833, actions: [{ action_type: 'lead', value: 4 }], date_start: '2026-11-01', date_stop: '2026-11-03' }],
      });
    });

    it("refuses an account the user does not own with Meta's unsupported-request error", async () => {
      const error = await failure(meta.insights.accountInsights(await token(), '9999', query));
      expect(error.code).toBe(ErrorCode.BAD_REQUEST);
      expect(error.platformDetails).toMatchObject({ platformCode: 100, platformSubcode: 33 });
    });

    it('refuses metrics and breakdowns outside the allow-lists before calling Meta', async () => {
      const longToken = await token();
      const callsBefore = fake.calls.length;
      await expect(meta.insights.accountInsights(longToken, '1001', { ...query, metrics: ['impressions', 'access_token'] })).rejects.toMatchObject({ code: ErrorCode.BAD_REQUEST });
      await expect(meta.insights.accountInsights(longToken, '1001', { ...query, breakdown: 'dma' })).rejects.toMatchObject({ code: ErrorCode.BAD_REQUEST });
      expect(fake.calls.length).toBe(callsBefore);
    });
  });
  describe('the fake validates like Meta', () => {
    const raw = (pathAndQuery: string) => axios.get(`${fake.url}${pathAndQuery}`, { validateStatus: () => true, maxRedirects: 0 });
    const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
    const proof = (t: string) => createHmac('sha256', FAKE_META_APP_SECRET).update(t).digest('hex');

    it('checks client credentials and the redirect_uri at code exchange', async () => {
      const code = await codeFromDialog(meta.oauth);
      const base = { client_id: FAKE_META_APP_ID, client_secret: FAKE_META_APP_SECRET, redirect_uri: meta.oauth.redirectUri(), code };
      const wrongId = await raw(`/v25.0/oauth/access_token?${qs({ ...base, client_id: '42' })}`);
      expect([wrongId.status, wrongId.data.error.code]).toEqual([400, 101]);
      const wrongSecret = await raw(`/v25.0/oauth/access_token?${qs({ ...base, client_secret: 'nope' })}`);
      expect([wrongSecret.data.error.code, wrongSecret.data.error.message]).toEqual([1, 'Error validating client secret.']);
      const wrongRedirect = await raw(`/v25.0/oauth/access_token?${qs({ ...base, redirect_uri: 'http://elsewhere/cb' })}`);
      expect(wrongRedirect.data.error.code).toBe(100);
      const good = await raw(`/v25.0/oauth/access_token?${qs(base)}`);
      expect(good.data).toEqual({ access_token: expect.stringMatching(/^EAA/), token_type: 'bearer', expires_in: 5400 });
      expect(good.headers['x-app-usage']).toEqual(expect.any(String));
    });

    it('checks the dialog parameters', async () => {
      const params = { client_id: FAKE_META_APP_ID, redirect_uri: meta.oauth.redirectUri(), state: 's', scope: 'ads_read', response_type: 'code' };
      expect((await raw(`/v25.0/dialog/oauth?${qs({ ...params, client_id: '42' })}`)).status).toBe(400);
      expect((await raw(`/v25.0/dialog/oauth?${qs({ ...params, scope: '' })}`)).status).toBe(400);
      expect((await raw(`/v25.0/dialog/oauth?${qs({ ...params, response_type: 'token' })}`)).status).toBe(400);
      expect((await raw(`/v25.0/dialog/oauth?${qs({ ...params, redirect_uri: '' })}`)).status).toBe(400);
      expect((await raw(`/v25.0/dialog/oauth?${qs(params)}`)).status).toBe(200);
    });

    it('requires a known token and its proof, and answers unknown routes like Meta', async () => {
      const longToken = await token();
      const missingProof = await raw(`/v25.0/me?${qs({ access_token: longToken })}`);
      expect(missingProof.data.error).toMatchObject({ code: 100, message: 'Invalid appsecret_proof provided in the API argument' });
      const unknown = await raw(`/v25.0/me?${qs({ access_token: 'EAAnope', appsecret_proof: proof('EAAnope') })}`);
      expect(unknown.data.error).toMatchObject({ code: 190, error_subcode: 467, type: 'OAuthException', fbtrace_id: expect.any(String) });
      const route = await raw(`/v25.0/nowhere/edge?${qs({ access_token: longToken, appsecret_proof: proof(longToken) })}`);
      expect(route.data.error).toMatchObject({ code: 100, error_subcode: 33 });
      const version = await raw(`/v21.0/me?${qs({ access_token: longToken, appsecret_proof: proof(longToken) })}`);
      expect(version.data.error).toMatchObject({ code: 2635 });
    });

    it('pages with cursors and a next URL that carries the token', async () => {
      const longToken = await token();
      const first = await raw(`/v25.0/me/adaccounts?${qs({ access_token: longToken, appsecret_proof: proof(longToken), fields: 'name', limit: '50' })}`);
      expect(first.data.data).toEqual([
        { id: 'act_1001', name: 'Account 1' },
        { id: 'act_1002', name: 'Account 2' },
      ]);
      expect(first.data.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
      const next = new URL(first.data.paging.next);
      expect(next.origin).toBe(fake.url);
      expect(next.searchParams.get('access_token')).toBe(longToken);
      expect(next.searchParams.get('after')).toBe(first.data.paging.cursors.after);
      const last = await raw(`/v25.0/me/adaccounts?${qs({ access_token: longToken, appsecret_proof: proof(longToken), limit: '50', after: Buffer.from('cursor:5').toString('base64') })}`);
      expect(last.data.data).toEqual([{ id: 'act_1007' }]);
      expect(last.data.paging.next).toBeUndefined();
    });

    it('validates insights parameters', async () => {
      const longToken = await token();
      const auth = { access_token: longToken, appsecret_proof: proof(longToken) };
      const badRange = await raw(`/v25.0/act_1001/insights?${qs({ ...auth, time_range: '{since:' })}`);
      expect(badRange.data.error.code).toBe(100);
      const badField = await raw(`/v25.0/act_1001/insights?${qs({ ...auth, fields: 'impressions,secret_sauce' })}`);
      expect(badField.data.error.code).toBe(100);
    });
  });
});
