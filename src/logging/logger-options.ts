import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const SENSITIVE_QUERY = /([?&](?:code|state|token|access_token|refresh_token|client_secret|key|api_key)=)[^&]*/gi;

/** Paths to anything that may hold a credential, wherever it appears in a log object. */
export const REDACTED_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.secret',
  '*.clientSecret',
  '*.password',
  '*.*.token',
  '*.*.accessToken',
  '*.*.refreshToken',
  '*.*.apiKey',
  '*.*.secret',
];

type RawRequest = IncomingMessage & { id?: string; tenantId?: string };

export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      // Fastify already chose the id (echoing a safe x-request-id); reuse it.
      genReqId: (request: IncomingMessage) => (request as RawRequest).id ?? '',
      customProps: (request: IncomingMessage) => ({ tenantId: (request as RawRequest).tenantId }),
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (request: { id?: string; method?: string; url?: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url?.replace(SENSITIVE_QUERY, '$1[REDACTED]'),
        }),
        res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
      },
      quietReqLogger: true,
    },
  };
}
