import { randomBytes } from 'node:crypto';

export type SimMetaFailure = 'rate-limit' | 'server-error' | 'transient' | 'auth-expired' | 'bad-param';

/** An answer the fake is about to send: status, JSON body, extra headers. */
export interface SimAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface GraphErrorFields {
  message: string;
  code: number;
  type?: string;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
}

export function fbtraceId(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}

/** Meta's error envelope; HTTP 400 unless told otherwise. */
export function graphError(fields: GraphErrorFields, status = 400, headers?: Record<string, string>): SimAnswer {
  const { type = 'OAuthException', ...rest } = fields;
  return { status, headers, body: { error: { ...rest, type, fbtrace_id: fbtraceId() } } };
}

export function unsupportedRequest(method: string, path: string): SimAnswer {
  const object = path.split('/').filter(Boolean)[0] ?? '';
  return graphError({
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${object}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

export function invalidParameter(message: string, userMessage?: string): SimAnswer {
  return graphError({ message: `(#100) ${message}`, code: 100, error_user_title: userMessage ? 'Invalid parameter' : undefined, error_user_msg: userMessage });
}

export function deprecatedVersion(): SimAnswer {
  return graphError({ message: '(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version.', code: 2635 });
}

export function tokenError(subcode: 458 | 463 | 467): SimAnswer {
  const messages = {
    458: 'Error validating access token: The user has not authorized application.',
    463: 'Error validating access token: Session has expired. The current time is later than the expiry time.',
    467: 'Error validating access token: The access token is invalid since the user logged out.',
  };
  return graphError({ message: messages[subcode], code: 190, error_subcode: subcode });
}

/** The failures `failNext` / `failAtCall` inject, shaped like Meta sends them. */
export function injectedFailure(kind: SimMetaFailure, regainAccessMinutes: number, accountKey: string): SimAnswer {
  switch (kind) {
    case 'rate-limit':
      return graphError(
        {
          message: 'There have been too many calls to this ad-account. Wait a bit and try again.',
          code: 17,
          error_subcode: 2446079,
          error_user_title: 'Ad Account Has Too Many API Calls',
          error_user_msg: 'There have been too many calls from this ad-account. Please wait a bit and try again.',
          is_transient: true,
        },
        400,
        {
          'X-Business-Use-Case-Usage': JSON.stringify({
            [accountKey]: [
              { type: 'ads_management', call_count: 100, total_cputime: 41, total_time: 63, estimated_time_to_regain_access: regainAccessMinutes, ads_api_access_tier: 'development_access' },
            ],
          }),
          'X-Ad-Account-Usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 120, ads_api_access_tier: 'development_access' }),
        },
      );
    case 'server-error':
      return graphError({ message: 'An unknown error has occurred.', code: 1, error_subcode: 99 }, 500);
    case 'transient':
      return graphError({ message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true });
    case 'auth-expired':
      return tokenError(463);
    case 'bad-param':
      return invalidParameter('Invalid parameter', 'One of the parameters you sent is not valid. Check it and try again.');
  }
}
