import { AppException } from '../common/app.exception';
import { ErrorCode } from '../common/error-code';

/** Why a token failed (jsonwebtoken's error, or `No auth token`), as the contract's codes. */
export function tokenError(info: unknown, kind: 'access' | 'refresh'): AppException {
  const name = (info as { name?: string } | undefined)?.name;
  if (name === 'TokenExpiredError') return AppException.unauthorized(`The ${kind} token has expired`, ErrorCode.TOKEN_EXPIRED);
  const message = (info as { message?: string } | undefined)?.message;
  if (message === 'No auth token') return AppException.unauthorized(`A bearer ${kind} token is required`, ErrorCode.INVALID_TOKEN);
  return AppException.unauthorized(`Invalid ${kind} token`, ErrorCode.INVALID_TOKEN);
}
