import { Injectable } from '@nestjs/common';
import { claimsStrategy } from './jwt-claims.strategy';

export const REFRESH_STRATEGY = 'jwt-refresh';

@Injectable()
export class RefreshTokenStrategy extends claimsStrategy(REFRESH_STRATEGY, 'refresh') {}
