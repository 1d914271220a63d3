import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser, JwtClaims, TokenType } from './auth-user';

export const JWT_ISSUER = 'adlyft-backend';
const LIFETIME_SECONDS: Record<TokenType, number> = { access: 60 * 60, refresh: 24 * 60 * 60 };

/** Signs HS256 access (1 h) and refresh (1 day) tokens that carry user, tenant and token type. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(user: AuthUser, type: TokenType): Promise<string> {
    const claims: JwtClaims = { sub: user.id, tid: user.tenantId, ext: user.externalUserId, typ: type };
    return this.jwt.signAsync(claims, { algorithm: 'HS256', expiresIn: LIFETIME_SECONDS[type], issuer: JWT_ISSUER, jwtid: randomUUID() });
  }

  async issuePair(user: AuthUser): Promise<{ accessToken: string; refreshToken: string }> {
    const [accessToken, refreshToken] = await Promise.all([this.sign(user, 'access'), this.sign(user, 'refresh')]);
    return { accessToken, refreshToken };
  }
}
