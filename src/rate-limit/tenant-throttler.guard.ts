import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { ErrorCode } from '../common/error-code';
import { RATE_LIMIT_WINDOW_MS, scopeOfTracker } from './rate-limit.options';

/**
 * Global, after the API-key and user-token guards (it needs the tenant and the user they resolve). Routes without a
 * tenant (health, admin, OAuth callbacks) are not limited here.
 */
@Injectable()
export class TenantThrottlerGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.getType() !== 'http' || context.switchToHttp().getRequest<AuthenticatedRequest>().tenant === undefined);
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const scope = scopeOfTracker(detail.tracker);
    const retryAfterSeconds = Math.max(1, detail.timeToExpire, detail.timeToBlockExpire);
    const windowSeconds = RATE_LIMIT_WINDOW_MS / 1000;
    throw new AppException(
      HttpStatus.TOO_MANY_REQUESTS,
      ErrorCode.RATE_LIMITED,
      `Rate limit exceeded: at most ${detail.limit} requests per minute for this ${scope}`,
      { scope, limit: detail.limit, windowSeconds, retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}
