import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { UsageRecorder } from './usage-recorder.service';
import { runInUsageScope, UsageScope } from './usage-scope';

type ScopedRequest = AuthenticatedRequest & { usageScope?: UsageScope };

/** The route pattern, never the raw URL: `GET /api/v1/teams/:id`. */
function endpointOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? 'unknown'}`;
}

/**
 * Fastify hooks: every routed request runs inside a usage scope (so platform calls made for it are attributed to its
 * tenant and endpoint), and is counted once answered, whatever its status, when a tenant is known by then.
 */
@Injectable()
export class UsageHttpHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly recorder: UsageRecorder,
  ) {}

  onModuleInit(): void {
    // A worker built as an application context has no HTTP server: nothing to count here.
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | null;
    if (!adapter) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.addHook('preHandler', (request, _reply, done) => {
      const scoped = request as ScopedRequest;
      scoped.usageScope = new UsageScope(this.recorder, endpointOf(request), undefined, scoped);
      runInUsageScope(scoped.usageScope, done);
    });
    fastify.addHook('onResponse', (request, _reply, done) => {
      const scope = (request as ScopedRequest).usageScope;
      const tenantId = scope?.tenant;
      if (scope !== undefined && tenantId !== undefined) this.recorder.countRequest(tenantId, scope.endpoint);
      done();
    });
  }
}
