import { PlatformError, PlatformErrorDetails } from '../platform-error';

/** One entry of a GoogleAdsFailure, reduced to what the mapping needs. */
interface GoogleAdsFailureEntry {
  family?: string;
  value?: string;
  message?: string;
  retryDelay?: string;
}

interface ParsedGoogleError {
  code?: number;
  status?: string;
  message?: string;
  failure?: GoogleAdsFailureEntry;
  requestId?: string;
}

const DEFAULT_RETRY_AFTER_SECONDS = 30;
const RATE_LIMIT_QUOTA_ERRORS = new Set(['RESOURCE_EXHAUSTED', 'RESOURCE_TEMPORARILY_EXHAUSTED']);
const TRANSIENT_STATUSES = new Set(['UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'UNKNOWN', 'ABORTED']);
/**
 * authenticationError values about the app's setup or the request, not the user's token: marking the connection
 * expired would send the user through a consent that cannot fix them.
 */
const NOT_USER_AUTHENTICATION_ERRORS = new Set(['DEVELOPER_TOKEN_INVALID', 'OAUTH_TOKEN_HEADER_INVALID', 'CLIENT_CUSTOMER_ID_INVALID', 'CUSTOMER_NOT_FOUND']);
/** errorCode families in the order they decide the outcome when a failure carries several errors. */
const FAMILY_PRIORITY = ['authenticationError', 'quotaError', 'authorizationError'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

function failureEntry(raw: unknown): GoogleAdsFailureEntry {
  if (!isRecord(raw)) return {};
  const [family, value] = isRecord(raw.errorCode) ? (Object.entries(raw.errorCode)[0] ?? []) : [];
  const quota = isRecord(raw.details) && isRecord(raw.details.quotaErrorDetails) ? raw.details.quotaErrorDetails : undefined;
  return { family: text(family), value: text(value), message: text(raw.message), retryDelay: text(quota?.retryDelay) };
}

function parse(body: unknown): ParsedGoogleError {
  // searchStream wraps its error in an array: [{error: …}]
  const envelope = Array.isArray(body) ? body.find((item) => isRecord(item) && isRecord(item.error)) : body;
  if (!isRecord(envelope) || !isRecord(envelope.error)) return {};
  const error = envelope.error;
  const details = Array.isArray(error.details) ? error.details : [];
  const failure = details.find((item) => isRecord(item) && typeof item['@type'] === 'string' && item['@type'].endsWith('.GoogleAdsFailure'));
  const entries = isRecord(failure) && Array.isArray(failure.errors) ? failure.errors.map(failureEntry) : [];
  const decisive = FAMILY_PRIORITY.map((family) => entries.find((entry) => entry.family === family)).find(Boolean) ?? entries[0];
  return {
    code: typeof error.code === 'number' ? error.code : undefined,
    status: text(error.status),
    message: text(error.message),
    failure: decisive,
    requestId: isRecord(failure) ? text(failure.requestId) : undefined,
  };
}

const compact = (details: PlatformErrorDetails): PlatformErrorDetails =>
  Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as unknown as PlatformErrorDetails;

function header(headers: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return text(Array.isArray(value) ? value[0] : value);
}

/** Google sends durations as "37s" or "1.5s"; Retry-After (seconds) is the fallback. */
function retryAfterSeconds(retryDelay: string | undefined, retryAfterHeader: string | undefined): number {
  const delay = retryDelay?.match(/^(\d+(?:\.\d+)?)s$/);
  if (delay) return Number(delay[1]);
  const fromHeader = Number(retryAfterHeader);
  return Number.isFinite(fromHeader) && fromHeader > 0 ? fromHeader : DEFAULT_RETRY_AFTER_SECONDS;
}

/**
 * Turns a Google Ads REST failure into a PlatformError. `status` is undefined when no HTTP answer arrived (network
 * failure or timeout). `platformSubcode` carries the errorCode family (`authorizationError`, …) so callers can tell
 * an authorization refusal from other failures without parsing messages.
 */
export function mapGoogleAdsError(status: number | undefined, body: unknown, headers?: Readonly<Record<string, unknown>>): PlatformError {
  if (status === undefined && body === undefined) {
    return PlatformError.failed('Google Ads could not be reached', { platform: 'google' }, true);
  }
  const parsed = parse(body);
  const httpStatus = status ?? parsed.code;
  const family = parsed.failure?.family ?? (parsed.status === 'PERMISSION_DENIED' || httpStatus === 403 ? 'authorizationError' : undefined);
  const value = parsed.failure?.value;
  const details = compact({
    platform: 'google',
    platformCode: value ?? parsed.status ?? (httpStatus !== undefined ? String(httpStatus) : undefined),
    platformSubcode: family,
    platformMessage: parsed.failure?.message ?? parsed.message,
    traceId: parsed.requestId ?? header(headers, 'request-id'),
  });
  if ((family === 'quotaError' && RATE_LIMIT_QUOTA_ERRORS.has(value ?? '')) || parsed.status === 'RESOURCE_EXHAUSTED' || httpStatus === 429) {
    const seconds = retryAfterSeconds(parsed.failure?.retryDelay, header(headers, 'retry-after'));
    return PlatformError.rateLimited(`Google Ads rate limit reached; retry in ${Math.ceil(seconds)} s`, { ...details, retryAfterSeconds: seconds });
  }
  if (family === 'authenticationError' && NOT_USER_AUTHENTICATION_ERRORS.has(value ?? '')) {
    return PlatformError.failed(`Google Ads refused the request (${value})`, details);
  }
  if (family === 'authenticationError' || (!family && (httpStatus === 401 || parsed.status === 'UNAUTHENTICATED'))) {
    return PlatformError.authExpired('The Google authorization is no longer valid; connect the Google account again', details);
  }
  if (family === 'authorizationError') {
    if (value === 'USER_PERMISSION_DENIED') {
      return PlatformError.failed('The Google user cannot access this Google Ads account directly (it may be reachable only through a manager account)', details);
    }
    return PlatformError.failed(`Google Ads denied access to this account${value ? ` (${value})` : ''}`, details);
  }
  if (family === 'internalError' || TRANSIENT_STATUSES.has(parsed.status ?? '') || (httpStatus !== undefined && httpStatus >= 500)) {
    return PlatformError.failed('Google Ads is temporarily unavailable', details, true);
  }
  if (httpStatus === 400 || parsed.status === 'INVALID_ARGUMENT') {
    return PlatformError.badRequest(`Google Ads rejected the request: ${details.platformMessage ?? 'invalid argument'}`, details);
  }
  return PlatformError.failed('Google Ads request failed', details);
}

/** Whether Google refused access to the account (as opposed to the token, the quota or the request). */
export function isGoogleAuthorizationError(error: unknown): error is PlatformError {
  return error instanceof PlatformError && error.platformDetails.platform === 'google' && error.platformDetails.platformSubcode === 'authorizationError';
}

/** Turns a failure of Google's OAuth token or revoke endpoint (`{error, error_description}`) into a PlatformError. */
export function mapGoogleOAuthError(status: number | undefined, body: unknown): PlatformError {
  const code = isRecord(body) ? text(body.error) : undefined;
  const description = isRecord(body) ? text(body.error_description) : undefined;
  const details = compact({ platform: 'google', platformCode: code, platformMessage: description });

  if (status === undefined) return PlatformError.failed('Google OAuth could not be reached', details, true);
  if (status >= 500) return PlatformError.failed('Google OAuth is temporarily unavailable', details, true);
  if (status === 429) return PlatformError.rateLimited('Google OAuth rate limit reached', { ...details, retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS });
  if (code === 'invalid_grant') {
    return PlatformError.authExpired('Google refused the authorization (expired, revoked or already used); connect the Google account again', details);
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return PlatformError.failed('Google OAuth client rejected (check GOOGLE_CLIENT_ID/SECRET)', details);
  }
  if (code === 'redirect_uri_mismatch') {
    return PlatformError.failed('Google OAuth rejected the redirect URI (check PUBLIC_URL and the OAuth client)', details);
  }
  return PlatformError.failed(`Google OAuth request failed${code ? ` (${code})` : ''}`, details);
}

/** Google refused the user on this customer: often a client reachable only through a manager (login-customer-id). */
export function isGoogleUserPermissionDenied(error: unknown): error is PlatformError {
  return isGoogleAuthorizationError(error) && error.platformDetails.platformCode === 'USER_PERMISSION_DENIED';
}
