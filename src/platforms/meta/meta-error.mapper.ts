import { PlatformError, PlatformErrorDetails } from '../platform-error';
import { metaWaitSeconds, parseMetaUsage } from './meta-usage';

/** The `error` object of a Graph API error envelope. */
export interface MetaGraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
  is_transient?: boolean;
}

export type MetaResponseHeaders = Record<string, string | undefined>;

const DEFAULT_RETRY_AFTER_SECONDS = 60;
const THROTTLING_CODES = new Set([4, 17, 32, 613]);
const AUTH_CODES = new Set([190, 102]);
const BAD_REQUEST_CODES = new Set([100, 2500]);
const TRANSIENT_CODES = new Set([1, 2]);

/** Meta's throttling codes (platform-apis.md A7): app, user/ad-account, pages, custom, business use cases. */
export function isMetaThrottlingCode(code: number): boolean {
  return THROTTLING_CODES.has(code) || (code >= 80000 && code <= 80014);
}

function isPermission(code: number): boolean {
  return code === 10 || (code >= 200 && code <= 299);
}

function graphError(body: unknown): MetaGraphErrorBody | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  return error && typeof error === 'object' ? (error as MetaGraphErrorBody) : undefined;
}

function retryAfterSeconds(headers: MetaResponseHeaders | undefined): number {
  return metaWaitSeconds(parseMetaUsage(headers)) ?? DEFAULT_RETRY_AFTER_SECONDS;
}

function detailsOf(error: MetaGraphErrorBody | undefined): PlatformErrorDetails {
  const details: PlatformErrorDetails = { platform: 'meta' };
  if (error?.code !== undefined) details.platformCode = error.code;
  if (error?.error_subcode !== undefined) details.platformSubcode = error.error_subcode;
  if (error?.message !== undefined) details.platformMessage = error.message;
  if (error?.fbtrace_id !== undefined) details.traceId = error.fbtrace_id;
  return details;
}

/**
 * Turns a failed Graph API answer (or a failure with no answer at all: `status` and `body` undefined) into our
 * error. Pure: no I/O, no clock.
 */
export function mapMetaError(status: number | undefined, body: unknown, headers?: MetaResponseHeaders): PlatformError {
  const error = graphError(body);
  const details = detailsOf(error);
  const code = typeof error?.code === 'number' ? error.code : Number(error?.code);

  if (status === undefined && body === undefined) {
    return PlatformError.failed('Meta could not be reached (network error or timeout)', details, true);
  }
  if (AUTH_CODES.has(code)) {
    return PlatformError.authExpired('The Meta access token expired or was revoked; connect the Meta account again', details);
  }
  if (isMetaThrottlingCode(code)) {
    const seconds = retryAfterSeconds(headers);
    return PlatformError.rateLimited(`Meta rate limit reached; retry in ${seconds} seconds`, { ...details, retryAfterSeconds: seconds });
  }
  if (TRANSIENT_CODES.has(code) || error?.is_transient === true) {
    return PlatformError.failed('Meta is temporarily unavailable; retry later', details, true);
  }
  if (BAD_REQUEST_CODES.has(code)) {
    return PlatformError.badRequest(error?.error_user_msg ?? error?.message ?? 'Meta rejected a parameter', details);
  }
  if (isPermission(code)) {
    return PlatformError.failed('Meta denied permission for this request: the connected user lacks a permission or role on this object', details);
  }
  if (status !== undefined && status >= 500) {
    return PlatformError.failed(`Meta answered with HTTP ${status}`, details, true);
  }
  const what = error?.message ?? (status !== undefined ? `HTTP ${status}` : 'an unreadable answer');
  return PlatformError.failed(`Meta request failed: ${what}`, details);
}
