import { Injectable, Optional } from '@nestjs/common';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { ErrorCode } from '../../common/error-code';
import { countPlatformCall } from '../../usage/usage-scope';
import { MetaEndpoints, PlatformEndpoints } from '../platform-endpoints.service';
import { PlatformError } from '../platform-error';
import { mapMetaError, MetaResponseHeaders } from './meta-error.mapper';
import { MetaThrottle } from './meta-throttle';

export type GraphParamValue = string | number | boolean | object | null | undefined;
export type GraphParams = Record<string, GraphParamValue>;

export interface GraphPage<T> {
  data?: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}

export interface GraphEdgePage<T> {
  data: T[];
  /** Cursor of the next page; undefined on the last one. */
  after?: string;
  summary?: Record<string, unknown>;
}

export interface PaginateOptions {
  /** Stop after this many pages (a safety cap, not a page size). */
  maxPages?: number;
}

type Method = 'GET' | 'POST' | 'DELETE';

interface GraphRequest {
  method: Method;
  /** Where this call goes (the tenant's environment), decided once when the request is built. */
  endpoints: MetaEndpoints;
  /** A path under the versioned base URL, or an absolute URL on the Graph origin of `endpoints`. */
  url: string;
  query: URLSearchParams;
  form?: URLSearchParams;
  /** Values that must never reach an error message. */
  secrets: string[];
}

const MAX_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 150;
const DEFAULT_MAX_PAGES = 1000;
/** Parameters of app-credential calls whose values are credentials themselves. */
const CREDENTIAL_PARAMS = ['client_secret', 'access_token', 'input_token', 'fb_exchange_token', 'code'];

function toSearchParams(params: GraphParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return out;
}

function headerRecord(headers: unknown): MetaResponseHeaders {
  const out: MetaResponseHeaders = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value === undefined || value === null || typeof value === 'function') continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Meta echoes some input in messages; make sure no token or secret survives into our error. */
function redact(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return secrets.reduce((text, secret) => (secret ? text.split(secret).join('[redacted]') : text), value);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, secrets)]));
  }
  return value;
}

function isSuccess(response: AxiosResponse): boolean {
  const body: unknown = response.data;
  const hasError = !!body && typeof body === 'object' && 'error' in body;
  return response.status >= 200 && response.status < 300 && !hasError;
}

function backoffMs(attempt: number): number {
  const base = BACKOFF_BASE_MS * 2 ** (attempt - 1);
  return base + Math.floor(Math.random() * base);
}

/**
 * Graph API transport: versioned base URL, appsecret_proof on every user-token call, error mapping, retries, and
 * pacing by Meta's usage headers (`MetaThrottle`).
 */
@Injectable()
export class MetaGraphClient {
  private readonly http: AxiosInstance;
  private readonly throttle: MetaThrottle;
  private readonly endpoints: PlatformEndpoints;

  constructor(
    config: AppConfig,
    @Optional() throttle?: MetaThrottle,
    @Optional() endpoints?: PlatformEndpoints,
  ) {
    this.throttle = throttle ?? new MetaThrottle();
    // Without the app's routing (a unit test), every call is live: a sandbox tenant's call then fails, never leaks.
    this.endpoints = endpoints ?? new PlatformEndpoints(config);
    this.http = axios.create({
      timeout: config.platformHttpTimeoutMs,
      validateStatus: () => true,
      // A redirect could carry the token to another host.
      maxRedirects: 0,
    });
  }

  async get<T>(path: string, params: GraphParams, accessToken: string): Promise<T> {
    return this.send<T>(this.userRequest('GET', path, toSearchParams(params), accessToken));
  }

  async post<T>(path: string, params: GraphParams, accessToken: string): Promise<T> {
    // Form-encoded body, credentials included, like the SDKs send it.
    const request = this.userRequest('POST', path, toSearchParams(params), accessToken);
    return this.send<T>({ ...request, query: new URLSearchParams(), form: request.query });
  }

  async delete<T>(path: string, params: GraphParams, accessToken: string): Promise<T> {
    return this.send<T>(this.userRequest('DELETE', path, toSearchParams(params), accessToken));
  }

  /** A GET that carries its own client credentials (code exchange, app token): no user token, no proof. */
  async getWithAppCredentials<T>(path: string, params: GraphParams): Promise<T> {
    const endpoints = this.endpoints.meta();
    const app = this.credentials(endpoints);
    for (const key of ['input_token', 'fb_exchange_token']) {
      const token = params[key];
      if (typeof token === 'string') this.endpoints.assertTokenFits(endpoints.environment, token);
    }
    const secrets = CREDENTIAL_PARAMS.map((key) => params[key]).filter((value): value is string => typeof value === 'string');
    return this.send<T>({ method: 'GET', endpoints, url: path, query: toSearchParams(params), secrets: [app.clientSecret, ...secrets] });
  }

  /** Every `data` item of an edge, following `paging.next` until Meta stops sending it. */
  async paginate<T>(path: string, params: GraphParams, accessToken: string, options: PaginateOptions = {}): Promise<T[]> {
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    const items: T[] = [];
    let request = this.userRequest('GET', path, toSearchParams(params), accessToken);
    for (let page = 1; ; page++) {
      const body = await this.send<GraphPage<T>>(request);
      if (Array.isArray(body?.data)) items.push(...body.data);
      // A short or even empty page does not mean the end (Meta filters pages for privacy); only a missing `next` does.
      const next = body?.paging?.next;
      if (!next || page >= maxPages) return items;
      request = this.nextPageRequest(request.endpoints, path, params, accessToken, next, body.paging?.cursors?.after);
    }
  }

