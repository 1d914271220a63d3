import { createHmac, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  deprecatedVersion,
  SimAnswer,
  SimMetaFailure,
  graphError,
  injectedFailure,
  invalidParameter,
  tokenError,
  unsupportedRequest,
} from './meta-sim-errors';
import { CONSENT_GRANT, renderConsentPage } from '../consent.page';
import type { SimRow } from './meta-sim-fields';
import { readParams, sendAnswer } from './meta-sim-http';
import { insightsRows } from './meta-sim-insights';
import { SimMetaLaunchStore } from './meta-sim-launch';
import { createdLeadFormRow, createdPixelRow, launchedRow } from './meta-sim-created-rows';
import { SimMetaAccountObjects, SimMetaObjectStore } from './meta-sim-objects';
import { SimMetaPage, SimMetaPageStore, SimMetaPageToken } from './meta-sim-pages';
import { pageOf } from './meta-sim-paging';
import { SimMetaSearchStore } from './meta-sim-search';
import { SimMetaCreateStore } from './meta-sim-create';
import { SimMetaReportRuns, SimReportContext } from './meta-sim-report-runs';
import { SimMetaUsage, usageHeaders } from './meta-sim-usage';

/** App credentials of the loopback server the tests start (`SimulatedMetaPlatform.start()`). */
export const META_SIM_LOOPBACK_APP_ID = '1234567890';
export const META_SIM_LOOPBACK_APP_SECRET = 'fake-meta-app-secret';
export const META_SIM_VERSIONS: readonly string[] = ['v25.0', 'v26.0'];
export type { SimMetaFailure } from './meta-sim-errors';
export type { SimRow } from './meta-sim-fields';
export type { SimMetaAccountObjects } from './meta-sim-objects';
export type { SimMetaPage } from './meta-sim-pages';
export type { SimMetaUsage } from './meta-sim-usage';

export interface SimMetaAdAccount {
  account_id: string;
  name: string;
  currency: string;
  timezone_name: string;
  account_status: number;
  /** Counted by paging but withheld from `data` (Meta's privacy filtering), to produce short and empty pages. */
  hidden?: boolean;
}

export interface SimMetaUser {
  id: string;
  name: string;
  adAccounts: SimMetaAdAccount[];
  /** Granted at consent; default: whatever the dialog asked for. */
  scopes?: string[];
}

export interface SimMetaCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, string>;
}

export interface SimMetaTokenRecord {
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  state: 'valid' | 'expired' | 'revoked';
}

interface CodeRecord {
  userId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

type Params = Record<string, string>;

/** Makes user tokens that outlive the process: a token minted before a restart is read back into its record. */
export interface SimMetaTokenCodec {
  mint(record: SimMetaTokenRecord): string;
  read(token: string): SimMetaTokenRecord | undefined;
}

/** How one simulated Meta differs from another: the tests' loopback fake or one sandbox tenant's world. */
export interface SimulatedMetaPlatformOptions {
  appId: string;
  appSecret: string;
  /** Put in front of every token issued (user and page tokens). */
  tokenPrefix: string;
  /** Where the platform is reached; `paging.next` URLs start with it (it may carry a path). */
  baseUrl: string;
  /** Cap on the page size of every edge; `limit` asks for less. */
  pageSize: number;
  /** Objects created through the API (launches, pixels, lead forms) also show on their edges, with their status changes. */
  listCreatedObjects?: boolean;
  /** Keep every call in `calls` (the tests' call log); a long-lived world leaves it off. */
  recordCalls?: boolean;
  tokenCodec?: SimMetaTokenCodec;
}

const LOOPBACK_OPTIONS: Omit<SimulatedMetaPlatformOptions, 'baseUrl'> = {
  appId: META_SIM_LOOPBACK_APP_ID,
  appSecret: META_SIM_LOOPBACK_APP_SECRET,
  tokenPrefix: '',
  pageSize: 2,
  recordCalls: true,
};

const SHORT_TOKEN_SECONDS = 5400;
const LONG_TOKEN_SECONDS = 5183944;
const DATA_ACCESS_SECONDS = 90 * 24 * 3600;
const CODE_TTL_MS = 10 * 60 * 1000;

const ok = (body: unknown): SimAnswer => ({ status: 200, body });
const unix = (ms: number) => Math.floor(ms / 1000);

/**
 * A simulated Graph API + login dialog that answers and validates like Meta (see platform-apis.md, parts A and C).
 * The tests start it on a loopback server of its own (`start()`, with failure injection, holds and a call log); the
 * sandbox serves one per tenant through `SandboxSimulator` (see meta-sandbox.world.ts).
 */
export class SimulatedMetaPlatform {
  denyConsent = false;
  pageSize: number;
  slowMs = 0;
  /** A line the consent page shows above its buttons (the sandbox says it is one). */
  consentNotice: string | undefined;
  /** `estimated_time_to_regain_access` (minutes) sent with injected rate limits. */
  regainAccessMinutes = 5;
  /** When set, `paging.next` URLs point at this origin instead of the fake's own. */
  pagingOrigin: string | undefined;
  /** Usage headers of successful answers; unset: a low X-App-Usage only. */
  usage: SimMetaUsage | undefined;
  readonly calls: SimMetaCall[] = [];
  /** Campaigns, ad sets, creatives and ads created by launches (meta-fake-launch.ts). */
  readonly launches = new SimMetaLaunchStore();
  /** Lead forms and pixels created through the fake, as received. */
  readonly created = new SimMetaCreateStore();
  /** Async insights report runs, and insights computed from a model (meta-fake-report-runs.ts). */
  readonly reportRuns = new SimMetaReportRuns();

