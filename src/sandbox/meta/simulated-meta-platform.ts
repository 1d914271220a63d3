import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { deprecatedVersion, SimAnswer, SimMetaFailure, graphError, injectedFailure, tokenError, unsupportedRequest } from './meta-sim-errors';
import { metaConsentDialog } from './meta-sim-consent';
import { SimMetaCallControls } from './meta-sim-controls';
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
import { SimMetaTokenCodec, SimMetaTokenStore } from './meta-sim-tokens';
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
export type { SimMetaTokenCodec, SimMetaTokenRecord } from './meta-sim-tokens';

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

type Params = Record<string, string>;

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

const ok = (body: unknown): SimAnswer => ({ status: 200, body });

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
  private readonly insights = new Map<string, Array<Record<string, unknown>>>();
  private readonly objects = new SimMetaObjectStore();
  private readonly pages: SimMetaPageStore;
  private readonly searchResults = new SimMetaSearchStore();
  private readonly controls = new SimMetaCallControls();
  private readonly tokens: SimMetaTokenStore;
  private consentUserId: string | undefined;

  /** Where the platform is reached (no trailing slash). */
  readonly url: string;
  private readonly options: SimulatedMetaPlatformOptions;

  constructor(
    options: SimulatedMetaPlatformOptions,
    private readonly server?: Server,
  ) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.url = this.options.baseUrl;
    this.pageSize = options.pageSize;
    this.pages = new SimMetaPageStore(options.tokenPrefix);
    this.tokens = new SimMetaTokenStore(this.options, (userId) => this.users.has(userId));
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
    this.tokens.expireAll();
  }

  failNext(kind: SimMetaFailure, times = 1): void {
    this.controls.failNext(kind, times);
  }

  failAtCall(n: number, kind: SimMetaFailure): void {
    this.controls.failAtCall(n, kind);
  }

  /** The `n`th Graph call from now does not answer until `releaseHold()` (a worker stuck mid-import). */
  holdAtCall(n: number): void {
    this.controls.holdAtCall(n);
  }

  /** Resolves once the held call has arrived. */
  heldCallReached(): Promise<void> {
    return this.controls.heldCallReached();
  }

  releaseHold(): void {
    this.controls.releaseHold();
  }

  callsTo(pathSuffix: string): number {
    return this.calls.filter((call) => call.path.endsWith(pathSuffix)).length;
  }

  revokedTokens(): number {
    return this.tokens.revokedCount();
  }

  accessTokenOf(userId: string): string[] {
    return this.tokens.issuedTo(userId);
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
    return metaConsentDialog(method, params, action, {
      appId: this.options.appId,
      user: this.consentUserId ? this.users.get(this.consentUserId) : undefined,
      denyConsent: this.denyConsent,
      consentNotice: this.consentNotice,
      issueCode: (userId, redirectUri, scopes) => this.tokens.issueCode(userId, redirectUri, scopes),
    });
  }

  private async answer(method: string, pathname: string, params: Params): Promise<SimAnswer> {
    const match = /^\/(v\d+\.\d+)(\/.*)?$/.exec(pathname);
    // An unversioned call resolves to an old, retired version at Meta, so it fails the same way.
    if (!match || !META_SIM_VERSIONS.includes(match[1])) return deprecatedVersion();
    const [, version, path = '/'] = match;
    if ((method === 'GET' || method === 'POST') && path === '/dialog/oauth') return this.consentDialog(method, params, `/${version}/dialog/oauth`);

    const failure = await this.controls.nextCall();
    if (this.slowMs > 0) await sleep(this.slowMs);
    if (failure) return injectedFailure(failure, this.regainAccessMinutes, /^\/act_(\d+)/.exec(path)?.[1] ?? '0');
    const answer = this.graph(method, version, path, params);
    if (answer.status === 200) answer.headers = { ...answer.headers, ...usageHeaders(this.usage, path) };
    return answer;
  }

  private graph(method: string, version: string, path: string, params: Params): SimAnswer {
    if (method === 'GET' && path === '/oauth/access_token') return this.tokens.accessToken(params);
    if (method === 'GET' && path === '/debug_token') return this.tokens.debugToken(params);

    const token = params.access_token;
    if (!token) return graphError({ message: 'An access token is required to request this resource.', code: 104 });
    const page = this.pages.owner(token);
    if (page) return this.asPage(method, version, path, params, page);
    const record = this.tokens.record(token);
    if (!record) return tokenError(467);
    if (!this.tokens.isLive(record)) return tokenError(record.state === 'revoked' ? 458 : 463);
    if (params.appsecret_proof !== this.tokens.proofOf(token)) return graphError({ message: 'Invalid appsecret_proof provided in the API argument', code: 100, type: 'GraphMethodException' });
    const user = this.users.get(record.userId)!;

    if (method === 'GET' && path === '/me') return ok({ id: user.id, name: user.name });
    if (method === 'GET' && path === '/me/adaccounts') return this.adAccounts(user, version, path, params);
    if (method === 'DELETE' && path === '/me/permissions') return this.tokens.revoke(user.id);
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
    const sessions = this.tokens.issuedTo(owner.userId).map((token) => this.tokens.record(token)!);
    if (!sessions.some((record) => this.tokens.isLive(record))) return tokenError(sessions.some((record) => record.state === 'revoked') ? 458 : 463);
    if (params.appsecret_proof !== this.tokens.proofOf(params.access_token)) {
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

  /** Like Meta, `next` repeats the request's parameters, access_token included. */
  private nextUrl(version: string, path: string, params: Params, after: string): string {
    const url = this.pagingOrigin ? new URL(`/${version}${path}`, this.pagingOrigin) : new URL(`${this.url}/${version}${path}`);
    for (const [key, value] of Object.entries(params)) if (key !== 'appsecret_proof' && key !== 'after') url.searchParams.set(key, value);
    url.searchParams.set('after', after);
    return url.toString();
  }
}
