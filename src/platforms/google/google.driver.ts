import { Injectable } from '@nestjs/common';
import type { PlatformAccountRef, PlatformDriver } from '../platform-driver';
import type { AccountInsightsQuery, AccountInsightsResult, PlatformGrant } from '../platform-grant';
import { GoogleConnector } from './google-connector';
import { GOOGLE_CONNECTION_BREAKDOWNS, GOOGLE_CONNECTION_METRICS } from './google-insights.fields';
import { GoogleInsightsReader } from './google-insights.reader';
import { GoogleOAuthClient } from './google-oauth.client';

/** Google Ads behind the connections module's PlatformDriver interface. */
@Injectable()
export class GoogleDriver implements PlatformDriver {
  readonly platform = 'google' as const;
  readonly insightMetrics = GOOGLE_CONNECTION_METRICS;
  readonly insightBreakdowns = GOOGLE_CONNECTION_BREAKDOWNS;

  constructor(
    private readonly oauth: GoogleOAuthClient,
    private readonly connector: GoogleConnector,
    private readonly insights: GoogleInsightsReader,
  ) {}

  isConfigured(): boolean {
    return this.oauth.isConfigured();
  }

  authorizeUrl(state: string): string {
    return this.oauth.authorizeUrl(state);
  }

  connect(code: string): Promise<PlatformGrant> {
    return this.connector.connect(code);
  }

  refreshAccessToken(refreshToken: string): Promise<{ accessToken: string; expiresAt: Date | null }> {
    return this.oauth.refresh(refreshToken);
  }

  /** Revoking the refresh token withdraws the whole grant. */
  revoke(tokens: { accessToken: string; refreshToken: string | null }): Promise<void> {
    return this.oauth.revoke(tokens.refreshToken ?? tokens.accessToken);
  }

  accountInsights(accessToken: string, account: PlatformAccountRef, query: AccountInsightsQuery): Promise<AccountInsightsResult> {
    return this.insights.accountInsights(accessToken, account, query);
  }
}
