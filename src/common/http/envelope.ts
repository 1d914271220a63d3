import type { FastifyRequest } from 'fastify';
import { ApiResult } from './api-result';
import { acceptsGzip, gzipWithTail } from './gzip-splice';
import { RawJson, RawJsonBytes } from './raw-json';

const DATA_OPENING = '{"success":true,"data":';
const DATA_OPENING_BYTES = Buffer.from(DATA_OPENING);

const DEFAULT_MESSAGES: Record<number, string> = { 200: 'Request successful', 201: 'Resource created successfully', 202: 'Request accepted' };

/**
 * A JSON text in pieces (the envelope's head, a large cached answer, its tail), written one after the other: the
 * answer is never copied into a new buffer per request.
 */
export class JsonChunks {
  readonly byteLength: number;

  constructor(
    readonly chunks: readonly Buffer[],
    /** Content-Encoding of the chunks: gzip when the client accepts it and the answer was compressed beforehand. */
    readonly encoding?: 'gzip',
  ) {
    this.byteLength = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A finished success envelope (e.g. a stored idempotent answer), sent as it is. */
export class Enveloped {
  constructor(public readonly envelope: unknown) {}
}

export interface EnvelopeContext {
  statusCode: number;
  requestId: string;
  method: string;
  /** `@ResponseMessage` of the route. */
  routeMessage?: string;
  /** The environment of the calling tenant (`live` or `sandbox`), once its API key is known. */
  environment?: string;
  /** The request's Accept-Encoding takes gzip. */
  acceptsGzip?: boolean;
}

/**
 * A large answer served many times (a cached read) as UTF-8 bytes: written between the envelope's head and tail
 * without a copy, and also compressed once with the head, so a client that accepts gzip gets it for the cost of
 * compressing the tail.
 */
export function cachedAnswer(json: Buffer): RawJsonBytes {
  return new RawJsonBytes(json, { gzipHead: DATA_OPENING_BYTES });
}

/** The route's `@ResponseMessage`, which that decorator leaves in the Fastify route config. */
export function routeMessageOf(request: FastifyRequest): string | undefined {
  return (request.routeOptions.config as { responseMessage?: string } | undefined)?.responseMessage;
}

/**
 * The contract's success envelope around a handler's answer: `{ success, data, message, meta?, timestamp,
 * statusCode, requestId, environment? }`. A RawJson answer to a GET gives the envelope's JSON text with the data
 * spliced in (the pieces of that text for RawJsonBytes).
 */
export function successEnvelope(body: unknown, context: EnvelopeContext): Record<string, unknown> | string | JsonChunks {
  const result = body instanceof ApiResult ? body : new ApiResult(body ?? null);
  const rest = {
    message: result.message ?? context.routeMessage ?? DEFAULT_MESSAGES[context.statusCode] ?? 'Request successful',
    ...(result.meta ? { meta: result.meta } : {}),
    timestamp: new Date().toISOString(),
    statusCode: context.statusCode,
    requestId: context.requestId,
    ...(context.environment ? { environment: context.environment } : {}),
  };
  if (result.data instanceof RawJson || result.data instanceof RawJsonBytes) {
    // Same text as serializing the object: success, data, then the rest in the same order. A write's answer stays an
    // object for the idempotency store.
    const json = result.data instanceof RawJson ? result.data.json : result.data.bytes;
    if (context.method !== 'GET') return { success: true, data: JSON.parse(json.toString()) as unknown, ...rest };
    const after = `,${JSON.stringify(rest).slice(1)}`;
    if (typeof json === 'string') return `${DATA_OPENING}${json}${after}`;
    const gzip = result.data instanceof RawJsonBytes ? result.data.gzip : undefined;
    // In pieces too: a copy of the compressed answer per request made V8 collect garbage often enough to show at p99.
    if (gzip && context.acceptsGzip) return new JsonChunks(gzipWithTail(gzip, Buffer.from(after)), 'gzip');
    return new JsonChunks([DATA_OPENING_BYTES, json, Buffer.from(after)]);
  }
  return { success: true, data: result.data ?? null, ...rest };
}

export function envelopeContextOf(request: FastifyRequest, statusCode: number): EnvelopeContext {
  const environment = (request as { tenant?: { environment?: string } }).tenant?.environment;
  return {
    statusCode,
    requestId: request.id,
    method: request.method,
    routeMessage: routeMessageOf(request),
    environment,
    acceptsGzip: acceptsGzip(request.headers['accept-encoding']),
  };
}
