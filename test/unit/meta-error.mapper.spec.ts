import { ErrorCode } from '../../src/common/error-code';
import { PlatformErrorDetails } from '../../src/platforms/platform-error';
import { mapMetaError, MetaGraphErrorBody, MetaResponseHeaders } from '../../src/platforms/meta/meta-error.mapper';

const graph = (error: MetaGraphErrorBody) => ({ error: { type: 'OAuthException', fbtrace_id: 'AbCdEfGh123', ...error } });
const buc = (...minutes: number[]) =>
  JSON.stringify({ '66782684': minutes.map((m) => ({ type: 'ads_management', call_count: 100, estimated_time_to_regain_access: m })) });

interface Row {
  name: string;
  status: number | undefined;
  body: unknown;
  headers?: MetaResponseHeaders;
  httpStatus: number;
  code: ErrorCode;
  transient: boolean;
  retryAfter?: string;
  details: PlatformErrorDetails;
  message?: string | RegExp;
}

const meta = (code: number, subcode?: number, message = 'msg'): PlatformErrorDetails => ({
  platform: 'meta',
  platformCode: code,
  ...(subcode === undefined ? {} : { platformSubcode: subcode }),
  platformMessage: message,
  traceId: 'AbCdEfGh123',
});
const limited = (code: number, subcode: number | undefined, seconds: number): PlatformErrorDetails => ({ ...meta(code, subcode), retryAfterSeconds: seconds });

