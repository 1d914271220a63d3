/** One HTTP answer of the simulator. */
export interface SimReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type SimGoogleFailureKind = 'quota' | 'unavailable' | 'server-error' | 'auth-expired' | 'permission-denied';

const CANONICAL: Record<number, [status: string, message: string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: [
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  ],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  429: ['RESOURCE_EXHAUSTED', 'Too many requests.'],
  500: ['INTERNAL', 'Internal error encountered.'],
  503: ['UNAVAILABLE', 'The service is currently unavailable.'],
};

/** A Google JSON error whose details hold a GoogleAdsFailure, as Google Ads REST answers. */
export function adsError(
  version: string,
  requestId: string,
  httpStatus: number,
  errorCode: Record<string, string>,
  message: string,
  extra: Record<string, unknown> = {},
): SimReply {
  const [status, topMessage] = CANONICAL[httpStatus] ?? ['UNKNOWN', 'Unknown error.'];
  const failure = {
    '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`,
    errors: [{ errorCode, message, ...extra }],
    requestId,
  };
  return { status: httpStatus, body: { error: { code: httpStatus, message: topMessage, status, details: [failure] } } };
}

/** A Google front-end error with no GoogleAdsFailure (malformed JSON body, unknown body field). */
export function badPayload(description: string): SimReply {
  const violation = { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ description }] };
  return { status: 400, body: { error: { code: 400, message: description, status: 'INVALID_ARGUMENT', details: [violation] } } };
}

/** Google's HTML page for a path it does not serve (an unknown API version, say). */
export function notFoundPage(path: string): SimReply {
  const html = `<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> <ins>That’s an error.</ins><p>The requested URL <code>${path.replace(/[<>&]/g, '')}</code> was not found on this server. <ins>That’s all we know.</ins></html>`;
  return { status: 404, body: html, headers: { 'content-type': 'text/html; charset=UTF-8' } };
}

export const USER_PERMISSION_DENIED_MESSAGE =
  "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header. See https://developers.google.com/google-ads/api/docs/concepts/call-structure#cid";

/** The canned failures of `failNext` / `failAtCall`. */
export function cannedFailure(kind: SimGoogleFailureKind, version: string, requestId: string): SimReply {
  switch (kind) {
    case 'quota':
      return adsError(version, requestId, 429, { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, 'Too many requests. Retry in 7 seconds.', {
        details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per developer token per second', retryDelay: '7s' } },
      });
    case 'unavailable':
      return adsError(version, requestId, 503, { internalError: 'TRANSIENT_ERROR' }, 'The service is temporarily unavailable. Try again later.');
    case 'server-error':
      return adsError(version, requestId, 500, { internalError: 'INTERNAL_ERROR' }, 'An internal error has occurred.');
    case 'auth-expired':
      return adsError(version, requestId, 401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, 'Authentication of the request failed: the OAuth token has expired.');
    case 'permission-denied':
      return adsError(version, requestId, 403, { authorizationError: 'USER_PERMISSION_DENIED' }, USER_PERMISSION_DENIED_MESSAGE);
  }
}