  private readonly users = new Map<string, SimMetaUser>();
  private readonly tokens = new Map<string, SimMetaTokenRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly insights = new Map<string, Array<Record<string, unknown>>>();
  private readonly objects = new SimMetaObjectStore();
  private readonly pages: SimMetaPageStore;
  private readonly searchResults = new SimMetaSearchStore();
  private readonly issued = new Map<string, string[]>();
  private readonly queued: SimMetaFailure[] = [];
  private readonly scheduled = new Map<number, SimMetaFailure>();
  private consentUserId: string | undefined;
  private hold: { atCall: number; reached: () => void; reachedPromise: Promise<void>; released: Promise<void>; release: () => void } | undefined;
  private graphCalls = 0;
  private revocations = 0;

  /** Where the platform is reached (no trailing slash). */
  readonly url: string;
  private readonly options: SimulatedMetaPlatformOptions;
  private readonly appToken: string;

  constructor(
    options: SimulatedMetaPlatformOptions,
    private readonly server?: Server,
  ) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.url = this.options.baseUrl;
    this.pageSize = options.pageSize;
    this.appToken = `${options.appId}|${options.appSecret}`;
    this.pages = new SimMetaPageStore(options.tokenPrefix);
  }

  /** A loopback server of its own (the tests' fake), with the loopback credentials unless told otherwise. */
  static async start(options: Partial<Omit<SimulatedMetaPlatformOptions, 'baseUrl'>> = {}): Promise<SimulatedMetaPlatform> {
    let fake: SimulatedMetaPlatform | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fake = new SimulatedMetaPlatform({ ...LOOPBACK_OPTIONS, ...options, baseUrl }, server);
    return fake;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addUser(user: SimMetaUser): void {
    this.users.set(user.id, user);
    this.consentUserId ??= user.id;
  }

  consentAs(userId: string): void {
    this.consentUserId = userId;
  }

  setInsights(accountId: string, rows: Array<Record<string, unknown>>): void {
    this.insights.set(accountId, rows);
  }

  setAccountObjects(accountId: string, objects: SimMetaAccountObjects): void {
    this.objects.set(accountId, objects);
  }

  /** The user's pages; the fake mints a page access token for each page on which the user has a task. */
  setPages(userId: string, pages: SimMetaPage[]): void {
    this.pages.set(userId, pages);
  }

  setLeadForms(pageId: string, forms: SimRow[]): void {
    this.pages.setForms(pageId, forms);
  }

  /** Answers of `GET /search?type=…[&class=…]`, filtered by case-insensitive substring of `name` (categories may be browsed without `q`). */
  setSearchResults(type: string, cls: string | undefined, rows: SimRow[]): void {
    this.searchResults.set(type, cls, rows);
  }

  /** What `GET /search` answers when none of the set results match (see `SimMetaSearchStore.fallback`). */
  setSearchFallback(fallback: (type: string, cls: string | undefined, q: string) => SimRow[]): void {
    this.searchResults.fallback = fallback;
  }

  campaignStatus(campaignId: string): string | undefined {
    return this.objects.status(campaignId);
  }

  pageAccessToken(userId: string, pageId: string): string | undefined {
    return this.pages.tokenOf(userId, pageId);
  }

  expireAllTokens(): void {
    for (const record of this.tokens.values()) if (record.state === 'valid') record.state = 'expired';
  }

  failNext(kind: SimMetaFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.queued.push(kind);
  }

  failAtCall(n: number, kind: SimMetaFailure): void {
    this.scheduled.set(this.graphCalls + n, kind);
  }

  /** The `n`th Graph call from now does not answer until `releaseHold()` (a worker stuck mid-import). */
  holdAtCall(n: number): void {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.hold = { atCall: this.graphCalls + n, reached, reachedPromise, released, release };
  }

  /** Resolves once the held call has arrived. */
  async heldCallReached(): Promise<void> {
    await this.hold?.reachedPromise;
  }

  releaseHold(): void {
    this.hold?.release();
    this.hold = undefined;
  }

  callsTo(pathSuffix: string): number {
    return this.calls.filter((call) => call.path.endsWith(pathSuffix)).length;
  }

  revokedTokens(): number {
    return this.revocations;
  }

  accessTokenOf(userId: string): string[] {
    return [...(this.issued.get(userId) ?? [])];
  }

  /** One HTTP request; `req.url` is the path below `url` (`/v25.0/…`). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://graph.invalid');
      const query = Object.fromEntries(url.searchParams);
      const body = await readParams(req);
      const method = req.method ?? 'GET';
      if (this.options.recordCalls) this.calls.push({ method, path: url.pathname, query, body });
      sendAnswer(res, await this.answer(method, url.pathname, { ...query, ...body }));
    } catch (error) {
      sendAnswer(res, graphError({ message: `Simulator failure: ${(error as Error).message}`, code: 1 }, 500));
    }
  }

  /**
   * The login dialog (`/{version}/dialog/oauth`): GET renders the consent page whose form posts to `action`, POST
   * answers the redirect to `redirect_uri` with a code (Grant) or Meta's access_denied parameters (Deny).
   */
  consentDialog(method: 'GET' | 'POST', params: Params, action: string): SimAnswer {
    if (params.client_id !== this.options.appId) return graphError({ message: 'Invalid App ID: The provided app ID does not look like a valid app ID.', code: 101 });

    let target: URL;
    try {
      target = new URL(params.redirect_uri ?? '');
    } catch {
      return invalidParameter('Missing or invalid redirect_uri parameter.');
    }
    if ((params.response_type ?? 'code') !== 'code') return invalidParameter('Unsupported response_type; this app uses the code flow.');
    if (!params.scope) return invalidParameter('Missing scope parameter.');
    const user = this.consentUserId ? this.users.get(this.consentUserId) : undefined;
    const { decision, ...dialogParams } = params;
    const scopes = params.scope.split(',').map((scope) => scope.trim()).filter(Boolean);
    if (method === 'GET') {
      if (!user && !this.denyConsent) return graphError({ message: 'No user is logged in to the simulated dialog.', code: 1 });
      const html = renderConsentPage({ provider: 'Facebook', signedInAs: user?.name ?? 'a Facebook user', scopes, action, params: dialogParams, notice: this.consentNotice });
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, body: html };
    }

    if (this.denyConsent || decision !== CONSENT_GRANT) {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_reason', 'user_denied');
      target.searchParams.set('error_description', 'Permissions error');
    } else {
      if (!user) return graphError({ message: 'No user is logged in to the simulated dialog.', code: 1 });
      const code = `AQ${randomBytes(24).toString('base64url')}`;
      this.codes.set(code, { userId: user.id, redirectUri: params.redirect_uri, scopes: user.scopes ?? scopes, expiresAt: Date.now() + CODE_TTL_MS, used: false });
      target.searchParams.set('code', code);
    }
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    return { status: 302, headers: { Location: target.toString() }, body: null };
  }

