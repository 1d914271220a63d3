import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONSENT_GRANT, renderConsentPage } from './consent.page';
import { adsError, badPayload, cannedFailure, FakeGoogleFailureKind, FakeReply, notFoundPage, USER_PERMISSION_DENIED_MESSAGE } from './google-fake-errors';
import { FakeGaqlError, parseGaql } from './google-fake-gaql';
import { emptyObjects, FakeCustomerObjects, FakeGoogleAd, FakeGoogleAdGroup, FakeGoogleAsset, FakeGoogleCampaign } from './google-fake-objects';
import { runFakeQuery } from './google-fake-query';

export const FAKE_GOOGLE_CLIENT_ID = 'fake-client.apps.googleusercontent.com';
export const FAKE_GOOGLE_CLIENT_SECRET = 'fake-google-client-secret';
export const FAKE_GOOGLE_ADS_VERSIONS: readonly string[] = ['v23', 'v24', 'v25', 'v26'];
export type { FakeGoogleFailureKind } from './google-fake-errors';
export type { FakeGoogleAd, FakeGoogleAdGroup, FakeGoogleAsset, FakeGoogleCampaign } from './google-fake-objects';

export interface FakeGoogleCustomer {
  /** 10 digits. */
  id: string;
  descriptiveName: string;
  currencyCode: string;
  timeZone: string;
  manager?: boolean;
  /** Customer status; anything but ENABLED (the default) answers CUSTOMER_NOT_ENABLED. */
  status?: string;
  /** Reachable only through this manager (login-customer-id). */
  managerId?: string;
}

export interface FakeGoogleUser {
  sub: string;
  email?: string;
  /** Directly accessible customer ids. */
  customers: string[];
}

/** One day of account metrics; device defaults to DESKTOP and network to SEARCH. */
export interface FakeGoogleMetricRow {
  date: string;
  device?: string;
  adNetworkType?: string;
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions?: number;
  conversionsValue?: number;
}

export interface FakeGoogleCall {
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

interface Grant {
  sub: string;
  scope: string;
  refreshToken: string | null;
  refreshRevoked: boolean;
  revoked: boolean;
}

interface Body {
  value: unknown;
  form: Record<string, string>;
  invalidJson: boolean;
}

const ADWORDS_SCOPE = 'https://www.googleapis.com/auth/adwords';
const CODE_TTL_MS = 10 * 60 * 1000;
const SEARCH_FIELDS = new Set(['query', 'pageToken', 'pageSize', 'validateOnly', 'searchSettings']);
const STREAM_FIELDS = new Set(['query', 'summaryRowSetting']);
const PAGE_SIZE_MESSAGE = "Setting the page size is not supported. Search Responses will have fixed page size of '10000' rows.";

const random = (bytes = 24) => randomBytes(bytes).toString('base64url');
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const oauthError = (status: number, error: string, description: string): FakeReply => ({ status, body: { error, error_description: description } });
const oauthPage = (status: number, error: string, description: string): FakeReply => ({
  status,
  body: `<!DOCTYPE html><title>Error ${status}: ${error}</title><p>Access blocked: Error ${status}: ${error}</p><p>${description}</p>`,
});

function checkedMetrics(rows: FakeGoogleMetricRow[] | undefined): FakeGoogleMetricRow[] {
  for (const row of rows ?? []) if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) throw new Error(`fake: metric dates are YYYY-MM-DD (${row.date})`);
  return (rows ?? []).map((row) => ({ ...row }));
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}

function parseBody(raw: string, contentType = ''): Body {
  if (raw === '') return { value: undefined, form: {}, invalidJson: false };
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(raw));
    return { value: form, form, invalidJson: false };
  }
  try {
    return { value: JSON.parse(raw), form: {}, invalidJson: false };
  } catch {
    return { value: raw, form: {}, invalidJson: true };
  }
}

/** A loopback Google OAuth + Google Ads REST server that answers and validates like Google (platform-apis.md B and C8). */
export class FakeGooglePlatform {
  denyConsent = false;
  accessTokenTtlSeconds = 3599;
  omitRefreshToken = false;
  slowMs = 0;
  /** Google's fixed page size; lower it to page through small data. */
  rowsPerPage = 10000;
  readonly calls: FakeGoogleCall[] = [];

