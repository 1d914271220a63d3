import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONSENT_GRANT, renderConsentPage } from '../consent.page';
import { adsError, badPayload, cannedFailure, SimGoogleFailureKind, SimReply, notFoundPage, USER_PERMISSION_DENIED_MESSAGE } from './google-sim-errors';
import { SimGaqlError, parseGaql } from './google-sim-gaql';
import { emptyObjects, SimCustomerObjects, SimGoogleAd, SimGoogleAdGroup, SimGoogleAsset, SimGoogleCampaign } from './google-sim-objects';
import { runSimQuery } from './google-sim-query';
import type { SandboxConsentAnswer, SandboxDialogParams, SandboxWorld } from '../sandbox-world';

export const SIM_GOOGLE_ADS_VERSIONS: readonly string[] = ['v23', 'v24', 'v25', 'v26'];
export type { SimGoogleFailureKind } from './google-sim-errors';
export type { SimGoogleAd, SimGoogleAdGroup, SimGoogleAsset, SimGoogleCampaign } from './google-sim-objects';

/** What differs between the test fake and a sandbox tenant's world. */
export interface SimulatedGooglePlatformOptions {
  /** The OAuth client the app must present (authorize, token). */
  clientId: string;
  clientSecret: string;
  /** Put before every access and refresh token issued; '' keeps Google's own shapes. */
  tokenPrefix?: string;
  /** When set, every Ads API call must carry exactly this `developer-token` header. */
  developerToken?: string;
  /**
   * When set, tokens are signed with this key and still accepted after the process restarted (the grant is rebuilt
   * from the token); revocations are remembered in memory only.
   */
  tokenKey?: string;
  /** Keep every request in `calls` (tests read it; a long-lived world must not grow with its traffic). */
  logCalls?: boolean;
}

export interface SimGoogleCustomer {
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

export interface SimGoogleUser {
  sub: string;
  email?: string;
  /** Directly accessible customer ids. */
  customers: string[];
}

/** One day of account metrics; device defaults to DESKTOP and network to SEARCH. */
export interface SimGoogleMetricRow {
  date: string;
  device?: string;
  adNetworkType?: string;
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions?: number;
  conversionsValue?: number;
}

export interface SimGoogleCall {
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

const AUTHORIZE_PATH = '/o/oauth2/v2/auth';
const ADWORDS_SCOPE = 'https://www.googleapis.com/auth/adwords';
const CODE_TTL_MS = 10 * 60 * 1000;
const SEARCH_FIELDS = new Set(['query', 'pageToken', 'pageSize', 'validateOnly', 'searchSettings']);
const STREAM_FIELDS = new Set(['query', 'summaryRowSetting']);
const PAGE_SIZE_MESSAGE = "Setting the page size is not supported. Search Responses will have fixed page size of '10000' rows.";

const random = (bytes = 24) => randomBytes(bytes).toString('base64url');
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const oauthError = (status: number, error: string, description: string): SimReply => ({ status, body: { error, error_description: description } });
const oauthPage = (status: number, error: string, description: string): SimReply => ({
  status,
  body: `<!DOCTYPE html><title>Error ${status}: ${error}</title><p>Access blocked: Error ${status}: ${error}</p><p>${description}</p>`,
});

function checkedMetrics(rows: SimGoogleMetricRow[] | undefined): SimGoogleMetricRow[] {
  for (const row of rows ?? []) if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) throw new Error(`simulator: metric dates are YYYY-MM-DD (${row.date})`);
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

/**
 * Google OAuth + Google Ads REST, answering and validating like Google (platform-apis.md B and C8): a sandbox tenant's
 * world (served through the simulator), or the tests' fake on a loopback server of its own (`start`).
 */
export class SimulatedGooglePlatform implements SandboxWorld {
  denyConsent = false;
  accessTokenTtlSeconds = 3599;
  omitRefreshToken = false;
  slowMs = 0;
  /** Google's fixed page size; lower it to page through small data. */
  rowsPerPage = 10000;
  readonly calls: SimGoogleCall[] = [];

