import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { RESPONSE_MESSAGE } from '../decorators/response-message.decorator';
import { ApiResult } from '../http/api-result';
import { RawJson } from '../http/raw-json';

const DEFAULT_MESSAGES: Record<number, string> = { 200: 'Request successful', 201: 'Resource created successfully', 202: 'Request accepted' };

/** Wraps every successful answer in the contract's envelope. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const staticMessage = this.reflector.get<string | undefined>(RESPONSE_MESSAGE, context.getHandler());
    return next.handle().pipe(
      map((body: unknown) => {
        const result = body instanceof ApiResult ? body : new ApiResult(body ?? null);
        const statusCode = reply.statusCode;
        const rest = {
          message: result.message ?? staticMessage ?? DEFAULT_MESSAGES[statusCode] ?? 'Request successful',
          ...(result.meta ? { meta: result.meta } : {}),
          timestamp: new Date().toISOString(),
          statusCode,
          requestId: request.id,
        };
        if (result.data instanceof RawJson) {
          // Same text as serializing the object envelope: success, data, then the rest in the same order. Only reads
          // answer text; a write's answer stays an object for the idempotency store.
          if (request.method !== 'GET') return { success: true, data: JSON.parse(result.data.json) as unknown, ...rest };
          reply.type('application/json; charset=utf-8');
          return `{"success":true,"data":${result.data.json},${JSON.stringify(rest).slice(1)}`;
        }
        return { success: true, data: result.data ?? null, ...rest };
      }),
    );
  }
}
