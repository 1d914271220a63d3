import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../common/app.exception';
import { AppConfig } from '../config/app-config';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** `Authorization: Bearer $ADMIN_API_TOKEN`, compared in constant time; the admin API is absent when the token is unset. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(config: AppConfig) {
    this.expected = config.adminApiToken ? digest(config.adminApiToken) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) throw AppException.notFound('The admin API is disabled: ADMIN_API_TOKEN is not set');
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) throw AppException.unauthorized('Admin bearer token is required');
    if (!timingSafeEqual(digest(match[1]), this.expected)) throw AppException.unauthorized('Invalid admin token');
    return true;
  }
}
