import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AuthUser } from '../auth-user';
import { ACCESS_STRATEGY } from '../strategies/access-token.strategy';
import { tokenError } from '../strategies/token-error';
import { authModeOf } from './auth-mode';

/** Global, after ApiKeyGuard: routes that act for a user need a valid access token of the key's tenant. */
@Injectable()
export class UserTokenGuard extends AuthGuard(ACCESS_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http' || authModeOf(this.reflector, context) !== 'api-key-and-user') return true;
    return super.canActivate(context);
  }

  handleRequest<T = AuthUser>(error: unknown, user: T | false, info: unknown): T {
    if (error || !user) throw tokenError(info, 'access');
    return user;
  }
}
