import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/auth-user';
import { AppException } from '../app.exception';
import { Enveloped, envelopeContextOf, successEnvelope } from '../http/envelope';
import { IdempotencyStore } from './idempotency-store.service';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const PRUNE_EVERY = 500;

/** Stable JSON: the same body with keys in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `Idempotency-Key` on a creating POST: the same key with the same request within 24 h replays the stored answer
 * without doing the work again (also when the two race); with another request it is a 409. Keys are per tenant. Only
 * completed (2xx) answers are stored: a failed request releases its key so a retry does the work. Runs on every POST
 * route (see applyInterceptorToRoutes in createApp), after all guards; the answer it stores and replays is the
 * finished envelope.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private requests = 0;

  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const header = request.headers[HEADER];
    if (request.method !== 'POST' || header === undefined || !request.tenant) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) throw AppException.badRequest('Validation failed', ['Idempotency-Key must be 1 to 255 visible ASCII characters']);
    const tenantId = request.tenant.id;
    const fingerprint = createHash('sha256')
      .update(canonical({ user: request.user?.id ?? null, method: request.method, url: request.url, body: request.body ?? null }))
      .digest('hex');
    if (++this.requests % PRUNE_EVERY === 0) void this.store.prune().catch(() => undefined);

    const reply = http.getResponse<FastifyReply>();
    const claim = await this.store.claim(tenantId, key, fingerprint);
    if (claim.kind === 'replay') {
      reply.status(claim.status).header('idempotent-replayed', 'true');
      return of(new Enveloped(claim.body));
    }
    return next.handle().pipe(
      mergeMap((body) => {
        const envelope = successEnvelope(body, envelopeContextOf(request, reply.statusCode));
        return from(this.store.complete(tenantId, key, reply.statusCode, envelope).then(() => new Enveloped(envelope)));
      }),
      catchError((error: unknown) => from(this.store.release(tenantId, key)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}