  private baseUrl = '';
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly customers = new Map<string, FakeGoogleCustomer>();
  private readonly users = new Map<string, FakeGoogleUser>();
  private readonly metrics = new Map<string, FakeGoogleMetricRow[]>();
  private readonly objects = new Map<string, FakeCustomerObjects>();
  private readonly codes = new Map<string, { sub: string; redirectUri: string; scope: string; offline: boolean; expiresAt: number; used: boolean }>();
  private readonly grants: Grant[] = [];
  private readonly accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly grantCounts = { authorization_code: 0, refresh_token: 0 };
  private readonly failures: FakeGoogleFailureKind[] = [];
  private readonly failuresAt = new Map<number, FakeGoogleFailureKind>();
  private consentSub: string | undefined;
  private adsCalls = 0;
  private pageTokenGeneration = 0;
  private readonly expireTokensAt = new Set<number>();
  private revocations = 0;

  static async start(): Promise<FakeGooglePlatform> {
    const fake = new FakeGooglePlatform();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addCustomer(customer: FakeGoogleCustomer): void {
    if (!/^\d{10}$/.test(customer.id) || (customer.managerId !== undefined && !/^\d{10}$/.test(customer.managerId))) {
      throw new Error(`fake: customer ids are 10 digits (${customer.id})`);
    }
    this.customers.set(customer.id, { ...customer });
  }

  addUser(user: FakeGoogleUser): void {
    this.users.set(user.sub, { ...user, customers: [...user.customers] });
    this.consentSub ??= user.sub;
  }

  consentAs(sub: string): void {
    if (!this.users.has(sub)) throw new Error(`fake: unknown user ${sub}`);
    this.consentSub = sub;
  }

  setMetrics(customerId: string, rows: FakeGoogleMetricRow[]): void {
    for (const row of rows) if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) throw new Error(`fake: metric dates are YYYY-MM-DD (${row.date})`);
    this.metrics.set(customerId, rows.map((row) => ({ ...row })));
  }

  /** Campaigns of a customer (FROM campaign), each with its own per-day metrics; `changedAt` defaults to now. */
  setCampaigns(customerId: string, campaigns: FakeGoogleCampaign[]): void {
    const now = new Date().toISOString();
    this.objectsOf(customerId).campaigns = campaigns.map((campaign) => ({ changedAt: now, ...campaign, metrics: checkedMetrics(campaign.metrics) }));
  }

  /** Ad groups of a customer (FROM ad_group); their campaign is joined from setCampaigns. */
  setAdGroups(customerId: string, adGroups: FakeGoogleAdGroup[]): void {
    const now = new Date().toISOString();
    this.objectsOf(customerId).adGroups = adGroups.map((adGroup) => ({ changedAt: now, ...adGroup, metrics: checkedMetrics(adGroup.metrics) }));
  }

  /** Ads of a customer (FROM ad_group_ad); ad group and campaign are joined. */
  setAds(customerId: string, ads: FakeGoogleAd[]): void {
    const now = new Date().toISOString();
    this.objectsOf(customerId).ads = ads.map((ad) => ({ changedAt: now, ...ad, metrics: checkedMetrics(ad.metrics) }));
  }

  /** Changes (or adds) a campaign, as an advertiser's edit: it shows in change_status from now on. */
  updateCampaign(customerId: string, campaign: Partial<FakeGoogleCampaign> & { id: string }): void {
    this.upsertObject(this.objectsOf(customerId).campaigns, campaign as FakeGoogleCampaign);
  }

  updateAdGroup(customerId: string, adGroup: Partial<FakeGoogleAdGroup> & { id: string }): void {
    this.upsertObject(this.objectsOf(customerId).adGroups, adGroup as FakeGoogleAdGroup);
  }

  /** Ads are found by ad group and id. */
  updateAd(customerId: string, ad: Partial<FakeGoogleAd> & { id: string; adGroupId: string }): void {
    const ads = this.objectsOf(customerId).ads;
    const index = ads.findIndex((existing) => existing.id === ad.id && existing.adGroupId === ad.adGroupId);
    const merged = { ...(index >= 0 ? ads[index] : {}), ...ad, metrics: checkedMetrics(ad.metrics ?? (index >= 0 ? ads[index].metrics : [])), changedAt: new Date().toISOString() } as FakeGoogleAd;
    if (index >= 0) ads[index] = merged;
    else ads.push(merged);
  }

