import { Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PlatformEndpoints } from '../platform-endpoints.service';
import { PlatformError } from '../platform-error';
import { MetaGraphClient } from './meta-graph.client';

export const META_SCOPES: readonly string[] = [
  'ads_management',
  'ads_read',
  'business_management',
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_ads',
  'leads_retrieval',
];

export interface MetaDebugToken {
  userId: string;
  scopes: string[];
  expiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  isValid: boolean;
}

interface TokenResponse {
  access_token?: unknown;
  token_type?: unknown;
  expires_in?: unknown;
}

interface DebugTokenResponse {
  data?: {
    user_id?: unknown;
    scopes?: unknown;
    expires_at?: unknown;
    data_access_expires_at?: unknown;
    is_valid?: unknown;
  };
}

function accessTokenOf(response: TokenResponse): string {
  if (typeof response?.access_token !== 'string' || response.access_token === '') {
    throw PlatformError.failed('Meta returned no access token', { platform: 'meta' });
  }
  return response.access_token;
}

function secondsOrNull(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

/** Meta uses 0 for "never". */
function unixDate(value: unknown): Date | null {
  const seconds = secondsOrNull(value);
  return seconds === null ? null : new Date(seconds * 1000);
}

/** Facebook Login (manual flow): dialog URL, code and long-lived token exchange, token inspection, revocation. */
@Injectable()
export class MetaOAuthClient {
  readonly scopes = META_SCOPES;
  private readonly endpoints: PlatformEndpoints;

  constructor(
    private readonly config: AppConfig,
    private readonly graph: MetaGraphClient,
    @Optional() endpoints?: PlatformEndpoints,
  ) {
    this.endpoints = endpoints ?? new PlatformEndpoints(config);
  }

  /** Whether the calling tenant can connect Meta: live tenants need the server's app; sandbox tenants always can. */
  isConfigured(): boolean {
    return this.endpoints.meta().app !== undefined;
  }

  redirectUri(): string {
    return `${this.config.publicUrl}/api/v1/meta/redirect/callback`;
  }

  authorizeUrl(state: string): string {
    const query = new URLSearchParams({
      client_id: this.app().clientId,
      redirect_uri: this.redirectUri(),
      state,
      scope: this.scopes.join(','),
      response_type: 'code',
    });
    const endpoints = this.endpoints.meta();
    return `${endpoints.dialogUrl}/${endpoints.apiVersion}/dialog/oauth?${query.toString()}`;
  }

  async exchangeCode(code: string): Promise<{ accessToken: string; expiresIn: number | null }> {
    const app = this.app();
    const response = await this.graph.getWithAppCredentials<TokenResponse>('/oauth/access_token', {
      client_id: app.clientId,
      redirect_uri: this.redirectUri(),
      client_secret: app.clientSecret,
      code,
    });
    return { accessToken: accessTokenOf(response), expiresIn: secondsOrNull(response.expires_in) };
  }

  async exchangeLongLived(shortToken: string): Promise<{ accessToken: string; expiresAt: Date | null }> {
    const app = this.app();
    const requestedAt = Date.now();
    const response = await this.graph.getWithAppCredentials<TokenResponse>('/oauth/access_token', {
      grant_type: 'fb_exchange_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      fb_exchange_token: shortToken,
    });
    const expiresIn = secondsOrNull(response.expires_in);
    return { accessToken: accessTokenOf(response), expiresAt: expiresIn === null ? null : new Date(requestedAt + expiresIn * 1000) };
  }

  async debugToken(token: string): Promise<MetaDebugToken> {
    const app = this.app();
    const response = await this.graph.getWithAppCredentials<DebugTokenResponse>('/debug_token', {
      input_token: token,
      access_token: `${app.clientId}|${app.clientSecret}`,
    });
    const data = response?.data;
    if (!data || typeof data !== 'object') throw PlatformError.failed('Meta returned no token information', { platform: 'meta' });
    return {
      userId: data.user_id === undefined || data.user_id === null ? '' : String(data.user_id),
      scopes: Array.isArray(data.scopes) ? data.scopes.map(String) : [],
      expiresAt: unixDate(data.expires_at),
      dataAccessExpiresAt: unixDate(data.data_access_expires_at),
      isValid: data.is_valid === true,
    };
  }

  /** Removes every permission the user gave the app; the token stops working. */
  async revoke(accessToken: string): Promise<void> {
    await this.graph.delete<unknown>('/me/permissions', {}, accessToken);
  }

  private app() {
    const app = this.endpoints.meta().app;
    if (!app) throw PlatformError.failed('Meta is not configured on this server (META_APP_ID and META_APP_SECRET)', { platform: 'meta' });
    return app;
  }
}
