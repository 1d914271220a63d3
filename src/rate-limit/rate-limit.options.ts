import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth-user';
import type { RateLimitConfig } from '../config/app-config';

export const RATE_LIMIT_WINDOW_MS = 60_000;
/**
 * The Redis script blocks a key for `blockDuration` once it is over its limit; 1 ms means no penalty beyond the
 * window: a key over its limit stays refused until its window's counter resets, and not longer.
 */
const NO_EXTRA_BLOCK_MS = 1;

export type RateLimitScope = 'tenant' | 'user';

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>();

/** Trackers name their scope, so one key space serves both throttlers and a refusal can say which limit it was. */
export function tenantTracker(request: AuthenticatedRequest): string {
  return `tenant:${request.tenant!.id}`;
}

export function userTracker(request: AuthenticatedRequest): string {
  return `user:${request.tenant!.id}:${request.user!.id}`;
}

export function scopeOfTracker(tracker: string): RateLimitScope {
  return tracker.startsWith('user:') ? 'user' : 'tenant';
}

export function rateLimitEnabled(limits: RateLimitConfig): boolean {
  return limits.tenantPerMinute > 0 || limits.userPerMinute > 0;
}

/** One throttler per configured limit (0 = off): per tenant (API key) and per user (access token). */
export function throttlerOptions(limits: RateLimitConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const throttlers: ThrottlerOptions[] = [];
  if (limits.tenantPerMinute > 0) {
    throttlers.push({
      name: 'tenant',
      limit: limits.tenantPerMinute,
      ttl: RATE_LIMIT_WINDOW_MS,
      blockDuration: NO_EXTRA_BLOCK_MS,
      getTracker: (request) => tenantTracker(request as AuthenticatedRequest),
    });
  }
  if (limits.userPerMinute > 0) {
    throttlers.push({
      name: 'user',
      limit: limits.userPerMinute,
      ttl: RATE_LIMIT_WINDOW_MS,
      blockDuration: NO_EXTRA_BLOCK_MS,
      // Routes that take only the API key (getting a token) count against the tenant alone.
      skipIf: (context) => requestOf(context).user === undefined,
      getTracker: (request) => userTracker(request as AuthenticatedRequest),
    });
  }
  return {
    throttlers,
    storage,
    // Per-tenant counters across all routes, not per route as the throttler's default key would make them.
    generateKey: (_context, tracker) => `${limits.keyPrefix}${tracker}`,
    // X-RateLimit-* on every answer would cost each request six headers; a refusal says all in Retry-After and details.
    setHeaders: false,
  };
}