  private baseUrl = '';
  private server: Server | undefined;
  private readonly customers = new Map<string, SimGoogleCustomer>();
  private readonly users = new Map<string, SimGoogleUser>();
  private readonly metrics = new Map<string, SimGoogleMetricRow[]>();
  private readonly objects = new Map<string, SimCustomerObjects>();
  private readonly codes = new Map<string, { sub: string; redirectUri: string; scope: string; offline: boolean; expiresAt: number; used: boolean }>();
  private readonly grants: Grant[] = [];
  private readonly accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly grantCounts = { authorization_code: 0, refresh_token: 0 };
  private readonly failures: SimGoogleFailureKind[] = [];
  private readonly failuresAt = new Map<number, SimGoogleFailureKind>();
  private consentSub: string | undefined;
  private adsCalls = 0;
  private pageTokenGeneration = 0;
  private readonly expireTokensAt = new Set<number>();
  private revocations = 0;

  constructor(private readonly options: SimulatedGooglePlatformOptions) {}

  /** A platform on a loopback server of its own (tests). */
  static async start(options: SimulatedGooglePlatformOptions): Promise<SimulatedGooglePlatform> {
    const platform = new SimulatedGooglePlatform(options);
    await platform.listen();
    return platform;
  }

  protected async listen(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addCustomer(customer: SimGoogleCustomer): void {
    if (!/^\d{10}$/.test(customer.id) || (customer.managerId !== undefined && !/^\d{10}$/.test(customer.managerId))) {
      throw new Error(`simulator: customer ids are 10 digits (${customer.id})`);
    }
    this.customers.set(customer.id, { ...customer });
  }

  addUser(user: SimGoogleUser): void {
    this.users.set(user.sub, { ...user, customers: [...user.customers] });
    this.consentSub ??= user.sub;
  }

  consentAs(sub: string): void {
    if (!this.users.has(sub)) throw new Error(`simulator: unknown user ${sub}`);
    this.consentSub = sub;
  }

  setMetrics(customerId: string, rows: SimGoogleMetricRow[]): void {
    for (const row of rows) if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) throw new Error(`simulator: metric dates are YYYY-MM-DD (${row.date})`);
    this.metrics.set(customerId, rows.map((row) => ({ ...row })));
  }

  /** Campaigns of a customer (FROM campaign), each with its own per-day metrics; `changedAt` defaults to now. */
  setCampaigns(customerId: string, campaigns: SimGoogleCampaign[]): void {
    const now = new Date().toISOString();
    this.objectsOf(customerId).campaigns = campaigns.map((campaign) => ({ changedAt: now, ...campaign, metrics: checkedMetrics(campaign.metrics) }));
  }

  /** Ad groups of a customer (FROM ad_group); their campaign is joined from setCampaigns. */
  setAdGroups(customerId: string, adGroups: SimGoogleAdGroup[]): void {
    const now = new Date().toISOString();
    this.objectsOf(customerId).adGroups = adGroups.map((adGroup) => ({ changedAt: now, ...adGroup, metrics: checkedMetrics(adGroup.metrics) }));
  }

  /** Ads of a customer (FROM ad_group_ad); ad group and campaign are joined. */
  setAds(customerId: string, ads: SimGoogleAd[]): void {
    const now = new Date().toISOString();
    this.objectsOf(customerId).ads = ads.map((ad) => ({ changedAt: now, ...ad, metrics: checkedMetrics(ad.metrics) }));
  }

  /** Changes (or adds) a campaign, as an advertiser's edit: it shows in change_status from now on. */
  updateCampaign(customerId: string, campaign: Partial<SimGoogleCampaign> & { id: string }): void {
    this.upsertObject(this.objectsOf(customerId).campaigns, campaign as SimGoogleCampaign);
  }

  updateAdGroup(customerId: string, adGroup: Partial<SimGoogleAdGroup> & { id: string }): void {
    this.upsertObject(this.objectsOf(customerId).adGroups, adGroup as SimGoogleAdGroup);
  }

  /** Ads are found by ad group and id. */
  updateAd(customerId: string, ad: Partial<SimGoogleAd> & { id: string; adGroupId: string }): void {
    const ads = this.objectsOf(customerId).ads;
    const index = ads.findIndex((existing) => existing.id === ad.id && existing.adGroupId === ad.adGroupId);
    const merged = { ...(index >= 0 ? ads[index] : {}), ...ad, metrics: checkedMetrics(ad.metrics ?? (index >= 0 ? ads[index].metrics : [])), changedAt: new Date().toISOString() } as SimGoogleAd;
    if (index >= 0) ads[index] = merged;
    else ads.push(merged);
  }