  private async answer(method: string, pathname: string, params: Params): Promise<SimAnswer> {
    const match = /^\/(v\d+\.\d+)(\/.*)?$/.exec(pathname);
    // An unversioned call resolves to an old, retired version at Meta, so it fails the same way.
    if (!match || !META_SIM_VERSIONS.includes(match[1])) return deprecatedVersion();
    const [, version, path = '/'] = match;
    if ((method === 'GET' || method === 'POST') && path === '/dialog/oauth') return this.consentDialog(method, params, `/${version}/dialog/oauth`);

    this.graphCalls++;
    const hold = this.hold;
    if (hold && this.graphCalls === hold.atCall) {
      hold.reached();
      await hold.released;
    }
    const failure = this.scheduled.get(this.graphCalls) ?? this.queued.shift();
    this.scheduled.delete(this.graphCalls);
    if (this.slowMs > 0) await sleep(this.slowMs);
    if (failure) return injectedFailure(failure, this.regainAccessMinutes, /^\/act_(\d+)/.exec(path)?.[1] ?? '0');
    const answer = this.graph(method, version, path, params);
    if (answer.status === 200) answer.headers = { ...answer.headers, ...usageHeaders(this.usage, path) };
    return answer;
  }

  private graph(method: string, version: string, path: string, params: Params): SimAnswer {
    if (method === 'GET' && path === '/oauth/access_token') return this.accessToken(params);
    if (method === 'GET' && path === '/debug_token') return this.debugToken(params);

    const token = params.access_token;
    if (!token) return graphError({ message: 'An access token is required to request this resource.', code: 104 });
    const page = this.pages.owner(token);
    if (page) return this.asPage(method, version, path, params, page);
    const record = this.tokenRecord(token);
    if (!record) return tokenError(467);
    if (!this.isLive(record)) return tokenError(record.state === 'revoked' ? 458 : 463);
    if (params.appsecret_proof !== this.proofOf(token)) return graphError({ message: 'Invalid appsecret_proof provided in the API argument', code: 100, type: 'GraphMethodException' });
    const user = this.users.get(record.userId)!;

    if (method === 'GET' && path === '/me') return ok({ id: user.id, name: user.name });
    if (method === 'GET' && path === '/me/adaccounts') return this.adAccounts(user, version, path, params);
    if (method === 'DELETE' && path === '/me/permissions') return this.revoke(user);
    if (method === 'GET' && path === '/me/accounts') return this.paged(this.pages.accounts(user.id, params), version, path, params);
    if (method === 'GET' && path === '/search') return this.searchResults.answer(params);
    const launched = this.launches.answer(method, path, params, { ownsAccount: (id) => this.ownsAccount(user, id), scopes: record.scopes, regainAccessMinutes: this.regainAccessMinutes });
    if (launched) {
      if (this.options.listCreatedObjects && launched.status === 200) this.listLaunched(method, path, launched);
      return launched;
    }
    const report = this.reportRuns.answer(method, path, params, this.reportContext(user, version));
    if (report) return report;
    const edge = /^\/act_(\d+)\/(\w+)$/.exec(path);
    if (method === 'POST' && edge?.[2] === 'adspixels') {
      if (!this.ownsAccount(user, edge[1])) return unsupportedRequest(method, path);
      const answer = this.created.pixel(edge[1], record.scopes, params);
      const id = (answer.body as { id?: string } | null)?.id;
      if (this.options.listCreatedObjects && id) this.objects.add(edge[1], 'pixels', createdPixelRow(id, params.name, new Date()));
      return answer;
    }
    if (method === 'GET' && edge?.[2] === 'insights') return this.accountInsights(user, edge[1], version, path, params);
    if (method === 'GET' && edge && SimMetaObjectStore.isEdge(edge[2])) {
      if (!this.ownsAccount(user, edge[1])) return unsupportedRequest(method, path);
      const rows = this.objects.edge(edge[1], edge[2], params);
      const answer = this.paged(rows, version, path, params);
      // `summary=total_count` (or `true`): Meta adds the edge's total to every page.
      if (Array.isArray(rows) && answer.status === 200 && /^(true|total_count)$/.test(params.summary ?? '')) {
        answer.body = { ...(answer.body as object), summary: { total_count: rows.length } };
      }
      return answer;
    }
    if (/^\/\d+\/leadgen_forms$/.test(path)) return graphError({ message: '(#190) This method must be called with a Page Access Token', code: 190 });
    const node = /^\/(\d+)$/.exec(path)?.[1];
    const owner = node === undefined ? undefined : this.objects.ownerOf(node);
    if (node === undefined || owner === undefined || !this.ownsAccount(user, owner)) return unsupportedRequest(method, path);
    if (method === 'GET') return this.objects.read(node, params);
    if (method !== 'POST') return unsupportedRequest(method, path);
    if (!record.scopes.includes('ads_management')) return graphError({ message: '(#200) Requires ads_management permission to manage the object', code: 200 });
    return this.objects.update(node, params);
  }

