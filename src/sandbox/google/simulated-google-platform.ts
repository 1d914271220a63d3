import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { googleAuthorize } from './google-sim-consent';
import { SimGoogleCallControls } from './google-sim-controls';
import { adsError, badPayload, cannedFailure, SimGoogleFailureKind, SimReply, notFoundPage, USER_PERMISSION_DENIED_MESSAGE } from './google-sim-errors';
import { SimGaqlError, parseGaql } from './google-sim-gaql';
import { flattenHeaders, isRecord, parseBody, randomToken, SimRequestBody } from './google-sim-http';
import { SimGoogleOAuth } from './google-sim-oauth';
import { searchPage, streamBatches } from './google-sim-paging';
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

const AUTHORIZE_PATH = '/o/oauth2/v2/auth';
const SEARCH_FIELDS = new Set(['query', 'pageToken', 'pageSize', 'validateOnly', 'searchSettings']);
const STREAM_FIELDS = new Set(['query', 'summaryRowSetting']);
const PAGE_SIZE_MESSAGE = "Setting the page size is not supported. Search Responses will have fixed page size of '10000' rows.";

function checkedMetrics(rows: SimGoogleMetricRow[] | undefined): SimGoogleMetricRow[] {
  for (const row of rows ?? []) if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) throw new Error(`simulator: metric dates are YYYY-MM-DD (${row.date})`);
  return (rows ?? []).map((row) => ({ ...row }));
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
  private readonly controls = new SimGoogleCallControls();
  private readonly oauth: SimGoogleOAuth;
  private consentSub: string | undefined;

  constructor(private readonly options: SimulatedGooglePlatformOptions) {
    this.oauth = new SimGoogleOAuth(options, this, (sub) => this.users.get(sub)?.email);
  }

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
    this.oauth.expireAccessTokens();
  }

  /** Every refresh token issued so far now answers invalid_grant; access tokens keep working until they expire. */
  revokeRefreshTokens(): void {
    this.oauth.revokeRefreshTokens();
  }

  /** The next `times` Ads API calls (OAuth excluded) fail with `kind`. */
  failNext(kind: SimGoogleFailureKind, times = 1): void {
    this.controls.failNext(kind, times);
  }

  /** The n-th Ads API call since start (1-based, OAuth excluded) fails with `kind`. */
  failAtCall(n: number, kind: SimGoogleFailureKind): void {
    this.controls.failAtCall(n, kind);
  }

  /** Every page token handed out so far now answers EXPIRED_PAGE_TOKEN (Google's tokens do not live forever). */
  expirePageTokens(): void {
    this.controls.expirePageTokens();
  }

  /** Page tokens expire just before the n-th Ads API call (1-based, OAuth excluded) is answered. */
  expirePageTokensAtCall(n: number): void {
    this.controls.expirePageTokensAtCall(n);
  }

  /** How many Ads API calls were answered so far (OAuth excluded). */
  adsCallCount(): number {
    return this.controls.callCount();
  }

  tokenGrants(grantType: 'authorization_code' | 'refresh_token'): number {
    return this.oauth.grantCount(grantType);
  }

  revokedTokens(): number {
    return this.oauth.revokedCount();
  }

  /** One HTTP request; `req.url` is the path below the platform's base URL. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://google.simulator.invalid');
    const headers = flattenHeaders(req.headers);
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

  private route(method: string, url: URL, headers: Record<string, string>, body: SimRequestBody): SimReply {
    if (method === 'GET' && url.pathname === AUTHORIZE_PATH) return this.authorize(method, url.searchParams, AUTHORIZE_PATH);
    if (method === 'POST' && url.pathname === AUTHORIZE_PATH) return this.authorize(method, new URLSearchParams(body.form), AUTHORIZE_PATH);
    if (method === 'POST' && url.pathname === '/token') return this.oauth.token(headers, body);
    if (method === 'POST' && url.pathname === '/revoke') return this.oauth.revoke(body.form.token ?? url.searchParams.get('token') ?? '');
    const ads = /^\/(v\d+)\/(.+)$/.exec(url.pathname);
    if (!ads) return notFoundPage(url.pathname);
    const requestId = randomToken(16);
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
    return googleAuthorize(method, params, action, {
      clientId: this.options.clientId,
      consentSub: this.consentSub,
      user: this.consentSub ? this.users.get(this.consentSub) : undefined,
      denyConsent: this.denyConsent,
      issueCode: (sub, redirectUri, scope, offline) => this.oauth.issueCode(sub, redirectUri, scope, offline),
    });
  }

  private ads(version: string, rest: string, method: string, headers: Record<string, string>, body: SimRequestBody, requestId: string): SimReply {
    if (!SIM_GOOGLE_ADS_VERSIONS.includes(version)) return notFoundPage(`/${version}/${rest}`);
    const call = this.controls.countCall();
    const { developerToken } = this.options;
    if (developerToken !== undefined && headers['developer-token'] !== developerToken) {
      return adsError(version, requestId, 401, { authenticationError: 'DEVELOPER_TOKEN_INVALID' }, 'The developer token is not valid.');
    }
    const failure = this.controls.failureFor(call);
    if (failure) return cannedFailure(failure, version, requestId);
    const error = (status: number, errorCode: Record<string, string>, message: string, extra?: Record<string, unknown>) => adsError(version, requestId, status, errorCode, message, extra);

    const token = this.oauth.accessToken(/^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1] ?? '');
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
    if (kind === 'searchStream') return streamBatches(result, this.rowsPerPage, requestId);
    if (request.validateOnly === true) return { status: 200, body: { fieldMask: result.fieldMask } };
    return searchPage(customerId, request, result, { rowsPerPage: this.rowsPerPage, generation: this.controls.generation }, (code, message) => error(400, { requestError: code }, message));
  }
}
