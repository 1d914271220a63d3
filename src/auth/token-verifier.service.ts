import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import type { ActiveTenant } from '../tenants/tenants.service';
import type { AuthUser, JwtClaims, TokenType } from './auth-user';
import { tokenError } from './token-error';
import { JWT_ISSUER } from './token.service';
import { VerifiedTokenCache } from './verified-token-cache';

const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** Checks a bearer token of the expected type against the API key's tenant; one verification per token string. */
@Injectable()
export class TokenVerifier {
  // A KeyObject: given the secret as a string, jsonwebtoken first tries (and fails) to parse it as a public key on
  // every verify. The typings only know strings and Buffers.
  private readonly key: KeyObject;
  private readonly verified = new VerifiedTokenCache();

  constructor(
    private readonly jwt: JwtService,
    config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  /** The user behind `authorization`; a 401 (TOKEN_EXPIRED or INVALID_TOKEN) otherwise. */
  userOf(authorization: string | string[] | undefined, expected: TokenType, tenant: ActiveTenant | undefined): AuthUser {
    const header = Array.isArray(authorization) ? authorization[0] : authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) throw tokenError({ message: 'No auth token' }, expected);
    const claims = this.verified.get(token) ?? this.verify(token, expected);
    // Per request, not cached: the type asked for and the tenant of the API key presented with the token.
    if (claims.typ !== expected || !claims.sub || !claims.tid || typeof claims.ext !== 'string' || !tenant || tenant.id !== claims.tid) {
      throw tokenError(undefined, expected);
    }
    return { id: claims.sub, tenantId: claims.tid, externalUserId: claims.ext };
  }

  private verify(token: string, expected: TokenType): JwtClaims {
    let claims: JwtClaims & { exp?: number };
    try {
      claims = this.jwt.verify<JwtClaims & { exp?: number }>(token, {
        secret: this.key as unknown as string,
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
      });
    } catch (error) {
      throw tokenError(error, expected);
    }
    this.verified.set(token, claims, claims.exp);
    return claims;
  }
}
