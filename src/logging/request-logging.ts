import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
// nestjs-pino's PinoLogger (and so Nest's Logger) logs through the logger in this store when there is one.
import { storage } from 'nestjs-pino/storage';

const SENSITIVE_QUERY = /([?&](?:code|state|token|access_token|refresh_token|client_secret|key|api_key)=)[^&]*/gi;

type RawWithTenant = FastifyRequest['raw'] & { tenantId?: string };

function tenantIdOf(request: FastifyRequest): string | undefined {
  return (request.raw as RawWithTenant).tenantId;
}

/**
 * What PinoLogger finds in the async context of a request: a child logger bound to the request id and tenant, made
 * only when something logs during the request (most requests log nothing but their request line).
 */
class RequestLogContext {
  private bound?: Logger;

  constructor(
    private readonly root: Logger,
    private readonly request: FastifyRequest,
  ) {}

  get logger(): Logger {
    this.bound ??= this.root.child({ reqId: this.request.id, tenantId: tenantIdOf(this.request) });
    return this.bound;
  }

  /** PinoLogger.assign() replaces it with a child carrying more fields. */
  set logger(logger: Logger) {
    this.bound = logger;
  }
}

function levelFor(statusCode: number): 'info' | 'warn' | 'error' {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/**
 * One JSON line per answered request (`request completed`, with reqId, tenantId, req, res.statusCode and
 * responseTime in ms): info for 2xx/3xx, warn for 4xx, error for 5xx. Nothing is built for a level that is off.
 */
export function registerRequestLogging(fastify: FastifyInstance, root: Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run(new RequestLogContext(root, request), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = levelFor(reply.statusCode);
    if (root.isLevelEnabled(level)) {
      root[level](
        {
          reqId: request.id,
          tenantId: tenantIdOf(request),
          req: { id: request.id, method: request.method, url: request.url.replace(SENSITIVE_QUERY, '$1[REDACTED]') },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
