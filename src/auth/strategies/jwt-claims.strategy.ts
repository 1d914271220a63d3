import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import type { AuthenticatedRequest, AuthUser, JwtClaims, TokenType } from '../auth-user';
import { JWT_ISSUER } from '../token.service';

export function claimsStrategy(name: string, expected: TokenType) {
  @Injectable()
  class ClaimsStrategy extends PassportStrategy(Strategy, name) {
    constructor(config: AppConfig) {
      super({
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // A KeyObject (jsonwebtoken accepts one; the typings lag): given a string or Buffer, jsonwebtoken first tries,
        // and fails, to parse it as a public key on every verify, which dominated the cost of authenticated requests.
        secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        ignoreExpiration: false,
        passReqToCallback: true,
      });
    }

    /** Returning false fails with INVALID_TOKEN: wrong type, or minted for another tenant than the API key's. */
    validate(request: AuthenticatedRequest, claims: JwtClaims): AuthUser | false {
      if (claims.typ !== expected || !claims.sub || !claims.tid || typeof claims.ext !== 'string') return false;
      if (!request.tenant || request.tenant.id !== claims.tid) return false;
      return { id: claims.sub, tenantId: claims.tid, externalUserId: claims.ext };
    }
  }
  return ClaimsStrategy;
}

