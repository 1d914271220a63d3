import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { AuthUser } from '../auth-user';
import { REFRESH_STRATEGY } from '../strategies/refresh-token.strategy';
import { tokenError } from '../strategies/token-error';

/** For the refresh endpoint only: the bearer must be a refresh token of the API key's tenant. */
@Injectable()
export class RefreshTokenGuard extends AuthGuard(REFRESH_STRATEGY) {
  handleRequest<T = AuthUser>(error: unknown, user: T | false, info: unknown): T {
    if (error || !user) throw tokenError(info, 'refresh');
    return user;
  }
}
