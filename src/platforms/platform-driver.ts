import type { PlatformName } from './platform-error';
import type { AccountInsightsQuery, AccountInsightsResult, PlatformGrant } from './platform-grant';

/** The account a platform call is about, as stored. */
export interface PlatformAccountRef {
  accountId: string;
  loginCustomerId: string | null;
}

/** What the connections module needs of a platform; each platform implements it in its own folder. */
export interface PlatformDriver {
  readonly platform: PlatformName;
  isConfigured(): boolean;
  authorizeUrl(state: string): string;
  /** The whole callback chain: code → tokens → identity → every ad account. */
  connect(code: string): Promise<PlatformGrant>;
  /** Only platforms with refresh tokens (Google). */
  refreshAccessToken?(refreshToken: string): Promise<{ accessToken: string; expiresAt: Date | null }>;
  /** Withdraws the user's grant at the platform. */
  revoke(tokens: { accessToken: string; refreshToken: string | null }): Promise<void>;
  readonly insightMetrics: readonly string[];
  readonly insightBreakdowns: readonly string[];
  accountInsights(accessToken: string, account: PlatformAccountRef, query: AccountInsightsQuery): Promise<AccountInsightsResult>;
}
