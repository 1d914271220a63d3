import { Injectable } from '@nestjs/common';
import type { PlatformAccountRef, PlatformDriver } from '../platform-driver';
import type { AccountInsightsQuery, AccountInsightsResult, PlatformGrant } from '../platform-grant';
import { MetaConnector } from './meta-connector';
import { META_CONNECTION_BREAKDOWNS, META_CONNECTION_METRICS } from './meta-insights.fields';
import { MetaInsightsReader } from './meta-insights.reader';
import { MetaOAuthClient } from './meta-oauth.client';

/** Meta behind the connections module's PlatformDriver interface. Meta has no refresh tokens. */
@Injectable()
export class MetaDriver implements PlatformDriver {
  readonly platform = 'meta' as const;
  readonly insightMetrics = META_CONNECTION_METRICS;
  readonly insightBreakdowns = META_CONNECTION_BREAKDOWNS;

  constructor(
    private readonly oauth: MetaOAuthClient,
    private readonly connector: MetaConnector,
    private readonly insights: MetaInsightsReader,
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

  revoke(tokens: { accessToken: string }): Promise<void> {
    return this.oauth.revoke(tokens.accessToken);
  }

  accountInsights(accessToken: string, account: PlatformAccountRef, query: AccountInsightsQuery): Promise<AccountInsightsResult> {
    return this.insights.accountInsights(accessToken, account.accountId, query);
  }
}
