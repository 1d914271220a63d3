import { StreamableFile } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { Enveloped, envelopeContextOf, JsonChunks, successEnvelope } from '../common/http/envelope';

function isFastifyReply(response: ServerResponse | FastifyReply): response is FastifyReply {
  return 'request' in response && 'status' in response;
}

/**
 * Fastify with the contract's success envelope around every handler's answer. Nest sends each handler's result
 * through `reply()`; doing it here rather than in a global interceptor keeps reads free of Nest's interceptor chain
 * (per request on Node 20: two AsyncResource.bind calls, a ReplaySubject and disconnect listeners), which cost about
 * as much as everything else in a cached team read. Errors never come here: AllExceptionsFilter sends them.
 */
export class EnvelopingFastifyAdapter extends FastifyAdapter {
  reply(response: ServerResponse | FastifyReply, body: unknown, statusCode?: number) {
    if (isFastifyReply(response) && !(body instanceof StreamableFile) && (statusCode ?? response.statusCode) < 400) {
      if (body instanceof Enveloped) {
        body = body.envelope;
      } else {
        body = successEnvelope(body, envelopeContextOf(response.request, statusCode ?? response.statusCode));
        if (typeof body === 'string') response.type('application/json; charset=utf-8');
        if (body instanceof JsonChunks) {
          // Several chunks go as a stream, piped chunk by chunk (with its length set it is not sent chunked); one
          // (a gzip answer) as it is. Such an answer is gzip for a client that accepts it, so caches must key it by
          // Accept-Encoding either way.
          response.type('application/json; charset=utf-8').header('content-length', body.byteLength).header('vary', 'accept-encoding');
          if (body.encoding) response.header('content-encoding', body.encoding);
          body = body.chunks.length === 1 ? body.chunks[0] : Readable.from(body.chunks);
        }
      }
    }
    return super.reply(response, body, statusCode);
  }
}