  /**
   * One page of an edge, from the start or after a cursor: its items, the cursor of the next page (undefined on the
   * last page) and the body's `summary` when asked for. For callers that stream and checkpoint page by page.
   */
  async page<T>(path: string, params: GraphParams, accessToken: string, after?: string): Promise<GraphEdgePage<T>> {
    const body = await this.get<GraphPage<T> & { summary?: Record<string, unknown> }>(path, after === undefined ? params : { ...params, after }, accessToken);
    const data = Array.isArray(body?.data) ? body.data : [];
    const next = body?.paging?.next;
    if (!next) return { data, summary: body?.summary };
    let cursor = body.paging?.cursors?.after;
    if (!cursor) {
      try {
        cursor = new URL(next).searchParams.get('after') ?? undefined;
      } catch {
        cursor = undefined;
      }
    }
    if (!cursor) throw PlatformError.failed('Meta returned a next page that cannot be followed', { platform: 'meta' });
    return { data, after: cursor, summary: body?.summary };
  }

  private nextPageRequest(endpoints: MetaEndpoints, path: string, params: GraphParams, accessToken: string, next: string, after: string | undefined): GraphRequest {
    let nextUrl: URL | undefined;
    try {
      nextUrl = new URL(next);
    } catch {
      nextUrl = undefined;
    }
    // Below the base URL, not merely on its origin: every sandbox tenant's world shares the simulator's origin.
    if (nextUrl && `${nextUrl.origin}${nextUrl.pathname}`.startsWith(`${endpoints.graphUrl}/`)) {
      const query = new URLSearchParams(nextUrl.search);
      query.delete('access_token');
      query.delete('appsecret_proof');
      return this.userRequest('GET', `${nextUrl.origin}${nextUrl.pathname}`, query, accessToken);
    }
    // Never send the token to another origin: ask our configured host for the page after the cursor instead.
    const cursor = after ?? nextUrl?.searchParams.get('after') ?? undefined;
    if (!cursor) throw PlatformError.failed('Meta returned a next page that cannot be followed', { platform: 'meta' });
    return this.userRequest('GET', path, toSearchParams({ ...params, after: cursor }), accessToken);
  }

  private userRequest(method: Method, url: string, query: URLSearchParams, accessToken: string): GraphRequest {
    const endpoints = this.endpoints.meta();
    const app = this.credentials(endpoints);
    this.endpoints.assertTokenFits(endpoints.environment, accessToken);
    query.set('access_token', accessToken);
    query.set('appsecret_proof', createHmac('sha256', app.clientSecret).update(accessToken).digest('hex'));
    return { method, endpoints, url, query, secrets: [accessToken, app.clientSecret] };
  }

  private credentials(endpoints: MetaEndpoints) {
    const app = endpoints.app;
    if (!app) throw PlatformError.failed('Meta is not configured on this server (META_APP_ID and META_APP_SECRET)', { platform: 'meta' });
    return app;
  }

  private async send<T>(request: GraphRequest): Promise<T> {
    const keys = MetaThrottle.keysFor(request.url);
    let throttleRetries = 0;
    let throttleWaitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      await this.throttle.beforeCall(keys);
      let response: AxiosResponse | undefined;
      try {
        countPlatformCall('meta');
        const url = /^https?:\/\//.test(request.url) ? request.url : `${request.endpoints.graphUrl}/${request.endpoints.apiVersion}${request.url}`;
        response = await this.http.request({ method: request.method, url, params: request.query, data: request.form });
      } catch {
        // The axios error holds the request URL with the token: drop it, keep only the fact that there was no answer.
        response = undefined;
      }
      const headers = response ? headerRecord(response.headers) : undefined;
      if (response && isSuccess(response)) {
        this.throttle.observe(keys, headers);
        return response.data as T;
      }

      const error = response ? mapMetaError(response.status, redact(response.data, request.secrets), headers) : mapMetaError(undefined, undefined);
      if (error.code === ErrorCode.PLATFORM_RATE_LIMITED) {
        // Meta refused the call without doing it, so a POST is as safe to retry as a GET; only short waits are waited for.
        const waitMs = this.throttle.planRetry(keys, error.platformDetails.retryAfterSeconds, ++throttleRetries, throttleWaitedMs);
        if (waitMs === undefined) throw error;
        throttleWaitedMs += waitMs;
        await this.throttle.sleep(waitMs);
        continue;
      }
      if (response) this.throttle.observe(keys, headers);
      if (attempt - throttleRetries >= MAX_ATTEMPTS || !this.retryable(error, request.method, response === undefined)) throw error;
      await this.throttle.sleep(backoffMs(attempt - throttleRetries));
    }
  }

  /**
   * Transient failures; rate limits are handled apart (short waits only: calls made while throttled extend the block).
   * A POST that failed transiently may still have created its object at Meta, and a retry would make a second one
   * that no rollback knows about, so only reads and deletes (idempotent) are retried.
   */
  private retryable(error: PlatformError, method: Method, noAnswer: boolean): boolean {
    if (!error.transient || error.code === ErrorCode.PLATFORM_RATE_LIMITED) return false;
    if (method === 'POST') return false;
    return noAnswer ? method === 'GET' : true;
  }
}