  /** Replaces a campaign's daily metrics without touching change_status (metrics are not changes of the campaign). */
  setCampaignMetrics(customerId: string, campaignId: string, rows: SimGoogleMetricRow[]): void {
    const campaign = this.objectsOf(customerId).campaigns.find((existing) => existing.id === campaignId);
    if (!campaign) throw new Error(`simulator: unknown campaign ${campaignId}`);
    campaign.metrics = checkedMetrics(rows);
  }

  private upsertObject<T extends { id: string; metrics?: SimGoogleMetricRow[]; changedAt?: string }>(list: T[], patch: T): void {
    const index = list.findIndex((existing) => existing.id === patch.id);
    const merged = { ...(index >= 0 ? list[index] : {}), ...patch, changedAt: new Date().toISOString() } as T;
    merged.metrics = checkedMetrics(merged.metrics);
    if (index >= 0) list[index] = merged;
    else list.push(merged);
  }

  /** Assets of a customer (FROM asset) and their links (FROM campaign_asset, FROM ad_group_asset). */
  setAssets(customerId: string, assets: SimGoogleAsset[]): void {
    this.objectsOf(customerId).assets = assets.map((asset) => ({ ...asset }));
  }

  /** The GAQL texts sent to googleAds:search (every page), optionally for one customer. */
  searchQueries(customerId?: string): string[] {
    return this.calls
      .filter((call) => /\/customers\/\d{10}\/googleAds:search$/.test(call.path) && (!customerId || call.path.includes(`/customers/${customerId}/`)))
      .map((call) => String((call.body as { query?: unknown } | undefined)?.query ?? ''));
  }