const rows: Row[] = [
  { name: '190/463 expired session', status: 400, body: graph({ code: 190, error_subcode: 463, message: 'msg' }), httpStatus: 424, code: ErrorCode.PLATFORM_AUTH_EXPIRED, transient: false, details: meta(190, 463) },
  { name: '190/467 logged out', status: 400, body: graph({ code: 190, error_subcode: 467, message: 'msg' }), httpStatus: 424, code: ErrorCode.PLATFORM_AUTH_EXPIRED, transient: false, details: meta(190, 467) },
  { name: '190 without subcode', status: 400, body: graph({ code: 190, message: 'msg' }), httpStatus: 424, code: ErrorCode.PLATFORM_AUTH_EXPIRED, transient: false, details: meta(190) },
  { name: '102 API session', status: 400, body: graph({ code: 102, message: 'msg' }), httpStatus: 424, code: ErrorCode.PLATFORM_AUTH_EXPIRED, transient: false, details: meta(102) },
  { name: '4 app limit, no usage header: 60 s', status: 400, body: graph({ code: 4, message: 'msg' }), httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '60', details: limited(4, undefined, 60) },
  { name: '4/1504022 insights limit', status: 400, body: graph({ code: 4, error_subcode: 1504022, message: 'msg' }), httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '60', details: limited(4, 1504022, 60) },
  { name: '4/1504039 insights limit', status: 400, body: graph({ code: 4, error_subcode: 1504039, message: 'msg' }), httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '60', details: limited(4, 1504039, 60) },
  {
    name: '17/2446079 with business-use-case usage (minutes → seconds)',
    status: 400,
    body: graph({ code: 17, error_subcode: 2446079, message: 'msg', is_transient: true }),
    headers: { 'x-business-use-case-usage': buc(5) },
    httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '300', details: limited(17, 2446079, 300),
  },
  {
    name: 'business-use-case usage wins over ad-account usage; longest wait of several entries',
    status: 400,
    body: graph({ code: 80004, message: 'msg' }),
    headers: { 'X-Business-Use-Case-Usage': buc(0, 3, 2), 'X-Ad-Account-Usage': JSON.stringify({ reset_time_duration: 100 }) },
    httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '180', details: limited(80004, undefined, 180),
  },
  {
    name: '32 page limit with ad-account usage reset_time_duration (seconds)',
    status: 400,
    body: graph({ code: 32, message: 'msg' }),
    headers: { 'x-business-use-case-usage': buc(0), 'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 100 }) },
    httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '100', details: limited(32, undefined, 100),
  },
  { name: '613/1487742 ad-account limit, unreadable header', status: 400, body: graph({ code: 613, error_subcode: 1487742, message: 'msg' }), headers: { 'x-ad-account-usage': 'not json' }, httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '60', details: limited(613, 1487742, 60) },
  { name: '80000 ads_insights', status: 400, body: graph({ code: 80000, message: 'msg' }), httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '60', details: limited(80000, undefined, 60) },
  { name: '80014 catalog batch', status: 400, body: graph({ code: 80014, message: 'msg' }), httpStatus: 429, code: ErrorCode.PLATFORM_RATE_LIMITED, transient: true, retryAfter: '60', details: limited(80014, undefined, 60) },
  { name: '80015 is not a throttling code', status: 400, body: graph({ code: 80015, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: false, details: meta(80015), message: 'Meta request failed: msg' },
  {
    name: '100 invalid parameter uses error_user_msg',
    status: 400,
    body: graph({ code: 100, message: 'msg', error_user_title: 'Invalid parameter', error_user_msg: 'Budget too low' }),
    httpStatus: 400, code: ErrorCode.BAD_REQUEST, transient: false, details: meta(100), message: 'Budget too low',
  },
  { name: '100 OAuth code exchange without user message', status: 400, body: graph({ code: 100, message: 'Invalid verification code format.' }), httpStatus: 400, code: ErrorCode.BAD_REQUEST, transient: false, details: { ...meta(100), platformMessage: 'Invalid verification code format.' }, message: 'Invalid verification code format.' },
  { name: '100/33 unsupported get request', status: 400, body: graph({ code: 100, error_subcode: 33, message: 'msg' }), httpStatus: 400, code: ErrorCode.BAD_REQUEST, transient: false, details: meta(100, 33) },
  { name: '2500 graph query parse error', status: 400, body: graph({ code: 2500, message: 'msg' }), httpStatus: 400, code: ErrorCode.BAD_REQUEST, transient: false, details: meta(2500) },
  { name: '1 unknown error', status: 400, body: graph({ code: 1, error_subcode: 99, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: true, details: meta(1, 99) },
  { name: '2 service unavailable', status: 400, body: graph({ code: 2, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: true, details: meta(2) },
  { name: 'is_transient true on another code', status: 400, body: graph({ code: 368, message: 'msg', is_transient: true }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: true, details: meta(368) },
  { name: 'HTTP 500 with a Graph error', status: 500, body: graph({ code: 960, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: true, details: meta(960) },
  { name: 'HTTP 503 with a non-JSON body', status: 503, body: '<html>Service Unavailable</html>', httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: true, details: { platform: 'meta' }, message: 'Meta answered with HTTP 503' },
  { name: 'no answer (network error or timeout)', status: undefined, body: undefined, httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: true, details: { platform: 'meta' }, message: /could not be reached/ },
  { name: '10 permission denied', status: 400, body: graph({ code: 10, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: false, details: meta(10), message: /permission/ },
  { name: '200 permissions error', status: 403, body: graph({ code: 200, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: false, details: meta(200), message: /permission/ },
  { name: '294 ads_management required', status: 400, body: graph({ code: 294, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: false, details: meta(294), message: /permission/ },
  { name: '299 last permission code', status: 400, body: graph({ code: 299, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: false, details: meta(299), message: /permission/ },
  { name: '2635 deprecated version', status: 400, body: graph({ code: 2635, message: 'msg' }), httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: false, details: meta(2635), message: 'Meta request failed: msg' },
  { name: 'HTTP 404 with an HTML body', status: 404, body: '<html>Not found</html>', httpStatus: 502, code: ErrorCode.PLATFORM_ERROR, transient: false, details: { platform: 'meta' }, message: 'Meta request failed: HTTP 404' },
];

describe('mapMetaError', () => {
  it.each(rows)('$name', ({ status, body, headers, httpStatus, code, transient, retryAfter, details, message }) => {
    const error = mapMetaError(status, body, headers);
    expect(error.getStatus()).toBe(httpStatus);
    expect(error.code).toBe(code);
    expect(error.transient).toBe(transient);
    expect(error.platformDetails).toEqual(details);
    expect(error.details).toEqual(details);
    expect(error.headers?.['retry-after']).toBe(retryAfter);
    expect(error.authExpired).toBe(code === ErrorCode.PLATFORM_AUTH_EXPIRED);
    if (message !== undefined) expect(error.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  it('accepts a numeric code sent as a string', () => {
    expect(mapMetaError(400, { error: { code: '190', message: 'x' } }).code).toBe(ErrorCode.PLATFORM_AUTH_EXPIRED);
  });
});
