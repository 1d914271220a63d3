import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SimReply } from './google-sim-errors';
import { isRecord, randomToken, SimRequestBody } from './google-sim-http';

/** What the OAuth side needs of the platform's options. */
export interface SimGoogleOAuthOptions {
  clientId: string;
  clientSecret: string;
  tokenPrefix?: string;
  tokenKey?: string;
}

/** The platform's settings the tests change at any time (read on every token answer). */
export interface SimGoogleTokenSettings {
  accessTokenTtlSeconds: number;
  omitRefreshToken: boolean;
}

export interface SimGoogleGrant {
  sub: string;
  scope: string;
  refreshToken: string | null;
  refreshRevoked: boolean;
  revoked: boolean;
}

interface CodeRecord {
  sub: string;
  redirectUri: string;
  scope: string;
  offline: boolean;
  expiresAt: number;
  used: boolean;
}

const CODE_TTL_MS = 10 * 60 * 1000;

const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const oauthError = (status: number, error: string, description: string): SimReply => ({ status, body: { error, error_description: description } });

/**
 * Google's OAuth server side: authorization codes, the token endpoint (code and refresh grants), ID tokens,
 * revocation, and the grants and access tokens the Ads API checks.
 */
export class SimGoogleOAuth {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly grants: SimGoogleGrant[] = [];
  private readonly accessTokens = new Map<string, { grant: SimGoogleGrant; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, SimGoogleGrant>();
  private readonly grantCounts = { authorization_code: 0, refresh_token: 0 };
  private revocations = 0;

  constructor(
    private readonly options: SimGoogleOAuthOptions,
    private readonly settings: SimGoogleTokenSettings,
    private readonly emailOf: (sub: string) => string | undefined,
  ) {}

  /** A fresh authorization code the consent dialog hands to the redirect. */
  issueCode(sub: string, redirectUri: string, scope: string, offline: boolean): string {
    const code = `4/0A${randomToken()}`;
    this.forgetExpired();
    this.codes.set(code, { sub, redirectUri, scope, offline, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** Every access token issued so far now answers OAUTH_TOKEN_EXPIRED. */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  /** Every refresh token issued so far now answers invalid_grant; access tokens keep working until they expire. */
  revokeRefreshTokens(): void {
    for (const grant of this.grants) grant.refreshRevoked = true;
  }

  grantCount(grantType: 'authorization_code' | 'refresh_token'): number {
    return this.grantCounts[grantType];
  }

  revokedCount(): number {
    return this.revocations;
  }

  /** `POST /token`. */
  token(headers: Record<string, string>, body: SimRequestBody): SimReply {
    if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Invalid Content-Type: expected application/x-www-form-urlencoded.');
    }
    const form = body.form;
    const basic = /^Basic (.+)$/.exec(headers.authorization ?? '');
    const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [form.client_id, form.client_secret];
    if (clientId !== this.options.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (clientSecret !== this.options.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');

    if (form.grant_type === 'authorization_code') {
      const code = this.codes.get(form.code ?? '');
      if (!code || code.expiresAt < Date.now()) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
      if (code.used) return oauthError(400, 'invalid_grant', 'Bad Request');
      if (form.redirect_uri !== code.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
      code.used = true;
      // Like Google: a refresh token only for access_type=offline.
      const refreshToken = code.offline && !this.settings.omitRefreshToken ? this.newToken('1//0', { sub: code.sub, scope: code.scope, n: randomToken(9) }) : null;
      const grant: SimGoogleGrant = { sub: code.sub, scope: code.scope, refreshToken, refreshRevoked: false, revoked: false };
      this.grants.push(grant);
      if (grant.refreshToken) this.refreshTokens.set(grant.refreshToken, grant);
      this.grantCounts.authorization_code++;
      return { status: 200, body: this.tokenAnswer(grant, true) };
    }
    if (form.grant_type === 'refresh_token') {
      const grant = this.refreshGrant(form.refresh_token ?? '');
      if (!grant || grant.refreshRevoked || grant.revoked) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      this.grantCounts.refresh_token++;
      return { status: 200, body: this.tokenAnswer(grant, false) };
    }
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  }

  /** `POST /revoke`, with an access or a refresh token. */
  revoke(token: string): SimReply {
    const grant = this.accessToken(token)?.grant ?? this.refreshGrant(token);
    if (!grant || grant.revoked) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    grant.revoked = true;
    this.revocations++;
    return { status: 200, body: {} };
  }

  /** The grant behind an access token this platform issued (also a signed one from before a restart), or undefined. */
  accessToken(token: string): { grant: SimGoogleGrant; expiresAt: number } | undefined {
    const known = this.accessTokens.get(token);
    if (known) return known;
    const claims = this.signedClaims(token, 'ya29.a0');
    if (!claims || typeof claims.exp !== 'number') return undefined;
    const entry = { grant: { sub: String(claims.sub), scope: String(claims.scope), refreshToken: null, refreshRevoked: false, revoked: false }, expiresAt: claims.exp };
    this.grants.push(entry.grant);
    this.accessTokens.set(token, entry);
    return entry;
  }

  private tokenAnswer(grant: SimGoogleGrant, withRefreshToken: boolean): Record<string, unknown> {
    this.forgetExpired();
    const ttlSeconds = this.settings.accessTokenTtlSeconds;
    const expiresAt = Date.now() + ttlSeconds * 1000;
    const accessToken = this.newToken('ya29.a0', { sub: grant.sub, scope: grant.scope, exp: expiresAt });
    this.accessTokens.set(accessToken, { grant, expiresAt });
    const answer: Record<string, unknown> = { access_token: accessToken, expires_in: ttlSeconds, scope: grant.scope, token_type: 'Bearer' };
    if (withRefreshToken && grant.refreshToken) answer.refresh_token = grant.refreshToken;
    if (grant.scope.split(' ').includes('openid')) answer.id_token = this.idToken(grant.sub);
    return answer;
  }

  /** Expired codes and (past a thousand) access tokens: a world living for weeks must not keep every one it issued. */
  private forgetExpired(): void {
    const now = Date.now();
    for (const [code, entry] of this.codes) if (entry.expiresAt < now) this.codes.delete(code);
    if (this.accessTokens.size < 1000) return;
    for (const [token, entry] of this.accessTokens) if (entry.expiresAt < now - CODE_TTL_MS) this.accessTokens.delete(token);
  }

  /** Random like Google's, or (with a tokenKey) carrying its claims under a MAC so that it outlives the process. */
  private newToken(shape: string, claims: Record<string, unknown>): string {
    const prefix = this.options.tokenPrefix ?? '';
    if (!this.options.tokenKey) return `${prefix}${shape}${randomToken(shape === 'ya29.a0' ? 32 : 24)}`;
    const body = `${prefix}${shape}${json(claims)}`;
    return `${body}.${this.mac(body)}`;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.options.tokenKey ?? '').update(body).digest('base64url');
  }

  /** The claims of a signed token of this shape, or undefined. */
  private signedClaims(token: string, shape: string): Record<string, unknown> | undefined {
    if (!this.options.tokenKey || !token.startsWith(`${this.options.tokenPrefix ?? ''}${shape}`)) return undefined;
    const dot = token.lastIndexOf('.');
    const [body, mac] = [token.slice(0, dot), Buffer.from(token.slice(dot + 1))];
    const expected = Buffer.from(this.mac(body));
    if (dot < 0 || mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(body.slice(`${this.options.tokenPrefix ?? ''}${shape}`.length), 'base64url').toString('utf8'));
      return isRecord(claims) && typeof claims.sub === 'string' && typeof claims.scope === 'string' ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private refreshGrant(token: string): SimGoogleGrant | undefined {
    const known = this.refreshTokens.get(token);
    if (known) return known;
    const claims = this.signedClaims(token, '1//0');
    if (!claims) return undefined;
    const grant: SimGoogleGrant = { sub: String(claims.sub), scope: String(claims.scope), refreshToken: token, refreshRevoked: false, revoked: false };
    this.grants.push(grant);
    this.refreshTokens.set(token, grant);
    return grant;
  }

  /** Shaped like Google's RS256 ID token; the signature is noise (clients read it from the token endpoint only). */
  private idToken(sub: string): string {
    const now = Math.floor(Date.now() / 1000);
    const email = this.emailOf(sub);
    const claims = { iss: 'https://accounts.google.com', azp: this.options.clientId, aud: this.options.clientId, sub, ...(email ? { email, email_verified: true } : {}), iat: now, exp: now + 3600 };
    return `${json({ alg: 'RS256', kid: 'sandbox-google-key', typ: 'JWT' })}.${json(claims)}.${randomToken(64)}`;
  }
}
