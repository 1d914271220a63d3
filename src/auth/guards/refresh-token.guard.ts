import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth-user';
import { TokenVerifier } from '../token-verifier.service';

/** For the refresh endpoint only: the bearer must be a refresh token of the API key's tenant. */
@Injectable()
export class RefreshTokenGuard implements CanActivate {
  constructor(private readonly tokens: TokenVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = this.tokens.userOf(request.headers.authorization, 'refresh', request.tenant);
    return true;
  }
}
