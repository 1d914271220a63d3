import type { Params } from 'nestjs-pino';
import pino, { Logger } from 'pino';
import { AppConfig } from '../config/app-config';

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

/** The process's one pino logger: JSON lines on stdout, credentials redacted. */
export function createRootLogger(config: AppConfig): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } });
}

/**
 * nestjs-pino provides Nest's Logger and PinoLogger on top of the root logger. Its per-request pino-http middleware is
 * left out (no routes): it built four child loggers per request, even at a level that logs nothing, which was about
 * half the server's CPU time on a cached read. The request line and the request-bound logger come from
 * request-logging.ts instead.
 */
export function loggerOptions(logger: Logger): Params {
  return { pinoHttp: { logger }, forRoutes: [] };
}