  /** Replaces a campaign's daily metrics without touching change_status (metrics are not changes of the campaign). */
  setCampaignMetrics(customerId: string, campaignId: string, rows: FakeGoogleMetricRow[]): void {
    const campaign = this.objectsOf(customerId).campaigns.find((existing) => existing.id === campaignId);
    if (!campaign) throw new Error(`fake: unknown campaign ${campaignId}`);
    campaign.metrics = checkedMetrics(rows);
  }

  private upsertObject<T extends { id: string; metrics?: FakeGoogleMetricRow[]; changedAt?: string }>(list: T[], patch: T): void {
    const index = list.findIndex((existing) => existing.id === patch.id);
    const merged = { ...(index >= 0 ? list[index] : {}), ...patch, changedAt: new Date().toISOString() } as T;
    merged.metrics = checkedMetrics(merged.metrics);
    if (index >= 0) list[index] = merged;
    else list.push(merged);
  }

  /** Assets of a customer (FROM asset) and their links (FROM campaign_asset, FROM ad_group_asset). */
  setAssets(customerId: string, assets: FakeGoogleAsset[]): void {
    this.objectsOf(customerId).assets = assets.map((asset) => ({ ...asset }));
  }

  /** The GAQL texts sent to googleAds:search (every page), optionally for one customer. */
  searchQueries(customerId?: string): string[] {
    return this.calls
      .filter((call) => /\/customers\/\d{10}\/googleAds:search$/.test(call.path) && (!customerId || call.path.includes(`/customers/${customerId}/`)))
      .map((call) => String((call.body as { query?: unknown } | undefined)?.query ?? ''));
  }

  private objectsOf(customerId: string): FakeCustomerObjects {
    const existing = this.objects.get(customerId);
    if (existing) return existing;
    const created = emptyObjects();
    this.objects.set(customerId, created);
    return created;
  }

  /** Every access token issued so far now answers OAUTH_TOKEN_EXPIRED. */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  /** Every refresh token issued so far now answers invalid_grant; access tokens keep working until they expire. */
  revokeRefreshTokens(): void {
    for (const grant of this.grants) grant.refreshRevoked = true;
  }

  /** The next `times` Ads API calls (OAuth excluded) fail with `kind`. */
  failNext(kind: FakeGoogleFailureKind, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(kind);
  }

  /** The n-th Ads API call since start (1-based, OAuth excluded) fails with `kind`. */
  failAtCall(n: number, kind: FakeGoogleFailureKind): void {
    this.failuresAt.set(n, kind);
  }

  /** Every page token handed out so far now answers EXPIRED_PAGE_TOKEN (Google's tokens do not live forever). */
  expirePageTokens(): void {
    this.pageTokenGeneration++;
  }

  /** Page tokens expire just before the n-th Ads API call (1-based, OAuth excluded) is answered. */
  expirePageTokensAtCall(n: number): void {
    this.expireTokensAt.add(n);
  }

  /** How many Ads API calls were answered so far (OAuth excluded). */
  adsCallCount(): number {
    return this.adsCalls;
  }

  tokenGrants(grantType: 'authorization_code' | 'refresh_token'): number {
    return this.grantCounts[grantType];
  }

