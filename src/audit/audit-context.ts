import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuthenticatedRequest } from '../auth/auth-user';

/** Who acts, as an audit event records it. */
export interface AuditActor {
  userId: string | null;
  externalUserId: string | null;
  requestId: string | null;
}

const requests = new AsyncLocalStorage<AuthenticatedRequest>();

/** Runs the rest of a request (from a Fastify hook) so that services deep below it can name the caller. */
export function runWithAuditRequest<T>(request: AuthenticatedRequest, work: () => T): T {
  return requests.run(request, work);
}

/** The caller of the request being served (read when the event is written: guards set `user` before handlers run). */
export function currentAuditActor(): AuditActor {
  const request = requests.getStore();
  return {
    userId: request?.user?.id ?? null,
    externalUserId: request?.user?.externalUserId ?? null,
    requestId: request ? String(request.id) : null,
  };
}
