import { Injectable, Optional } from '@nestjs/common';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../../config/app-config';
import { ErrorCode } from '../../common/error-code';
import { countPlatformCall } from '../../usage/usage-scope';
import { GoogleEndpoints, PlatformEndpoints } from '../platform-endpoints.service';
import { PlatformError } from '../platform-error';
import { normalizeGoogleCustomerId } from './google-customer.mapper';
import { mapGoogleAdsError } from './google-error.mapper';

/** One REST GoogleAdsRow: lowerCamelCase resources (`customer`, `metrics`, `segments`, …), int64 as strings. */
export type GoogleAdsRow = Partial<Record<string, Record<string, unknown>>>;

export interface GoogleAdsCallOptions {
  /** The manager to act through (`login-customer-id`); falls back to GOOGLE_ADS_LOGIN_CUSTOMER_ID. */
  loginCustomerId?: string | null;
}

interface SearchPage<T> {
  results?: T[];
  nextPageToken?: string;
  totalResultsCount?: string;
}

export interface GoogleAdsPageOptions extends GoogleAdsCallOptions {
  /** The `nextPageToken` of the previous page of the same query. */
  pageToken?: string;
  /** Ask Google for the number of rows of the whole query (costs a little more; ask on the first page only). */
  totalCount?: boolean;
}

/** One page of a GAQL search. */
export interface GoogleAdsPage<T> {
  rows: T[];
  nextPageToken?: string;
  totalResultsCount?: number;
}

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 150;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Retried: Google was unreachable or failed on its side. Never quota, auth, permission or request errors. */
const isRetryable = (error: unknown) => error instanceof PlatformError && error.transient && error.code === ErrorCode.PLATFORM_ERROR;

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
const backoffMs = (attempt: number) => {
  const step = BASE_DELAY_MS * 2 ** (attempt - 1);
  return step / 2 + Math.random() * (step / 2);
};

/** The Google Ads REST API (reads only). Every failure surfaces as a PlatformError from the mapper. */
@Injectable()
export class GoogleAdsClient {
  private readonly http: AxiosInstance;
  private readonly endpoints: PlatformEndpoints;

  constructor(
    config: AppConfig,
    @Optional() endpoints?: PlatformEndpoints,
  ) {
    // Without the app's routing (a unit test), every call is live: a sandbox tenant's call then fails, never leaks.
    this.endpoints = endpoints ?? new PlatformEndpoints(config);
    this.http = axios.create({
      timeout: config.platformHttpTimeoutMs,
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  /** The 10-digit ids of the customers the user can reach directly (not those under a manager). */
  async listAccessibleCustomers(accessToken: string): Promise<string[]> {
    const body = await this.call<{ resourceNames?: unknown }>('GET', '/customers:listAccessibleCustomers', accessToken);
    const names = Array.isArray(body.resourceNames) ? body.resourceNames : [];
    return names.flatMap((name) => {
      const match = typeof name === 'string' ? /^customers\/(\d{10})$/.exec(name) : null;
      return match ? [match[1]] : [];
    });
  }

  /**
   * Runs a GAQL query to the last page. Pages have a fixed size on Google's side (pageSize is refused since v17).
   * USER_PERMISSION_DENIED is not retried through a manager here: only the caller knows which manager applies.
   */
  async search<T = GoogleAdsRow>(accessToken: string, customerId: string, query: string, options: GoogleAdsCallOptions = {}): Promise<T[]> {
    const url = `/customers/${normalizeGoogleCustomerId(customerId)}/googleAds:search`;
    const rows: T[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call<SearchPage<T>>('POST', url, accessToken, options.loginCustomerId, pageToken ? { query, pageToken } : { query });
      if (Array.isArray(page.results)) rows.push(...page.results);
      pageToken = typeof page.nextPageToken === 'string' && page.nextPageToken ? page.nextPageToken : undefined;
    } while (pageToken);
    return rows;
  }

  /** One page of a GAQL search, for callers that stream and checkpoint page by page instead of holding every row. */
  async searchPage<T = GoogleAdsRow>(accessToken: string, customerId: string, query: string, options: GoogleAdsPageOptions = {}): Promise<GoogleAdsPage<T>> {
    const url = `/customers/${normalizeGoogleCustomerId(customerId)}/googleAds:search`;
    const body = {
      query,
      ...(options.pageToken ? { pageToken: options.pageToken } : {}),
      ...(options.totalCount ? { searchSettings: { returnTotalResultsCount: true } } : {}),
    };
    const page = await this.call<SearchPage<T>>('POST', url, accessToken, options.loginCustomerId, body);
    const total = Number(page.totalResultsCount);
    return {
      rows: Array.isArray(page.results) ? page.results : [],
      ...(typeof page.nextPageToken === 'string' && page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
      ...(page.totalResultsCount !== undefined && Number.isSafeInteger(total) ? { totalResultsCount: total } : {}),
    };
  }

  private headers(endpoints: GoogleEndpoints, accessToken: string, loginCustomerId: string | null | undefined): Record<string, string> {
    this.endpoints.assertTokenFits(endpoints.environment, accessToken);
    const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json' };
    const { developerToken } = endpoints;
    if (developerToken) headers['developer-token'] = developerToken;
    const manager = loginCustomerId ?? endpoints.loginCustomerId;
    if (manager) headers['login-customer-id'] = normalizeGoogleCustomerId(manager);
    return headers;
  }

  private async call<T>(method: 'GET' | 'POST', url: string, accessToken: string, loginCustomerId?: string | null, data?: unknown): Promise<T> {
    const endpoints = this.endpoints.google();
    const headers = this.headers(endpoints, accessToken, loginCustomerId);
    const absolute = `${endpoints.adsApiUrl}/${endpoints.adsApiVersion}${url}`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(method, absolute, headers, data);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await sleep(backoffMs(attempt));
      }
    }
  }

  private async once<T>(method: 'GET' | 'POST', url: string, headers: Record<string, string>, data: unknown): Promise<T> {
    let response: AxiosResponse<unknown>;
    try {
      countPlatformCall('google');
      response = await this.http.request<unknown>({ method, url, headers, data });
    } catch {
      // The axios error holds our request headers (the bearer token): it must not travel further.
      throw mapGoogleAdsError(undefined, undefined);
    }
    if (response.status >= 200 && response.status < 300 && isRecord(response.data)) return response.data as T;
    throw mapGoogleAdsError(response.status, response.data, response.headers);
  }
}
