import { CONNECT_RESULT_PAGE_HEADERS } from '../../src/connections/oauth/connect-result.page';
import { OAuthStateCodec } from '../../src/connections/oauth/oauth-state.codec';
import { hkdfSync, randomUUID } from 'node:crypto';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { ApiClient, TenantKey, UserSession } from '../support/api-client';
import { callbackPath, connectThroughBrowser, followCallback, TENANT_REDIRECT, TEST_PUBLIC_URL, visitConsent } from '../support/connect-flow';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

const ACCOUNTS = [
  { account_id: '1001', name: 'Acme US', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
  { account_id: '1002', name: 'Acme EU', currency: 'EUR', timezone_name: 'Europe/Berlin', account_status: 1 },
  { account_id: '1003', name: 'Acme JP', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 2 },
];

describe('Connections: Meta OAuth connect, vault and connection endpoints', () => {
  let meta: FakeMetaPlatform;
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let wsAdmin: UserSession;
  let teamAdmin: UserSession;
  let member: UserSession;
  let outsider: UserSession;
  let defaultTeamId: string;
  let teamId: string;

  beforeAll(async () => {
    meta = await FakeMetaPlatform.start();
    meta.addUser({ id: '9001', name: 'Ada', adAccounts: ACCOUNTS.map((a) => ({ ...a })) });
    meta.addUser({ id: '9002', name: 'Bob', adAccounts: [{ account_id: '2001', name: 'Bob Shop', currency: 'GBP', timezone_name: 'Europe/London', account_status: 1 }] });
    testApp = await startTestApp({
      PUBLIC_URL: TEST_PUBLIC_URL,
      META_APP_ID: FAKE_META_APP_ID,
      META_APP_SECRET: FAKE_META_APP_SECRET,
      META_GRAPH_URL: meta.url,
      META_DIALOG_URL: meta.url,
    });
    api = new ApiClient(testApp);
    acme = await api.createTenant('Acme', ['https://app.acme.test']);
    wsAdmin = await api.login(acme.apiKey, 'ws-admin');
    await api.as(wsAdmin, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Acme WS' }).expect(201);
    defaultTeamId = (await api.as(wsAdmin, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(200)).body.data[0].id;
    teamId = (await api.as(wsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'Growth' }).expect(201)).body.data.id;
    await api
      .as(wsAdmin, 'post', `/teams/${teamId}/members`)
      .send({ members: [{ externalUserId: 'team-admin', role: 'ADMIN' }, { externalUserId: 'member', role: 'MEMBER' }] })
      .expect(200);
    teamAdmin = await api.login(acme.apiKey, 'team-admin');
    member = await api.login(acme.apiKey, 'member');
    outsider = await api.login(acme.apiKey, 'outsider');
  });
  afterAll(async () => {
    await testApp.close();
    await meta.close();
  });

  async function connectAda(body: Record<string, unknown> = { platform: 'meta', teamId, redirect: TENANT_REDIRECT }) {
    meta.consentAs('9001');
    const outcome = await connectThroughBrowser(testApp, api, teamAdmin, body);
    expect(outcome.status).toBe(302);
    expect(outcome.location!.searchParams.get('status')).toBe('success');
    return outcome.location!.searchParams.get('connectionId')!;
  }

  it('answers an authUrl for Meta consent with the scopes, the callback and a signed state', async () => {
    const response = await api.as(teamAdmin, 'post', '/connections').send({ platform: 'meta', teamId, redirect: TENANT_REDIRECT }).expect(201);
    const authUrl = new URL(response.body.data.authUrl);
    expect(`${authUrl.origin}${authUrl.pathname}`).toBe(`${meta.url}/v25.0/dialog/oauth`);
    expect(authUrl.searchParams.get('client_id')).toBe(FAKE_META_APP_ID);
    expect(authUrl.searchParams.get('redirect_uri')).toBe(`${TEST_PUBLIC_URL}/api/v1/meta/redirect/callback`);
    expect(authUrl.searchParams.get('response_type')).toBe('code');
    expect(authUrl.searchParams.get('scope')!.split(',')).toEqual([
      'ads_management',
      'ads_read',
      'business_management',
      'pages_show_list',
      'pages_read_engagement',
      'pages_manage_ads',
      'leads_retrieval',
    ]);
    expect(authUrl.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('connects end to end: callback → tokens → debug_token → every page of ad accounts → 302 to the redirect', async () => {
    const connectionId = await connectAda();
    const rows = await testApp.query<{ account_id: string; currency: string; status: string }>(
      `SELECT account_id, currency, status FROM ad_accounts WHERE connection_id = $1 ORDER BY account_id`,
      [connectionId],
    );
    expect(rows).toEqual([
      { account_id: '1001', currency: 'USD', status: 'ACTIVE' },
      { account_id: '1002', currency: 'EUR', status: 'ACTIVE' },
      { account_id: '1003', currency: 'JPY', status: 'DISABLED' },
    ]);
    const [connection] = await testApp.query<{ platform_user_id: string; scopes: string[]; access_token_ciphertext: string; connected_by_user_id: string }>(
      `SELECT platform_user_id, scopes, access_token_ciphertext, connected_by_user_id FROM platform_connections WHERE id = $1`,
      [connectionId],
    );
    expect(connection.platform_user_id).toBe('9001');
    expect(connection.scopes).toContain('ads_management');
    expect(connection.access_token_ciphertext).toMatch(/^v1\./);
    for (const token of meta.accessTokenOf('9001')) expect(connection.access_token_ciphertext).not.toContain(token);
    const graphCalls = meta.calls.filter((call) => !call.path.includes('/oauth/') && !call.path.endsWith('/debug_token') && !call.path.includes('/dialog/'));
    expect(graphCalls.length).toBeGreaterThan(1);
    for (const call of graphCalls) expect(call.query.appsecret_proof ?? call.body.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists connections with their ad accounts and never a token', async () => {
    const all = await api.as(teamAdmin, 'get', '/connections').expect(200);
    expect(all.body.data.success).toBe(true);
    expect(all.body.data.count).toBe(1);
    const [connection] = all.body.data.data;
    expect(connection).toMatchObject({ platform: 'meta', teamId, status: 'active', connected: true, platformUserId: '9001' });
    expect(connection.adsAccounts.map((a: { accountId: string }) => a.accountId).sort()).toEqual(['1001', '1002', '1003']);
    const byTeam = await api.as(teamAdmin, 'get', `/connections/team/${teamId}`).expect(200);
    expect(byTeam.body.data.count).toBe(1);
    const status = await api.as(teamAdmin, 'get', '/connections/status').expect(200);
    expect(status.body.data.connected).toHaveLength(3);
    expect(status.body.data.connected[0]).toMatchObject({ platform: 'meta', connected: true, ads_accooun_id: expect.any(String), account_name: expect.any(String) });
    const bodies = JSON.stringify([all.body, byTeam.body, status.body]);
    for (const token of meta.accessTokenOf('9001')) expect(bodies).not.toContain(token);
    expect(bodies).not.toContain('ciphertext');
  });

  it('reconnecting the same Meta user to the same team updates the connection: no duplicates, gone accounts removed', async () => {
    const [before] = await testApp.query<{ id: string }>(`SELECT id FROM platform_connections WHERE team_id = $1`, [teamId]);
    const ada = ACCOUNTS.slice(0, 2);
    meta.addUser({ id: '9001', name: 'Ada', adAccounts: [...ada, { account_id: '1004', name: 'Acme BR', currency: 'BRL', timezone_name: 'America/Sao_Paulo', account_status: 1 }] });
    const again = await connectAda();
    expect(again).toBe(before.id);
    const accounts = await testApp.query<{ account_id: string }>(`SELECT account_id FROM ad_accounts WHERE team_id = $1 ORDER BY account_id`, [teamId]);
    expect(accounts.map((a) => a.account_id)).toEqual(['1001', '1002', '1004']);
    expect(await testApp.query(`SELECT id FROM platform_connections WHERE team_id = $1`, [teamId])).toHaveLength(1);
  });

  it('uses the workspace default team when only workspaceId is given', async () => {
    meta.consentAs('9002');
    const outcome = await connectThroughBrowser(testApp, api, wsAdmin, { platform: 'meta', workspaceId: 'ent', redirect: TENANT_REDIRECT });
    const connectionId = outcome.location!.searchParams.get('connectionId');
    const [row] = await testApp.query<{ team_id: string }>(`SELECT team_id FROM platform_connections WHERE id = $1`, [connectionId]);
    expect(row.team_id).toBe(defaultTeamId);
  });

  it('without a redirect, the browser lands on our own success page', async () => {
    meta.consentAs('9002');
    const outcome = await connectThroughBrowser(testApp, api, teamAdmin, { platform: 'meta', teamId });
    expect(outcome.status).toBe(200);
    expect(outcome.location).toBeNull();
    expect(outcome.body).toContain('Meta account connected');
    expect(outcome.body).not.toMatch(/<script|https?:\/\/(?!app\.)/);
    expect(outcome.headers['content-security-policy']).toBe(CONNECT_RESULT_PAGE_HEADERS['content-security-policy']);
    expect(outcome.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-type': 'text/html; charset=utf-8' });
  });

  describe('refusals at POST /connections', () => {
    it.each([
      ['a MEMBER of the team', () => member, () => ({ platform: 'meta', teamId }), 403],
      ['a user outside the team', () => outsider, () => ({ platform: 'meta', teamId }), 404],
      ['a redirect whose origin is not allowed', () => teamAdmin, () => ({ platform: 'meta', teamId, redirect: 'https://evil.test/x' }), 400],
      ['no team and no workspace', () => teamAdmin, () => ({ platform: 'meta' }), 400],
      ['an unknown platform', () => teamAdmin, () => ({ platform: 'tiktok', teamId }), 400],
      ['a team id that is not a uuid', () => teamAdmin, () => ({ platform: 'meta', teamId: 'nope' }), 400],
      ['an unknown workspace', () => wsAdmin, () => ({ platform: 'meta', workspaceId: 'missing' }), 404],
    ])('refuses %s', async (_name, who, body, status) => {
      const before = await testApp.query(`SELECT nonce FROM oauth_states`);
      const response = await api.as(who(), 'post', '/connections').send(body()).expect(status);
      expect(response.body.success).toBe(false);
      expect(await testApp.query(`SELECT nonce FROM oauth_states`)).toHaveLength(before.length);
    });

    it("refuses another tenant's team with 404", async () => {
      const other = await api.createTenant('Other', ['https://app.acme.test']);
      const stranger = await api.login(other.apiKey, 'team-admin');
      const response = await api.as(stranger, 'post', '/connections').send({ platform: 'meta', teamId }).expect(404);
      expect(JSON.stringify(response.body)).not.toContain('Growth');
    });
  });

  describe('the callback refuses bad states and creates nothing', () => {
    async function countConnections() {
      return (await testApp.query(`SELECT id FROM platform_connections`)).length;
    }

    it('a tampered state: our error page, no redirect', async () => {
      const created = await api.as(teamAdmin, 'post', '/connections').send({ platform: 'meta', teamId, redirect: TENANT_REDIRECT }).expect(201);
      const callback = new URL(callbackPath(await visitConsent(created.body.data.authUrl)), TEST_PUBLIC_URL);
      const [body, signature] = callback.searchParams.get('state')!.split('.');
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
      payload.r = 'https://evil.test/steal';
      callback.searchParams.set('state', `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`);
      const before = await countConnections();
      const outcome = await followCallback(testApp, `${callback.pathname}${callback.search}`);
      expect(outcome.status).toBe(400);
      expect(outcome.location).toBeNull();
      expect(outcome.body).toContain('INVALID_STATE');
      expect(await countConnections()).toBe(before);
    });

    it('a replayed state: the second use goes back with status=error', async () => {
      meta.consentAs('9002');
      const first = await connectThroughBrowser(testApp, api, teamAdmin, { platform: 'meta', teamId, redirect: TENANT_REDIRECT });
      expect(first.location!.searchParams.get('status')).toBe('success');
      const before = await countConnections();
      const replay = await followCallback(testApp, first.callback);
      expect(replay.status).toBe(302);
      expect(`${replay.location!.origin}${replay.location!.pathname}`).toBe(TENANT_REDIRECT);
      expect(Object.fromEntries(replay.location!.searchParams)).toEqual({ status: 'error', platform: 'meta', error: 'STATE_ALREADY_USED' });
      expect(await countConnections()).toBe(before);
    });

    it('an expired state (signed by us, older than 10 minutes)', async () => {
      const codec = new OAuthStateCodec(Buffer.from(hkdfSync('sha256', TEST_JWT_SECRET, '', 'adlyft oauth state v1', 32)));
      const [user] = await testApp.query<{ id: string }>(`SELECT id FROM users WHERE external_user_id = 'team-admin'`);
      const nonce = randomUUID();
      await testApp.query(`INSERT INTO oauth_states (nonce, tenant_id, expires_at) VALUES ($1, $2, now() - interval '1 minute')`, [nonce, acme.id]);
      const state = codec.encode({
        nonce,
        tenantId: acme.id,
        teamId,
        userId: user.id,
        platform: 'meta',
        redirect: TENANT_REDIRECT,
        expiresAt: Math.floor(Date.now() / 1000) - 60,
      });
      const before = await countConnections();
      const outcome = await followCallback(testApp, `/api/v1/meta/redirect/callback?code=whatever&state=${encodeURIComponent(state)}`);
      expect(Object.fromEntries(outcome.location!.searchParams)).toEqual({ status: 'error', platform: 'meta', error: 'STATE_EXPIRED' });
      expect(await countConnections()).toBe(before);
    });

    it('a state of the other platform is refused', async () => {
      const created = await api.as(teamAdmin, 'post', '/connections').send({ platform: 'meta', teamId, redirect: TENANT_REDIRECT }).expect(201);
      const callback = new URL(callbackPath(await visitConsent(created.body.data.authUrl)), TEST_PUBLIC_URL);
      const outcome = await followCallback(testApp, `/api/v1/google/redirect/callback${callback.search}`);
      expect(outcome.status).toBe(400);
      expect(outcome.body).toContain('INVALID_STATE');
    });

    it('denied consent goes back with status=error&error=ACCESS_DENIED', async () => {
      meta.denyConsent = true;
      try {
        const before = await countConnections();
        const outcome = await connectThroughBrowser(testApp, api, teamAdmin, { platform: 'meta', teamId, redirect: TENANT_REDIRECT });
        expect(Object.fromEntries(outcome.location!.searchParams)).toEqual({ status: 'error', platform: 'meta', error: 'ACCESS_DENIED' });
        expect(await countConnections()).toBe(before);
      } finally {
        meta.denyConsent = false;
      }
    });

    it("pressing Deny on Meta's consent page goes back with status=error&error=ACCESS_DENIED", async () => {
      const before = await countConnections();
      const created = await api.as(teamAdmin, 'post', '/connections').send({ platform: 'meta', teamId, redirect: TENANT_REDIRECT }).expect(201);
      const platformRedirect = new URL(await visitConsent(created.body.data.authUrl, 'deny'));
      expect(platformRedirect.searchParams.get('error_reason')).toBe('user_denied');
      const outcome = await followCallback(testApp, callbackPath(platformRedirect.toString()));
      expect(Object.fromEntries(outcome.location!.searchParams)).toEqual({ status: 'error', platform: 'meta', error: 'ACCESS_DENIED' });
      expect(await countConnections()).toBe(before);
    });

    it('a platform failure during the callback goes back with the error code and stores nothing', async () => {
      meta.consentAs('9001');
      const created = await api.as(teamAdmin, 'post', '/connections').send({ platform: 'meta', teamId, redirect: TENANT_REDIRECT }).expect(201);
      const callback = callbackPath(await visitConsent(created.body.data.authUrl));
      const before = await testApp.query(`SELECT id, updated_at FROM platform_connections ORDER BY id`);
      meta.failNext('bad-param', 1);
      const outcome = await followCallback(testApp, callback);
      expect(outcome.location!.searchParams.get('status')).toBe('error');
      expect(outcome.location!.searchParams.get('error')).toBe('BAD_REQUEST');
      expect(await testApp.query(`SELECT id, updated_at FROM platform_connections ORDER BY id`)).toEqual(before);
    });
  });

  describe('insights and expiry', () => {
    let accountUuid: string;

    beforeAll(async () => {
      const [row] = await testApp.query<{ id: string }>(`SELECT id FROM ad_accounts WHERE team_id = $1 AND account_id = '1001'`, [teamId]);
      accountUuid = row.id;
      meta.setInsights('1001', [
        { impressions: '10000', clicks: '500', spend: '250.50', cpc: '0.501', gender: 'female', date_start: '2026-11-01', date_stop: '2026-11-22' },
        { impressions: '4000', clicks: '100', spend: '80.00', cpc: '0.8', gender: 'male', date_start: '2026-11-01', date_stop: '2026-11-22' },
      ]);
    });

    it('team ADMIN reads live insights with numbers, by our id or by act_ id', async () => {
      const response = await api.as(teamAdmin, 'get', `/connections/${accountUuid}/insights?start_date=2026-11-01&end_date=2026-11-22&metrics=impressions,clicks,spend`).expect(200);
      expect(response.body.data).toMatchObject({ accountId: '1001', platform: 'meta', currency: 'USD', impressions: expect.any(Number), clicks: expect.any(Number), spend: expect.any(Number) });
      await api.as(teamAdmin, 'get', `/connections/act_1001/insights?start_date=2026-11-01&end_date=2026-11-22&metrics=impressions`).expect(200);
      const insightCall = meta.calls.filter((call) => call.path.endsWith('/act_1001/insights')).pop()!;
      expect(JSON.parse(insightCall.query.time_range)).toEqual({ since: '2026-11-01', until: '2026-11-22' });
    });

    it('with a breakdown, answers rows', async () => {
      const response = await api.as(teamAdmin, 'get', `/connections/${accountUuid}/insights?start_date=2026-11-01&end_date=2026-11-22&metrics=impressions&breakdown=gender`).expect(200);
      expect(response.body.data.breakdown).toBe('gender');
      expect(response.body.data.rows.map((row: { gender: string }) => row.gender).sort()).toEqual(['female', 'male']);
    });

    it.each([
      ['start after end', 'start_date=2026-11-22&end_date=2026-11-01&metrics=impressions'],
      ['not a date', 'start_date=2026-02-30&end_date=2026-03-01&metrics=impressions'],
      ['wrong format', 'start_date=01-11-2026&end_date=2026-11-22&metrics=impressions'],
      ['an unknown metric', 'start_date=2026-11-01&end_date=2026-11-22&metrics=impressions,revenue_magic'],
      ['an unknown breakdown', 'start_date=2026-11-01&end_date=2026-11-22&metrics=impressions&breakdown=zodiac'],
      ['missing metrics', 'start_date=2026-11-01&end_date=2026-11-22'],
    ])('answers 400 for %s, without calling Meta', async (_name, query) => {
      const calls = meta.calls.length;
      const response = await api.as(teamAdmin, 'get', `/connections/${accountUuid}/insights?${query}`).expect(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
      expect(meta.calls.length).toBe(calls);
    });

    it('a MEMBER needs VIEWER or MANAGER on the account; an outsider gets 404', async () => {
      const path = `/connections/${accountUuid}/insights?start_date=2026-11-01&end_date=2026-11-22&metrics=impressions`;
      await api.as(member, 'get', path).expect(403);
      await api.as(outsider, 'get', path).expect(404);
      const [memberRow] = await testApp.query<{ id: string }>(`SELECT id FROM users WHERE external_user_id = 'member'`);
      await testApp.query(
        `INSERT INTO ad_account_permissions (tenant_id, team_id, ad_account_id, user_id, permission) VALUES ($1, $2, $3, $4, 'VIEWER')`,
        [acme.id, teamId, accountUuid, memberRow.id],
      );
      await api.as(member, 'get', path).expect(200);
    });

    it('a platform rate limit is a 429 PLATFORM_RATE_LIMITED with Retry-After', async () => {
      meta.failNext('rate-limit', 1);
      const response = await api.as(teamAdmin, 'get', `/connections/${accountUuid}/insights?start_date=2026-11-01&end_date=2026-11-22&metrics=impressions`).expect(429);
      expect(response.body.error.code).toBe('PLATFORM_RATE_LIMITED');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.body.error.details).toMatchObject({ platform: 'meta', platformCode: 17 });
    });

    it('an expired token marks the connection expired, shown in /connections/status', async () => {
      meta.expireAllTokens();
      const response = await api.as(teamAdmin, 'get', `/connections/${accountUuid}/insights?start_date=2026-11-01&end_date=2026-11-22&metrics=impressions`).expect(424);
      expect(response.body.error.code).toBe('PLATFORM_AUTH_EXPIRED');
      const status = await api.as(teamAdmin, 'get', '/connections/status').expect(200);
      const account = status.body.data.connected.find((a: { id: string }) => a.id === accountUuid);
      expect(account).toMatchObject({ connected: false, reason: expect.any(String) });
      const again = await api.as(teamAdmin, 'get', `/connections/${accountUuid}/insights?start_date=2026-11-01&end_date=2026-11-22&metrics=impressions`).expect(424);
      expect(again.body.error.code).toBe('PLATFORM_AUTH_EXPIRED');
      // Reconnecting makes it active again.
      await connectAda();
      const after = await api.as(teamAdmin, 'get', '/connections/status').expect(200);
      expect(after.body.data.connected.find((a: { id: string }) => a.id === accountUuid).connected).toBe(true);
    });
  });

  describe('removing accounts and connections', () => {
    it('refuses a MEMBER (403) and an outsider (404)', async () => {
      const [connection] = await testApp.query<{ id: string }>(`SELECT id FROM platform_connections WHERE team_id = $1`, [teamId]);
      await api.as(member, 'delete', `/connections/${connection.id}/disconnect`).expect(403);
      await api.as(outsider, 'delete', `/connections/${connection.id}/disconnect`).expect(404);
      await api.as(teamAdmin, 'delete', `/connections/not-a-uuid/disconnect`).expect(400);
      await api.as(teamAdmin, 'delete', `/connections/${randomUUID()}/disconnect`).expect(404);
      const [account] = await testApp.query<{ id: string }>(`SELECT id FROM ad_accounts WHERE team_id = $1 LIMIT 1`, [teamId]);
      await api.as(member, 'delete', `/connections/${account.id}/remove-connection`).expect(403);
      await api.as(outsider, 'delete', `/connections/${account.id}/remove-connection`).expect(404);
    });

    it('remove-connection removes one account; the last one takes its connection along and revokes it', async () => {
      meta.consentAs('9002');
      const outcome = await connectThroughBrowser(testApp, api, wsAdmin, { platform: 'meta', workspaceId: 'ent', redirect: TENANT_REDIRECT });
      const connectionId = outcome.location!.searchParams.get('connectionId')!;
      const [account] = await testApp.query<{ id: string }>(`SELECT id FROM ad_accounts WHERE connection_id = $1`, [connectionId]);
      const revokedBefore = meta.revokedTokens();
      const response = await api.as(wsAdmin, 'delete', `/connections/${account.id}/remove-connection`).expect(200);
      expect(response.body.data).toEqual({ tenantId: acme.id, adsAccountId: account.id, deletedConnections: 1, deletedAdsAccount: true });
      expect(response.body.message).toBe(`Ads account ${account.id} removed successfully.`);
      expect(await testApp.query(`SELECT id FROM platform_connections WHERE id = $1`, [connectionId])).toHaveLength(0);
      expect(meta.revokedTokens()).toBe(revokedBefore + 1);
    });

    it('disconnect removes the connection with its accounts, tokens and permissions in one go, and revokes at Meta', async () => {
      const [connection] = await testApp.query<{ id: string }>(`SELECT id FROM platform_connections WHERE team_id = $1`, [teamId]);
      const revokedBefore = meta.revokedTokens();
      const response = await api.as(teamAdmin, 'delete', `/connections/${connection.id}/disconnect`).expect(200);
      expect(response.body.message).toBe(`Connection ${connection.id} and all related data deleted successfully.`);
      expect(response.body.data.deleted).toMatchObject({ id: connection.id, platform: 'meta', teamId, adsAccounts: 3, permissions: 1, revokedAtPlatform: true });
      expect(await testApp.query(`SELECT id FROM ad_accounts WHERE connection_id = $1`, [connection.id])).toHaveLength(0);
      expect(await testApp.query(`SELECT id FROM ad_account_permissions WHERE team_id = $1`, [teamId])).toHaveLength(0);
      expect(meta.revokedTokens()).toBe(revokedBefore + 1);
    });

    it('a failed revoke at Meta is logged, not fatal', async () => {
      const connectionId = await connectAda();
      meta.failNext('server-error', 5);
      const response = await api.as(teamAdmin, 'delete', `/connections/${connectionId}/disconnect`).expect(200);
      expect(response.body.data.deleted.revokedAtPlatform).toBe(false);
      expect(await testApp.query(`SELECT id FROM platform_connections WHERE id = $1`, [connectionId])).toHaveLength(0);
    });

    it('deleting the workspace removes its connections and accounts', async () => {
      await connectAda();
      await api.as(wsAdmin, 'delete', '/workspace/ent').expect(200);
      expect(await testApp.query(`SELECT id FROM platform_connections WHERE tenant_id = $1`, [acme.id])).toHaveLength(0);
      expect(await testApp.query(`SELECT id FROM ad_accounts WHERE tenant_id = $1`, [acme.id])).toHaveLength(0);
    });
  });
});

describe('Connections without platform credentials', () => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ PUBLIC_URL: TEST_PUBLIC_URL });
    api = new ApiClient(testApp);
  });
  afterAll(() => testApp.close());

  it.each(['meta', 'google'])('answers a clear 400 for %s', async (platform) => {
    const tenant = await api.createTenant('Bare');
    const admin = await api.login(tenant.apiKey, 'admin');
    await api.as(admin, 'post', '/workspace').send({ enterpriseId: `e-${platform}`, workspaceName: 'W' }).expect(201);
    const response = await api.as(admin, 'post', '/connections').send({ platform, workspaceId: `e-${platform}` }).expect(400);
    expect(response.body.error.message).toContain('not available');
  });
});
