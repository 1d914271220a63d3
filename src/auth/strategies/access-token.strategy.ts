import { Injectable } from '@nestjs/common';
import { claimsStrategy } from './jwt-claims.strategy';

export const ACCESS_STRATEGY = 'jwt-access';

@Injectable()
export class AccessTokenStrategy extends claimsStrategy(ACCESS_STRATEGY, 'access') {}
