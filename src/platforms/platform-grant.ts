import type { PlatformName } from './platform-error';

/** One ad account as the platform listed it, normalised. */
export interface PlatformAdAccount {
  /** Meta: the bare number (no `act_`); Google: the 10-digit customer id without hyphens. */
  accountId: string;
  name: string | null;
  currency: string | null;
  timezone: string | null;
  /** Meta: `ACTIVE`, `DISABLED`, … (from account_status); Google: customer.status (`ENABLED`, …). */
  status: string | null;
  isManager: boolean;
  /** Google: the manager id to send as `login-customer-id` to reach this account; null when reached directly. */
  loginCustomerId: string | null;
}

/** Everything an OAuth callback produced, ready to be stored. Tokens are plain here and encrypted by the vault. */
export interface PlatformGrant {
  platform: PlatformName;
  platformUserId: string;
  scopes: string[];
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  accounts: PlatformAdAccount[];
}

/** `GET /connections/{adAccountId}/insights`: validated, platform-neutral. */
export interface AccountInsightsQuery {
  /** YYYY-MM-DD, start <= end. */
  startDate: string;
  endDate: string;
  /** Platform-neutral metric names, already checked against the platform's allow-list. */
  metrics: string[];
  breakdown?: string;
}

/** Rows with numeric metrics as numbers; each row carries the breakdown key when one was asked for. */
export interface AccountInsightsResult {
  currency: string | null;
  rows: Array<Record<string, unknown>>;
}
