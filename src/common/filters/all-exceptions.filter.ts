import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { describeError, errorEnvelope } from '../http/error-body';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(AllExceptionsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const description = describeError(exception);
    if (description.unexpected) {
      this.logger.error({ err: exception, requestId: request.id, path: request.url }, 'Unhandled error');
    }
    if (description.headers) reply.headers(description.headers);
    const environment = (request as { tenant?: { environment?: string } }).tenant?.environment;
    reply.status(description.status).send(errorEnvelope(description, request.url.split('?')[0], request.id, environment));
  }
}
