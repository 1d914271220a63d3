import { ErrorCode } from '../../src/common/error-code';
import { PlatformError } from '../../src/platforms/platform-error';
import { isGoogleAuthorizationError, mapGoogleAdsError, mapGoogleOAuthError } from '../../src/platforms/google/google-error.mapper';

const STATUS_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };

function envelope(code: number, errorCode?: Record<string, string>, extra: Record<string, unknown> = {}) {
  const details = errorCode
    ? [
        {
          '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
          errors: [{ errorCode, message: `Google says ${Object.values(errorCode)[0]}`, ...extra }],
          requestId: 'req-123',
        },
      ]
    : [];
  return { error: { code, message: 'Top-level message.', status: STATUS_NAMES[code] ?? 'UNKNOWN', details } };
}

type Expected = { code: ErrorCode; status: number; transient: boolean; platformCode?: string; retryAfter?: number };

describe('mapGoogleAdsError', () => {
  it.each<[string, number | undefined, unknown, Expected]>([
    ['quota: temporarily exhausted with retryDelay', 429, envelope(429, { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, { details: { quotaErrorDetails: { retryDelay: '37s' } } }), { code: ErrorCode.PLATFORM_RATE_LIMITED, status: 429, transient: true, platformCode: 'RESOURCE_TEMPORARILY_EXHAUSTED', retryAfter: 37 }],
    ['quota: daily exhausted, no retryDelay', 429, envelope(429, { quotaError: 'RESOURCE_EXHAUSTED' }), { code: ErrorCode.PLATFORM_RATE_LIMITED, status: 429, transient: true, platformCode: 'RESOURCE_EXHAUSTED', retryAfter: 30 }],
    ['quota: fractional retryDelay', 429, envelope(429, { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, { details: { quotaErrorDetails: { retryDelay: '1.5s' } } }), { code: ErrorCode.PLATFORM_RATE_LIMITED, status: 429, transient: true, retryAfter: 1.5 }],
    ['bare HTTP 429', 429, undefined, { code: ErrorCode.PLATFORM_RATE_LIMITED, status: 429, transient: true, platformCode: '429', retryAfter: 30 }],
    ['status RESOURCE_EXHAUSTED without failure', 200, { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'x' } }, { code: ErrorCode.PLATFORM_RATE_LIMITED, status: 429, transient: true, platformCode: 'RESOURCE_EXHAUSTED' }],
    ['token expired', 401, envelope(401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' }), { code: ErrorCode.PLATFORM_AUTH_EXPIRED, status: 424, transient: false, platformCode: 'OAUTH_TOKEN_EXPIRED' }],
    ['token invalid', 401, envelope(401, { authenticationError: 'OAUTH_TOKEN_INVALID' }), { code: ErrorCode.PLATFORM_AUTH_EXPIRED, status: 424, transient: false, platformCode: 'OAUTH_TOKEN_INVALID' }],
    ['not an Ads user', 401, envelope(401, { authenticationError: 'NOT_ADS_USER' }), { code: ErrorCode.PLATFORM_AUTH_EXPIRED, status: 424, transient: false, platformCode: 'NOT_ADS_USER' }],
    ['bare 401 UNAUTHENTICATED', 401, envelope(401), { code: ErrorCode.PLATFORM_AUTH_EXPIRED, status: 424, transient: false, platformCode: 'UNAUTHENTICATED' }],
    ['developer token invalid is not the user', 401, envelope(401, { authenticationError: 'DEVELOPER_TOKEN_INVALID' }), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: 'DEVELOPER_TOKEN_INVALID' }],
    ['user permission denied', 403, envelope(403, { authorizationError: 'USER_PERMISSION_DENIED' }), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: 'USER_PERMISSION_DENIED' }],
    ['customer not enabled', 403, envelope(403, { authorizationError: 'CUSTOMER_NOT_ENABLED' }), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: 'CUSTOMER_NOT_ENABLED' }],
    ['request error', 400, envelope(400, { requestError: 'INVALID_CUSTOMER_ID' }), { code: ErrorCode.BAD_REQUEST, status: 400, transient: false, platformCode: 'INVALID_CUSTOMER_ID' }],
    ['query error', 400, envelope(400, { queryError: 'UNRECOGNIZED_FIELD' }), { code: ErrorCode.BAD_REQUEST, status: 400, transient: false, platformCode: 'UNRECOGNIZED_FIELD' }],
    ['page size refused', 400, envelope(400, { requestError: 'PAGE_SIZE_NOT_SUPPORTED' }), { code: ErrorCode.BAD_REQUEST, status: 400, transient: false, platformCode: 'PAGE_SIZE_NOT_SUPPORTED' }],
    ['bad JSON payload (no Ads failure)', 400, envelope(400), { code: ErrorCode.BAD_REQUEST, status: 400, transient: false, platformCode: 'INVALID_ARGUMENT' }],
    ['unavailable', 503, envelope(503, { internalError: 'TRANSIENT_ERROR' }), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true, platformCode: 'TRANSIENT_ERROR' }],
    ['internal', 500, envelope(500, { internalError: 'INTERNAL_ERROR' }), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true, platformCode: 'INTERNAL_ERROR' }],
    ['deadline exceeded', 504, envelope(504), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true, platformCode: 'DEADLINE_EXCEEDED' }],
    ['HTML 502 from a proxy', 502, '<html>Bad Gateway</html>', { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true, platformCode: '502' }],
    ['no answer at all (network)', undefined, undefined, { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true }],
    ['HTML 404 (unknown version)', 404, '<html>Error 404</html>', { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: '404' }],
    ['not found, another family', 404, envelope(404, { mutateError: 'RESOURCE_NOT_FOUND' }), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: 'RESOURCE_NOT_FOUND' }],
    ['concurrent modification (ABORTED)', 409, envelope(409, { databaseError: 'CONCURRENT_MODIFICATION' }), { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true, platformCode: 'CONCURRENT_MODIFICATION' }],
  ])('%s', (_name, status, body, expected) => {
    const error = mapGoogleAdsError(status, body);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.code).toBe(expected.code);
    expect(error.getStatus()).toBe(expected.status);
    expect(error.transient).toBe(expected.transient);
    expect(error.platformDetails.platform).toBe('google');
    if (expected.platformCode !== undefined) expect(error.platformDetails.platformCode).toBe(expected.platformCode);
    if (expected.retryAfter !== undefined) {
      expect(error.platformDetails.retryAfterSeconds).toBe(expected.retryAfter);
      expect(error.headers).toEqual({ 'retry-after': String(Math.ceil(expected.retryAfter)) });
    }
  });

  it('accepts the array-wrapped error of searchStream', () => {
    const error = mapGoogleAdsError(429, [envelope(429, { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, { details: { quotaErrorDetails: { retryDelay: '7s' } } })]);
    expect(error.code).toBe(ErrorCode.PLATFORM_RATE_LIMITED);
    expect(error.platformDetails.retryAfterSeconds).toBe(7);
  });

  it('keeps platform message, code, family and requestId in the details', () => {
    const error = mapGoogleAdsError(400, envelope(400, { queryError: 'UNRECOGNIZED_FIELD' }));
    expect(error.platformDetails).toEqual({
      platform: 'google',
      platformCode: 'UNRECOGNIZED_FIELD',
      platformSubcode: 'queryError',
      platformMessage: 'Google says UNRECOGNIZED_FIELD',
      traceId: 'req-123',
    });
    expect(error.message).toBe('Google Ads rejected the request: Google says UNRECOGNIZED_FIELD');
  });

  it('takes the trace id from the request-id header when the body has none', () => {
    expect(mapGoogleAdsError(503, envelope(503), { 'request-id': 'hdr-9' }).platformDetails.traceId).toBe('hdr-9');
    expect(mapGoogleAdsError(503, envelope(503), { 'Request-Id': 'hdr-10' }).platformDetails.traceId).toBe('hdr-10');
  });

  it('lets authentication and quota errors decide over others in the same failure', () => {
    const body = envelope(401, { requestError: 'UNKNOWN' });
    (body.error.details[0] as { errors: unknown[] }).errors.push({ errorCode: { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, message: 'expired' });
    expect(mapGoogleAdsError(401, body).code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
  });

  it.each<[string, unknown, boolean]>([
    ['USER_PERMISSION_DENIED', mapGoogleAdsError(403, envelope(403, { authorizationError: 'USER_PERMISSION_DENIED' })), true],
    ['CUSTOMER_NOT_ENABLED', mapGoogleAdsError(403, envelope(403, { authorizationError: 'CUSTOMER_NOT_ENABLED' })), true],
    ['bare 403', mapGoogleAdsError(403, envelope(403)), true],
    ['OAUTH_TOKEN_EXPIRED', mapGoogleAdsError(401, envelope(401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' })), false],
    ['a plain Error', new Error('x'), false],
  ])('isGoogleAuthorizationError(%s) = %s', (_name, error, expected) => {
    expect(isGoogleAuthorizationError(error)).toBe(expected);
  });
});

describe('mapGoogleOAuthError', () => {
  it.each<[string, number | undefined, unknown, Expected & { message?: string }]>([
    ['invalid_grant (revoked)', 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }, { code: ErrorCode.PLATFORM_AUTH_EXPIRED, status: 424, transient: false, platformCode: 'invalid_grant' }],
    ['invalid_grant (bad code)', 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' }, { code: ErrorCode.PLATFORM_AUTH_EXPIRED, status: 424, transient: false, platformCode: 'invalid_grant' }],
    ['invalid_client', 401, { error: 'invalid_client', error_description: 'Unauthorized' }, { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: 'invalid_client', message: 'Google OAuth client rejected (check GOOGLE_CLIENT_ID/SECRET)' }],
    ['unauthorized_client', 400, { error: 'unauthorized_client' }, { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, message: 'Google OAuth client rejected (check GOOGLE_CLIENT_ID/SECRET)' }],
    ['redirect_uri_mismatch', 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' }, { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: 'redirect_uri_mismatch' }],
    ['5xx', 503, '<html>', { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true }],
    ['network', undefined, undefined, { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: true }],
    ['429', 429, {}, { code: ErrorCode.PLATFORM_RATE_LIMITED, status: 429, transient: true, retryAfter: 30 }],
    ['other', 400, { error: 'invalid_request' }, { code: ErrorCode.PLATFORM_ERROR, status: 502, transient: false, platformCode: 'invalid_request' }],
  ])('%s', (_name, status, body, expected) => {
    const error = mapGoogleOAuthError(status, body);
    expect(error.code).toBe(expected.code);
    expect(error.getStatus()).toBe(expected.status);
    expect(error.transient).toBe(expected.transient);
    if (expected.platformCode) expect(error.platformDetails.platformCode).toBe(expected.platformCode);
    if (expected.message) expect(error.message).toBe(expected.message);
    if (expected.retryAfter) expect(error.platformDetails.retryAfterSeconds).toBe(expected.retryAfter);
  });

  it('keeps Google’s description but never a token', () => {
    const error = mapGoogleOAuthError(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.', refresh_token: '1//secret' });
    expect(error.platformDetails).toEqual({ platform: 'google', platformCode: 'invalid_grant', platformMessage: 'Token has been expired or revoked.' });
    expect(JSON.stringify(error)).not.toContain('1//secret');
  });
});
