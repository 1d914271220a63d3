import type { IncomingMessage } from 'node:http';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { requestIdFor } from '../common/http/request-id';
import { IdempotencyInterceptor } from '../common/idempotency/idempotency.interceptor';
import { AppConfig } from '../config/app-config';
import { createRootLogger } from '../logging/logger-options';
import { registerRequestLogging } from '../logging/request-logging';
import { EnvelopingFastifyAdapter } from './enveloping-fastify.adapter';
import { applyInterceptorToRoutes } from './route-interceptors';
import { setupSwagger } from './swagger';

export const API_PREFIX = 'api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole application (used by main.ts and by the e2e tests), initialised but not listening. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new EnvelopingFastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Long ids reach our validation (a clear 400) instead of Fastify's bare 414. (A router option: at the top level
    // Fastify 5 warns that it is deprecated.)
    routerOptions: { maxParamLength: 1024 },
    genReqId: (raw: IncomingMessage) => requestIdFor(raw),
    trustProxy: true,
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();
  const logger = createRootLogger(config);
  registerRequestLogging(fastify, logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, logger), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  applyInterceptorToRoutes(app, app.get(IdempotencyInterceptor), [RequestMethod.POST]);
  setupSwagger(app);
  await app.init();
  await fastify.ready();
  return app;
}