  private objectsOf(customerId: string): SimCustomerObjects {
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
  failNext(kind: SimGoogleFailureKind, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(kind);
  }

  /** The n-th Ads API call since start (1-based, OAuth excluded) fails with `kind`. */
  failAtCall(n: number, kind: SimGoogleFailureKind): void {
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

  /** One HTTP request; `req.url` is the path below the platform's base URL. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://google.simulator.invalid');
    const headers = flatten(req.headers);
    const body = parseBody(Buffer.concat(chunks).toString('utf8'), headers['content-type']);
    const method = req.method ?? 'GET';
    if (this.options.logCalls) this.calls.push({ method, path: url.pathname + url.search, headers, body: body.value });
    if (this.slowMs > 0) await sleep(this.slowMs);
    let reply: SimReply;
    try {
      reply = this.route(method, url, headers, body);
    } catch (error) {
      reply = { status: 500, body: { error: { code: 500, message: `simulator: ${String(error)}`, status: 'INTERNAL' } } };
    }
    if (res.destroyed) return;
    const text = typeof reply.body === 'string';
    res.writeHead(reply.status, { 'content-type': text ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8', ...reply.headers });
    res.end(reply.body === undefined ? '' : text ? reply.body : JSON.stringify(reply.body));
  }

  private route(method: string, url: URL, headers: Record<string, string>, body: Body): SimReply {
    if (method === 'GET' && url.pathname === AUTHORIZE_PATH) return this.authorize(method, url.searchParams, AUTHORIZE_PATH);
    if (method === 'POST' && url.pathname === AUTHORIZE_PATH) return this.authorize(method, new URLSearchParams(body.form), AUTHORIZE_PATH);
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

  /** The consent dialog served by the app itself: the page posts back to `action`. */
  consent(method: 'GET' | 'POST', params: SandboxDialogParams, action: string): SandboxConsentAnswer {
    const reply = this.authorize(method, new URLSearchParams(params), action);
    const html = typeof reply.body === 'string';
    return {
      status: reply.status,
      headers: { ...(html ? { 'content-type': 'text/html; charset=UTF-8' } : {}), ...reply.headers },
      body: html ? (reply.body as string) : null,
    };
  }

  private authorize(method: string, params: URLSearchParams, action: string): SimReply {
    const redirectUri = params.get('redirect_uri') ?? '';
    const scope = params.get('scope') ?? '';
    const state = params.get('state');
    if (params.get('client_id') !== this.options.clientId) return oauthPage(401, 'invalid_client', 'The OAuth client was not found.');
    if (!/^https?:\/\/[^\s]+$/.test(redirectUri)) return oauthPage(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (params.get('response_type') !== 'code') return oauthPage(400, 'unsupported_response_type', `Unsupported response type: ${params.get('response_type')}`);
    if (!scope.split(' ').includes(ADWORDS_SCOPE)) return oauthPage(400, 'invalid_scope', `Some requested scopes were invalid or the adwords scope is missing: ${scope}`);
    const user = this.consentSub ? this.users.get(this.consentSub) : undefined;
    if (method === 'GET') {
      if (!user && !this.denyConsent) return oauthPage(400, 'access_denied', 'simulator: no user to consent as (addUser first)');
      const dialogParams = Object.fromEntries([...params].filter(([name]) => name !== 'decision'));
      const html = renderConsentPage({ provider: 'Google', signedInAs: user?.email ?? user?.sub ?? 'a Google user', scopes: scope.split(' '), action, params: dialogParams });
      return { status: 200, headers: { 'cache-control': 'no-store' }, body: html };
    }

    const target = new URL(redirectUri);
    if (this.denyConsent || params.get('decision') !== CONSENT_GRANT) {
      target.searchParams.set('error', 'access_denied');
    } else {
      if (!this.consentSub) return oauthPage(400, 'access_denied', 'simulator: no user to consent as (addUser first)');
      const code = `4/0A${random()}`;
      const offline = params.get('access_type') === 'offline';
      this.forgetExpired();
      this.codes.set(code, { sub: this.consentSub, redirectUri, scope, offline, expiresAt: Date.now() + CODE_TTL_MS, used: false });
      target.searchParams.set('code', code);
      target.searchParams.set('scope', scope);
    }
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString() } };
  }

  private token(headers: Record<string, string>, body: Body): SimReply {
    if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Invalid Content-Type: expected application/x-www-form-urlencoded.');
    }
    const form = body.form;
    const basic = /^Basic (.+)$/.exec(headers.authorization ?? '');
    const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [form.client_id, form.client_secret];
    if (clientId !== this.options.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (clientSecret !== this.options.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');

    if (form.grant_type === 'authorization_code') {
      const code = this.codes.get(form.code ?? '');
      if (!code || code.expiresAt < Date.now()) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
      if (code.used) return oauthError(400, 'invalid_grant', 'Bad Request');
      if (form.redirect_uri !== code.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
      code.used = true;
      // Like Google: a refresh token only for access_type=offline.
      const refreshToken = code.offline && !this.omitRefreshToken ? this.newToken('1//0', { sub: code.sub, scope: code.scope, n: random(9) }) : null;
      const grant: Grant = { sub: code.sub, scope: code.scope, refreshToken, refreshRevoked: false, revoked: false };
      this.grants.push(grant);
      if (grant.refreshToken) this.refreshTokens.set(grant.refreshToken, grant);
      this.grantCounts.authorization_code++;
      return { status: 200, body: this.tokenAnswer(grant, true) };
    }
    if (form.grant_type === 'refresh_token') {
      const grant = this.refreshGrant(form.refresh_token ?? '');
      if (!grant || grant.refreshRevoked || grant.revoked) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      this.grantCounts.refresh_token++;
      return { status: 200, body: this.tokenAnswer(grant, false) };
    }
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  }

  private tokenAnswer(grant: Grant, withRefreshToken: boolean): Record<string, unknown> {
    this.forgetExpired();
    const expiresAt = Date.now() + this.accessTokenTtlSeconds * 1000;
    const accessToken = this.newToken('ya29.a0', { sub: grant.sub, scope: grant.scope, exp: expiresAt });
    this.accessTokens.set(accessToken, { grant, expiresAt });
    const answer: Record<string, unknown> = { access_token: accessToken, expires_in: this.accessTokenTtlSeconds, scope: grant.scope, token_type: 'Bearer' };
    if (withRefreshToken && grant.refreshToken) answer.refresh_token = grant.refreshToken;
    if (grant.scope.split(' ').includes('openid')) answer.id_token = this.idToken(grant.sub);
    return answer;
  }

  /** Expired codes and (past a thousand) access tokens: a world living for weeks must not keep every one it issued. */
  private forgetExpired(): void {
    const now = Date.now();
    for (const [code, entry] of this.codes) if (entry.expiresAt < now) this.codes.delete(code);
    if (this.accessTokens.size < 1000) return;
    for (const [token, entry] of this.accessTokens) if (entry.expiresAt < now - CODE_TTL_MS) this.accessTokens.delete(token);
  }

  /** Random like Google's, or (with a tokenKey) carrying its claims under a MAC so that it outlives the process. */
  private newToken(shape: string, claims: Record<string, unknown>): string {
    const prefix = this.options.tokenPrefix ?? '';
    if (!this.options.tokenKey) return `${prefix}${shape}${random(shape === 'ya29.a0' ? 32 : 24)}`;
    const body = `${prefix}${shape}${json(claims)}`;
    return `${body}.${this.mac(body)}`;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.options.tokenKey ?? '').update(body).digest('base64url');
  }

  /** The claims of a signed token of this shape, or undefined. */
  private signedClaims(token: string, shape: string): Record<string, unknown> | undefined {
    if (!this.options.tokenKey || !token.startsWith(`${this.options.tokenPrefix ?? ''}${shape}`)) return undefined;
    const dot = token.lastIndexOf('.');
    const [body, mac] = [token.slice(0, dot), Buffer.from(token.slice(dot + 1))];
    const expected = Buffer.from(this.mac(body));
    if (dot < 0 || mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(body.slice(`${this.options.tokenPrefix ?? ''}${shape}`.length), 'base64url').toString('utf8'));
      return isRecord(claims) && typeof claims.sub === 'string' && typeof claims.scope === 'string' ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private refreshGrant(token: string): Grant | undefined {
    const known = this.refreshTokens.get(token);
    if (known) return known;
    const claims = this.signedClaims(token, '1//0');
    if (!claims) return undefined;
    const grant: Grant = { sub: String(claims.sub), scope: String(claims.scope), refreshToken: token, refreshRevoked: false, revoked: false };
    this.grants.push(grant);
    this.refreshTokens.set(token, grant);
    return grant;
  }

  private accessToken(token: string): { grant: Grant; expiresAt: number } | undefined {
    const known = this.accessTokens.get(token);
    if (known) return known;
    const claims = this.signedClaims(token, 'ya29.a0');
    if (!claims || typeof claims.exp !== 'number') return undefined;
    const entry = { grant: { sub: String(claims.sub), scope: String(claims.scope), refreshToken: null, refreshRevoked: false, revoked: false }, expiresAt: claims.exp };
    this.grants.push(entry.grant);
    this.accessTokens.set(token, entry);
    return entry;
  }

  /** Shaped like Google's RS256 ID token; the signature is noise (clients read it from the token endpoint only). */
  private idToken(sub: string): string {
    const now = Math.floor(Date.now() / 1000);
    const email = this.users.get(sub)?.email;
    const claims = { iss: 'https://accounts.google.com', azp: this.options.clientId, aud: this.options.clientId, sub, ...(email ? { email, email_verified: true } : {}), iat: now, exp: now + 3600 };
    return `${json({ alg: 'RS256', kid: 'sandbox-google-key', typ: 'JWT' })}.${json(claims)}.${random(64)}`;
  }

  private revoke(token: string): SimReply {
    const grant = this.accessToken(token)?.grant ?? this.refreshGrant(token);
    if (!grant || grant.revoked) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    grant.revoked = true;
    this.revocations++;
    return { status: 200, body: {} };
  }

  private ads(version: string, rest: string, method: string, headers: Record<string, string>, body: Body, requestId: string): SimReply {
    if (!SIM_GOOGLE_ADS_VERSIONS.includes(version)) return notFoundPage(`/${version}/${rest}`);
    const call = ++this.adsCalls;
    const { developerToken } = this.options;
    if (developerToken !== undefined && headers['developer-token'] !== developerToken) {
      return adsError(version, requestId, 401, { authenticationError: 'DEVELOPER_TOKEN_INVALID' }, 'The developer token is not valid.');
    }
    if (this.expireTokensAt.delete(call)) this.pageTokenGeneration++;
    const failure = this.failuresAt.get(call) ?? this.failures.shift();
    if (failure) return cannedFailure(failure, version, requestId);
    const error = (status: number, errorCode: Record<string, string>, message: string, extra?: Record<string, unknown>) => adsError(version, requestId, status, errorCode, message, extra);

    const token = this.accessToken(/^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1] ?? '');
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

    let result: ReturnType<typeof runSimQuery>;
    try {
      result = runSimQuery(parseGaql(request.query), {
        target: customer,
        customers: [...this.customers.values()],
        metrics: this.metrics.get(customerId) ?? [],
        objects: this.objects.get(customerId) ?? emptyObjects(),
      });
    } catch (failure) {
      if (failure instanceof SimGaqlError) return error(400, { [failure.family]: failure.code }, failure.message);
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
  private page(customerId: string, request: Record<string, unknown>, result: ReturnType<typeof runSimQuery>, refuse: (code: string, message: string) => SimReply): SimReply {
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
