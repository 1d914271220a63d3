import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { runWithAuditRequest } from './audit-context';

/**
 * Makes each request available to `AuditLog` for its whole handling (guards set `user` on it before handlers run),
 * from a Fastify hook rather than a Nest interceptor: one AsyncLocalStorage scope per request, nothing else.
 */
@Injectable()
export class AuditRequestHooks implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // A worker built as an application context has no HTTP server.
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | null;
    if (!adapter) return;
    adapter.getInstance<FastifyInstance>().addHook('preHandler', (request, _reply, done) => {
      runWithAuditRequest(request as AuthenticatedRequest, done);
    });
  }
}