  revokedTokens(): number {
    return this.revocations;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const headers = flatten(req.headers);
    const body = parseBody(Buffer.concat(chunks).toString('utf8'), headers['content-type']);
    const method = req.method ?? 'GET';
    this.calls.push({ method, path: url.pathname + url.search, headers, body: body.value });
    if (this.slowMs > 0) await sleep(this.slowMs);
    let reply: FakeReply;
    try {
      reply = this.route(method, url, headers, body);
    } catch (error) {
      reply = { status: 500, body: { error: { code: 500, message: `fake: ${String(error)}`, status: 'INTERNAL' } } };
    }
    if (res.destroyed) return;
    const text = typeof reply.body === 'string';
    res.writeHead(reply.status, { 'content-type': text ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8', ...reply.headers });
    res.end(reply.body === undefined ? '' : text ? reply.body : JSON.stringify(reply.body));
  }

  private route(method: string, url: URL, headers: Record<string, string>, body: Body): FakeReply {
    if (method === 'GET' && url.pathname === '/o/oauth2/v2/auth') return this.authorize(method, url.searchParams);
    if (method === 'POST' && url.pathname === '/o/oauth2/v2/auth') return this.authorize(method, new URLSearchParams(body.form));
    if (method === 'POST' && url.pathname === '/token') return this.token(headers, body);
    if (method === 'POST' && url.pathname === '/revoke') return this.revoke(body.form.token ?? url.searchParams.get('token') ?? '');
    const ads = /^\/(v\d+)\/(.+)$/.exec(url.pathname);
    if (!ads) return notFoundPage(url.pathname);
    const requestId = random(16);
    const reply = this.ads(ads[1], ads[2], method, headers, body, requestId);
    // searchStream answers errors as an array of one {error} object.
    const wrapped = ads[2].endsWith(':searchStream') && reply.status >= 400 && isRecord(reply.body) ? { ...reply, body: [reply.body] } : reply;
    return { ...wrapped, headers: { ...wrapped.headers, 'request-id': requestId } };
  }

  private authorize(method: string, params: URLSearchParams): FakeReply {
    const redirectUri = params.get('redirect_uri') ?? '';
    const scope = params.get('scope') ?? '';
    const state = params.get('state');
    if (params.get('client_id') !== FAKE_GOOGLE_CLIENT_ID) return oauthPage(401, 'invalid_client', 'The OAuth client was not found.');
    if (!/^https?:\/\/[^\s]+$/.test(redirectUri)) return oauthPage(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (params.get('response_type') !== 'code') return oauthPage(400, 'unsupported_response_type', `Unsupported response type: ${params.get('response_type')}`);
    if (!scope.split(' ').includes(ADWORDS_SCOPE)) return oauthPage(400, 'invalid_scope', `Some requested scopes were invalid or the adwords scope is missing: ${scope}`);
    const user = this.consentSub ? this.users.get(this.consentSub) : undefined;
    if (method === 'GET') {
      if (!user && !this.denyConsent) return oauthPage(400, 'access_denied', 'fake: no user to consent as (addUser first)');
      const dialogParams = Object.fromEntries([...params].filter(([name]) => name !== 'decision'));
      const html = renderConsentPage({ provider: 'Google', signedInAs: user?.email ?? user?.sub ?? 'a Google user', scopes: scope.split(' '), action: '/o/oauth2/v2/auth', params: dialogParams });
      return { status: 200, headers: { 'cache-control': 'no-store' }, body: html };
    }

    const target = new URL(redirectUri);
    if (this.denyConsent || params.get('decision') !== CONSENT_GRANT) {
      target.searchParams.set('error', 'access_denied');
    } else {
      if (!this.consentSub) return oauthPage(400, 'access_denied', 'fake: no user to consent as (addUser first)');
      const code = `4/0A${random()}`;
      const offline = params.get('access_type') === 'offline';
      this.codes.set(code, { sub: this.consentSub, redirectUri, scope, offline, expiresAt: Date.now() + CODE_TTL_MS, used: false });
      target.searchParams.set('code', code);
      target.searchParams.set('scope', scope);
    }
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString() } };
  }

  private token(headers: Record<string, string>, body: Body): FakeReply {
    if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Invalid Content-Type: expected application/x-www-form-urlencoded.');
    }
    const form = body.form;
    const basic = /^Basic (.+)$/.exec(headers.authorization ?? '');
    const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [form.client_id, form.client_secret];
    if (clientId !== FAKE_GOOGLE_CLIENT_ID) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (clientSecret !== FAKE_GOOGLE_CLIENT_SECRET) return oauthError(401, 'invalid_client', 'Unauthorized');

    if (form.grant_type === 'authorization_code') {
      const code = this.codes.get(form.code ?? '');
      if (!code || code.expiresAt < Date.now()) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
      if (code.used) return oauthError(400, 'invalid_grant', 'Bad Request');
      if (form.redirect_uri !== code.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
      code.used = true;
      // Like Google: a refresh token only for access_type=offline.
      const refreshToken = code.offline && !this.omitRefreshToken ? `1//0${random()}` : null;
      const grant: Grant = { sub: code.sub, scope: code.scope, refreshToken, refreshRevoked: false, revoked: false };
      this.grants.push(grant);
      if (grant.refreshToken) this.refreshTokens.set(grant.refreshToken, grant);
      this.grantCounts.authorization_code++;
      return { status: 200, body: this.tokenAnswer(grant, true) };
    }
    if (form.grant_type === 'refresh_token') {
      const grant = this.refreshTokens.get(form.refresh_token ?? '');
      if (!grant || grant.refreshRevoked || grant.revoked) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      this.grantCounts.refresh_token++;
      return { status: 200, body: this.tokenAnswer(grant, false) };
    }
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  }

  private tokenAnswer(grant: Grant, withRefreshToken: boolean): Record<string, unknown> {
    const accessToken = `ya29.a0${random(32)}`;
    this.accessTokens.set(accessToken, { grant, expiresAt: Date.now() + this.accessTokenTtlSeconds * 1000 });
    const answer: Record<string, unknown> = { access_token: accessToken, expires_in: this.accessTokenTtlSeconds, scope: grant.scope, token_type: 'Bearer' };
    if (withRefreshToken && grant.refreshToken) answer.refresh_token = grant.refreshToken;
    if (grant.scope.split(' ').includes('openid')) answer.id_token = this.idToken(grant.sub);
    return answer;
  }

  /** Shaped like Google's RS256 ID token; the signature is noise (clients read it from the token endpoint only). */
  private idToken(sub: string): string {
    const now = Math.floor(Date.now() / 1000);
    const email = this.users.get(sub)?.email;
    const claims = { iss: 'https://accounts.google.com', azp: FAKE_GOOGLE_CLIENT_ID, aud: FAKE_GOOGLE_CLIENT_ID, sub, ...(email ? { email, email_verified: true } : {}), iat: now, exp: now + 3600 };
    return `${json({ alg: 'RS256', kid: 'fake-google-key', typ: 'JWT' })}.${json(claims)}.${random(64)}`;
  }

  private revoke(token: string): FakeReply {
    const grant = this.accessTokens.get(token)?.grant ?? this.refreshTokens.get(token);
    if (!grant || grant.revoked) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    grant.revoked = true;
    this.revocations++;
    return { status: 200, body: {} };
  }

  private ads(version: string, rest: string, method: string, headers: Record<string, string>, body: Body, requestId: string): FakeReply {
    if (!FAKE_GOOGLE_ADS_VERSIONS.includes(version)) return notFoundPage(`/${version}/${rest}`);
    const call = ++this.adsCalls;
    if (this.expireTokensAt.delete(call)) this.pageTokenGeneration++;
    const failure = this.failuresAt.get(call) ?? this.failures.shift();
    if (failure) return cannedFailure(failure, version, requestId);
    const error = (status: number, errorCode: Record<string, string>, message: string, extra?: Record<string, unknown>) => adsError(version, requestId, status, errorCode, message, extra);

    const token = this.accessTokens.get(/^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1] ?? '');
    if (!token || token.grant.revoked) return error(401, { authenticationError: 'OAUTH_TOKEN_INVALID' }, 'Authentication of the request failed: the OAuth token is invalid.');
    if (token.expiresAt <= Date.now()) return error(401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, 'Authentication of the request failed: the OAuth token has expired.');
    const login = headers['login-customer-id'];
    if (login !== undefined && !/^\d+$/.test(login)) {
      return error(400, { headerError: 'INVALID_LOGIN_CUSTOMER_ID' }, 'The login customer id header is invalid. It must consist only of digits.');
    }
    const direct = this.users.get(token.grant.sub)?.customers ?? [];

    if (rest === 'customers:listAccessibleCustomers' && method === 'GET') {
      return { status: 200, body: direct.length > 0 ? { resourceNames: direct.map((id) => `customers/${id}`) } : {} };
    }
    const route = /^customers\/([^/]+)\/googleAds:(search|searchStream)$/.exec(rest);
    if (!route || method !== 'POST') return notFoundPage(`/${version}/${rest}`);
    const [, customerId, kind] = route;
    if (!/^\d{10}$/.test(customerId)) return error(400, { requestError: 'INVALID_CUSTOMER_ID' }, `Invalid customer ID '${decodeURIComponent(customerId)}'.`);

    const customer = this.customers.get(customerId);
    const reachable = login === undefined ? direct.includes(customerId) : direct.includes(login) && (customerId === login || customer?.managerId === login);
    if (!customer || !reachable) return error(403, { authorizationError: 'USER_PERMISSION_DENIED' }, USER_PERMISSION_DENIED_MESSAGE);
    if ((customer.status ?? 'ENABLED') !== 'ENABLED') {
      return error(403, { authorizationError: 'CUSTOMER_NOT_ENABLED' }, "The customer account can't be accessed because it is not yet enabled or has been deactivated.");
    }

    const request = body.value;
    if (body.invalidJson || !isRecord(request)) return badPayload('Invalid JSON payload received. Expected an object.');
    const unknown = Object.keys(request).find((name) => !(kind === 'search' ? SEARCH_FIELDS : STREAM_FIELDS).has(name));
    if (unknown) return badPayload(`Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
    if (request.pageSize !== undefined) return error(400, { requestError: 'PAGE_SIZE_NOT_SUPPORTED' }, PAGE_SIZE_MESSAGE);
    if (typeof request.query !== 'string' || request.query.trim() === '') return error(400, { requestError: 'REQUIRED_FIELD_MISSING' }, 'Required field is missing: query.');

    let result: ReturnType<typeof runFakeQuery>;
    try {
      result = runFakeQuery(parseGaql(request.query), {
        target: customer,
        customers: [...this.customers.values()],
        metrics: this.metrics.get(customerId) ?? [],
        objects: this.objects.get(customerId) ?? emptyObjects(),
      });
    } catch (failure) {
      if (failure instanceof FakeGaqlError) return error(400, { [failure.family]: failure.code }, failure.message);
      throw failure;
    }
    if (kind === 'searchStream') {
      const batches = [];
      for (let offset = 0; offset === 0 || offset < result.rows.length; offset += this.rowsPerPage) {
        const rows = result.rows.slice(offset, offset + this.rowsPerPage);
        batches.push({ ...(rows.length > 0 ? { results: rows } : {}), fieldMask: result.fieldMask, requestId });
      }
      return { status: 200, body: batches };
    }
    if (request.validateOnly === true) return { status: 200, body: { fieldMask: result.fieldMask } };
    return this.page(customerId, request, result, (code, message) => error(400, { requestError: code }, message));
  }

  /** Pages of `rowsPerPage`; a page token is bound to the customer and the query, like Google's, and can expire. */
  private page(customerId: string, request: Record<string, unknown>, result: ReturnType<typeof runFakeQuery>, refuse: (code: string, message: string) => FakeReply): FakeReply {
    const binding = createHash('sha256').update(`${customerId}\n${String(request.query)}`).digest('base64url').slice(0, 16);
    let offset = 0;
    if (request.pageToken !== undefined) {
      const [tokenBinding, tokenOffset, generation] = Buffer.from(String(request.pageToken), 'base64url').toString('utf8').split(':');
      offset = Number(tokenOffset);
      if (tokenBinding !== binding || !Number.isSafeInteger(offset) || offset <= 0 || offset >= result.rows.length) return refuse('INVALID_PAGE_TOKEN', 'Page token is invalid.');
      if (Number(generation) !== this.pageTokenGeneration) return refuse('EXPIRED_PAGE_TOKEN', 'Page token has expired.');
    }
    const rows = result.rows.slice(offset, offset + this.rowsPerPage);
    const next =
      offset + this.rowsPerPage < result.rows.length ? Buffer.from(`${binding}:${offset + this.rowsPerPage}:${this.pageTokenGeneration}`).toString('base64url') : undefined;
    const settings = isRecord(request.searchSettings) ? request.searchSettings : {};
    return {
      status: 200,
      body: {
        ...(rows.length > 0 ? { results: rows } : {}),
        ...(next ? { nextPageToken: next } : {}),
        ...(settings.returnTotalResultsCount === true ? { totalResultsCount: String(result.rows.length) } : {}),
        fieldMask: result.fieldMask,
        queryResourceConsumption: String(10 + result.rows.length),
      },
    };
  }
}
