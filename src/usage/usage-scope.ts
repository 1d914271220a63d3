import { AsyncLocalStorage } from 'node:async_hooks';

export type UsagePlatform = 'meta' | 'google';

/** Which platforms a tenant's calls go to: the real ones, or the built-in simulator. */
export type CallEnvironment = 'live' | 'sandbox';

/** The tenant a call is made for, as far as routing and counting need it. */
export interface CallTenant {
  id: string;
  environment: CallEnvironment;
}

export interface PlatformCallSink {
  countPlatformCall(tenantId: string, endpoint: string, platform: UsagePlatform): void;
}

/**
 * What a platform call is made for: the tenant (whose environment decides where the call goes) and the endpoint
 * (route pattern, or a job's name) it is counted against. The tenant is read from the request when the API-key guard
 * has resolved it, or set explicitly (OAuth callbacks, background jobs).
 */
export class UsageScope {
  constructor(
    readonly sink: PlatformCallSink,
    readonly endpoint: string,
    public tenantId?: string,
    private readonly request?: { tenant?: CallTenant },
    public environment?: CallEnvironment,
  ) {}

  get tenant(): string | undefined {
    return this.tenantId ?? this.request?.tenant?.id;
  }

  get callEnvironment(): CallEnvironment | undefined {
    return this.environment ?? this.request?.tenant?.environment;
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
export function attributeCallsTo(tenant: CallTenant): void {
  const scope = scopes.getStore();
  if (scope === undefined || scope.tenant !== undefined) return;
  scope.tenantId = tenant.id;
  scope.environment = tenant.environment;
}

/**
 * The tenant the current platform call is made for, when known. Outside any scope (unit tests, a CLI) there is none,
 * and the clients treat the call as live.
 */
export function currentCallTenant(): { id: string | undefined; environment: CallEnvironment | undefined } {
  const scope = scopes.getStore();
  return { id: scope?.tenant, environment: scope?.callEnvironment };
}
