import type { FastifyRequest } from 'fastify';
import type { ActiveTenant } from '../tenants/tenants.service';

/** The caller resolved from a valid access token. */
export interface AuthUser {
  id: string;
  tenantId: string;
  externalUserId: string;
}

export type TokenType = 'access' | 'refresh';

export interface JwtClaims {
  sub: string;
  tid: string;
  ext: string;
  typ: TokenType;
}

export type AuthenticatedRequest = FastifyRequest & {
  tenant?: ActiveTenant;
  user?: AuthUser;
};