  /** A page access token reaches the page itself and its lead forms, while the user who got it still has a live session. */
  private asPage(method: string, version: string, path: string, params: Params, owner: SimMetaPageToken): SimAnswer {
    const sessions = (this.issued.get(owner.userId) ?? []).map((token) => this.tokenRecord(token)!);
    if (!sessions.some((record) => this.isLive(record))) return tokenError(sessions.some((record) => record.state === 'revoked') ? 458 : 463);
    if (params.appsecret_proof !== this.proofOf(params.access_token)) {
      return graphError({ message: 'Invalid appsecret_proof provided in the API argument', code: 100, type: 'GraphMethodException' });
    }
    const page = this.pages.page(owner.userId, owner.pageId);
    if (!page) return tokenError(467);
    if (method === 'GET' && path === '/me') return ok({ id: page.id, name: page.name });
    if (method === 'GET' && path === `/${page.id}/leadgen_forms`) return this.paged(this.pages.leadForms(page.id, params), version, path, params);
    if (method === 'POST' && path === `/${page.id}/leadgen_forms`) {
      const answer = this.created.leadForm(page.id, page.tasks, params);
      const form = this.created.leadForms.at(-1);
      if (this.options.listCreatedObjects && answer.status === 200 && form) this.pages.addForm(page.id, createdLeadFormRow(form, new Date()));
      return answer;
    }
    return unsupportedRequest(method, path);
  }

