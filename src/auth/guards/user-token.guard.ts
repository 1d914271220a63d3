import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth-user';
import { TokenVerifier } from '../token-verifier.service';
import { authModeOf } from './auth-mode';

/** Global, after ApiKeyGuard: routes that act for a user need a valid access token of the key's tenant. */
@Injectable()
export class UserTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || authModeOf(this.reflector, context) !== 'api-key-and-user') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = this.tokens.userOf(request.headers.authorization, 'access', request.tenant);
    return true;
  }
}
