import { AsyncLocalStorage } from 'node:async_hooks';

export type UsagePlatform = 'meta' | 'google';

export interface PlatformCallSink {
  countPlatformCall(tenantId: string, endpoint: string, platform: UsagePlatform): void;
}

/**
 * What a platform call is attributed to: the tenant and the endpoint (route pattern, or a job's name) it was made for.
 * The tenant is read from the request when the API-key guard has resolved it, or set explicitly (OAuth callbacks,
 * background jobs).
 */
export class UsageScope {
  constructor(
    readonly sink: PlatformCallSink,
    readonly endpoint: string,
    public tenantId?: string,
    private readonly request?: { tenant?: { id: string } },
  ) {}

  get tenant(): string | undefined {
    return this.tenantId ?? this.request?.tenant?.id;
  }
}

const scopes = new AsyncLocalStorage<UsageScope>();

export function runInUsageScope<T>(scope: UsageScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** Called by the platform clients for every HTTP call they send; a no-op outside any scope (unit tests, CLIs). */
export function countPlatformCall(platform: UsagePlatform): void {
  const scope = scopes.getStore();
  const tenantId = scope?.tenant;
  if (scope !== undefined && tenantId !== undefined) scope.sink.countPlatformCall(tenantId, scope.endpoint, platform);
}

/** For code that learns the tenant itself (the OAuth callback reads it from the signed state). */
export function attributeUsageTo(tenantId: string): void {
  const scope = scopes.getStore();
  if (scope !== undefined && scope.tenant === undefined) scope.tenantId = tenantId;
}
