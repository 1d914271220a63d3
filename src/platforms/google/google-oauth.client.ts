import { Injectable, Optional } from '@nestjs/common';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { AppConfig, PlatformCredentials } from '../../config/app-config';
import { countPlatformCall } from '../../usage/usage-scope';
import { PlatformEndpoints } from '../platform-endpoints.service';
import { PlatformError } from '../platform-error';
import { mapGoogleOAuthError } from './google-error.mapper';

export interface GoogleCodeExchange {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  scopes: string[];
  /** The Google user's stable id (`sub` of the ID token), when Google sent one. */
  subject: string | null;
}

export interface GoogleRefreshedToken {
  accessToken: string;
  expiresAt: Date;
}

const GOOGLE_ISSUERS = new Set(['https://accounts.google.com', 'accounts.google.com']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Google's OAuth 2.0 web-server flow. Tokens travel only in request bodies and are never logged nor put into errors:
 * failures are rethrown as PlatformError built from Google's `{error, error_description}` alone.
 */
@Injectable()
export class GoogleOAuthClient {
  /** `openid` makes the token answer carry an ID token whose `sub` identifies the Google user. */
  readonly scopes: readonly string[] = ['https://www.googleapis.com/auth/adwords', 'openid'];
  private readonly http: AxiosInstance;
  private readonly endpoints: PlatformEndpoints;

  constructor(
    private readonly config: AppConfig,
    @Optional() endpoints?: PlatformEndpoints,
  ) {
    this.http = axios.create({ timeout: config.platformHttpTimeoutMs, validateStatus: () => true, maxRedirects: 0 });
    this.endpoints = endpoints ?? new PlatformEndpoints(config);
  }

  /** Whether the calling tenant can connect Google: live tenants need the server's client; sandbox tenants always can. */
  isConfigured(): boolean {
    return this.endpoints.google().client !== undefined;
  }

  redirectUri(): string {
    return `${this.config.publicUrl}/api/v1/google/redirect/callback`;
  }

  authorizeUrl(state: string): string {
    const url = new URL(this.endpoints.google().oauthAuthorizeUrl);
    const params = {
      client_id: this.client().clientId,
      redirect_uri: this.redirectUri(),
      response_type: 'code',
      scope: this.scopes.join(' '),
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      state,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  async exchangeCode(code: string): Promise<GoogleCodeExchange> {
    const { clientId, clientSecret } = this.client();
    const body = await this.tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri(), client_id: clientId, client_secret: clientSecret });
    return {
      accessToken: body.accessToken,
      refreshToken: typeof body.raw.refresh_token === 'string' && body.raw.refresh_token ? body.raw.refresh_token : null,
      expiresAt: body.expiresAt,
      scopes: typeof body.raw.scope === 'string' ? body.raw.scope.split(' ').filter(Boolean) : [],
      subject: this.subjectOf(body.raw.id_token, clientId),
    };
  }

  async refresh(refreshToken: string): Promise<GoogleRefreshedToken> {
    const { clientId, clientSecret } = this.client();
    this.endpoints.assertTokenFits(this.endpoints.google().environment, refreshToken);
    const body = await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret });
    return { accessToken: body.accessToken, expiresAt: body.expiresAt };
  }

  /** Revokes the grant behind an access or refresh token; a token Google no longer knows counts as revoked. */
  async revoke(token: string): Promise<void> {
    const endpoints = this.endpoints.google();
    this.endpoints.assertTokenFits(endpoints.environment, token);
    const response = await this.post(endpoints.oauthRevokeUrl, { token });
    if (response.status === 200) return;
    if (response.status === 400 && isRecord(response.data) && response.data.error === 'invalid_token') return;
    throw mapGoogleOAuthError(response.status, response.data);
  }

  private client(): PlatformCredentials {
    const client = this.endpoints.google().client;
    if (!client) throw PlatformError.failed('Google OAuth is not configured (set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)', { platform: 'google' });
    return client;
  }

  private async tokenRequest(form: Record<string, string>): Promise<{ accessToken: string; expiresAt: Date; raw: Record<string, unknown> }> {
    const response = await this.post(this.endpoints.google().oauthTokenUrl, form);
    if (response.status !== 200) throw mapGoogleOAuthError(response.status, response.data);
    const raw: unknown = response.data;
    if (!isRecord(raw) || typeof raw.access_token !== 'string' || !raw.access_token) {
      throw PlatformError.failed('Google OAuth answered without an access token', { platform: 'google' });
    }
    const expiresIn = typeof raw.expires_in === 'number' && raw.expires_in > 0 ? raw.expires_in : 3600;
    return { accessToken: raw.access_token, expiresAt: new Date(Date.now() + expiresIn * 1000), raw };
  }

  private async post(url: string, form: Record<string, string>): Promise<AxiosResponse<unknown>> {
    try {
      countPlatformCall('google');
      return await this.http.post<unknown>(url, new URLSearchParams(form).toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      });
    } catch {
      // The axios error holds the request body (a code or token): it must not travel further.
      throw mapGoogleOAuthError(undefined, undefined);
    }
  }

  /**
   * `sub` of the ID token, read without checking its signature: it came straight from Google's token endpoint over
   * TLS, which OpenID Connect Core 3.1.3.7 accepts in place of signature validation. Issuer and audience are still
   * checked.
   */
  private subjectOf(idToken: unknown, clientId: string): string | null {
    if (typeof idToken !== 'string') return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isRecord(claims) || typeof claims.sub !== 'string' || !claims.sub) return null;
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!GOOGLE_ISSUERS.has(String(claims.iss)) || !audience.includes(clientId)) {
      throw PlatformError.failed('Google returned an ID token that was not issued for this OAuth client', { platform: 'google' });
    }
    return claims.sub;
  }
}