  /** A launch the launch store accepted, mirrored into the account's objects so that reads see it. */
  private listLaunched(method: string, path: string, answer: SimAnswer): void {
    const createdId = (answer.body as { id?: unknown } | null)?.id;
    const id = typeof createdId === 'string' ? createdId : /^\/(\d+)$/.exec(path)?.[1];
    const object = id === undefined ? undefined : this.launches.object(id);
    if (!object) return;
    if (method === 'POST' && typeof createdId === 'string') {
      const { kind, row } = launchedRow(object, (parentId) => this.launches.object(parentId), new Date());
      this.objects.add(object.accountId, kind, row);
    } else {
      this.objects.setStatus(object.id, object.status, new Date());
    }
  }

  private ownsAccount(user: SimMetaUser, accountId: string): boolean {
    return user.adAccounts.some((account) => account.account_id === accountId);
  }

  private paged(rows: SimRow[] | SimAnswer, version: string, path: string, params: Params): SimAnswer {
    if (!Array.isArray(rows)) return rows;
    return pageOf(rows, { query: params, maxPageSize: this.pageSize, nextUrl: (after) => this.nextUrl(version, path, params, after) });
  }

  private accessToken(params: Params): SimAnswer {
    if (params.client_id !== this.options.appId) return graphError({ message: 'Error validating application. Invalid application ID.', code: 101 });
    if (params.client_secret !== this.options.appSecret) return graphError({ message: 'Error validating client secret.', code: 1 });
    if (params.grant_type === 'fb_exchange_token') {
      const record = this.tokenRecord(params.fb_exchange_token ?? '');
      if (!record) return tokenError(467);
      if (!this.isLive(record)) return tokenError(record.state === 'revoked' ? 458 : 463);
      return this.issue(record.userId, record.scopes, LONG_TOKEN_SECONDS);
    }
    if (params.grant_type === 'client_credentials') return ok({ access_token: this.appToken, token_type: 'bearer' });
    if (params.grant_type !== undefined) return invalidParameter(`Unsupported grant_type: ${params.grant_type}`);

    if (!params.redirect_uri) return invalidParameter('Missing redirect_uri parameter.');
    const code = this.codes.get(params.code ?? '');
    if (!code) return graphError({ message: 'Invalid verification code format.', code: 100 });
    if (code.used) return graphError({ message: 'This authorization code has been used.', code: 100 });
    if (code.expiresAt < Date.now()) return graphError({ message: 'This authorization code has expired.', code: 100 });
    if (code.redirectUri !== params.redirect_uri) {
      return graphError({ message: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', code: 100 });
    }
    code.used = true;
    return this.issue(code.userId, code.scopes, SHORT_TOKEN_SECONDS);
  }

  private debugToken(params: Params): SimAnswer {
    if (!params.access_token) {
      return graphError({ message: '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app', code: 100 });
    }
    if (params.access_token !== this.appToken) return graphError({ message: 'Invalid OAuth access token signature.', code: 190 });
    if (!params.input_token) return invalidParameter('The parameter input_token is required');
    const record = this.tokenRecord(params.input_token);
    if (!record) return ok({ data: { is_valid: false, scopes: [], error: { code: 190, message: 'Invalid OAuth access token.' } } });
    const live = this.isLive(record);
    return ok({
      data: {
        app_id: this.options.appId,
        type: 'USER',
        application: 'Adlyft Simulated Meta',
        data_access_expires_at: unix(record.issuedAt) + DATA_ACCESS_SECONDS,
        expires_at: unix(record.expiresAt),
        is_valid: live,
        issued_at: unix(record.issuedAt),
        scopes: record.scopes,
        user_id: record.userId,
        ...(live ? {} : { error: { code: 190, subcode: record.state === 'revoked' ? 458 : 463, message: 'Error validating access token.' } }),
      },
    });
  }

  private adAccounts(user: SimMetaUser, version: string, path: string, params: Params): SimAnswer {
    const fields = new Set((params.fields ?? 'id').split(',').map((field) => field.trim()));
    return pageOf(user.adAccounts, {
      query: params,
      maxPageSize: this.pageSize,
      nextUrl: (after) => this.nextUrl(version, path, params, after),
      visible: (account) => account.hidden !== true,
      render: ({ hidden: _hidden, ...account }) =>
        Object.fromEntries(Object.entries({ id: `act_${account.account_id}`, ...account }).filter(([key]) => key === 'id' || fields.has(key))),
    });
  }

  private accountInsights(user: SimMetaUser, accountId: string, version: string, path: string, params: Params): SimAnswer {
    const account = user.adAccounts.find((candidate) => candidate.account_id === accountId);
    if (!account) return unsupportedRequest('GET', path);
    const modelled = this.reportRuns.syncInsights(accountId, path, params, this.reportContext(user, version));
    if (modelled) return modelled;
    return this.paged(insightsRows(this.insights.get(accountId) ?? [], params, account.currency), version, path, params);
  }

  private reportContext(user: SimMetaUser, version: string): SimReportContext {
    return {
      userId: user.id,
      ownsAccount: (id) => this.ownsAccount(user, id),
      currencyOf: (id) => user.adAccounts.find((account) => account.account_id === id)?.currency ?? 'USD',
      cannedRows: (id) => this.insights.get(id) ?? [],
      pageSize: this.pageSize,
      nextUrl: (path, params, after) => this.nextUrl(version, path, params, after),
    };
  }

  private revoke(user: SimMetaUser): SimAnswer {
    for (const token of this.issued.get(user.id) ?? []) this.tokenRecord(token)!.state = 'revoked';
    this.revocations++;
    return ok({ success: true });
  }

  /** Like Meta, `next` repeats the request's parameters, access_token included. */
  private nextUrl(version: string, path: string, params: Params, after: string): string {
    const url = this.pagingOrigin ? new URL(`/${version}${path}`, this.pagingOrigin) : new URL(`${this.url}/${version}${path}`);
    for (const [key, value] of Object.entries(params)) if (key !== 'appsecret_proof' && key !== 'after') url.searchParams.set(key, value);
    url.searchParams.set('after', after);
    return url.toString();
  }

  private issue(userId: string, scopes: string[], lifetimeSeconds: number): SimAnswer {
    const now = Date.now();
    const record: SimMetaTokenRecord = { userId, scopes, issuedAt: now, expiresAt: now + lifetimeSeconds * 1000, state: 'valid' };
    const token = this.options.tokenCodec?.mint(record) ?? `${this.options.tokenPrefix}EAA${randomBytes(30).toString('base64url')}`;
    this.tokens.set(token, record);
    this.issued.set(userId, [...(this.issued.get(userId) ?? []), token]);
    return ok({ access_token: token, token_type: 'bearer', expires_in: lifetimeSeconds });
  }

  /** A token this platform issued, also one minted before a restart when tokens carry their own record. */
  private tokenRecord(token: string): SimMetaTokenRecord | undefined {
    const known = this.tokens.get(token);
    if (known || !this.options.tokenCodec) return known;
    const record = this.options.tokenCodec.read(token);
    if (!record || !this.users.has(record.userId)) return undefined;
    this.tokens.set(token, record);
    this.issued.set(record.userId, [...(this.issued.get(record.userId) ?? []), token]);
    return record;
  }

  private proofOf(token: string): string {
    return createHmac('sha256', this.options.appSecret).update(token).digest('hex');
  }

  private isLive(record: SimMetaTokenRecord): boolean {
    return record.state === 'valid' && record.expiresAt > Date.now();
  }
}
