import type { PlatformName } from '../platforms/platform-error';

export interface ConnectionRow {
  id: string;
  platform: PlatformName;
  team_id: string;
  team_name: string;
  enterprise_id: string;
  status: 'active' | 'expired';
  status_reason: string | null;
  platform_user_id: string;
  scopes: string[];
  access_token_expires_at: Date | null;
  connected_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AdAccountRow {
  id: string;
  connection_id: string;
  platform: PlatformName;
  account_id: string;
  name: string | null;
  currency: string | null;
  timezone: string | null;
  status: string | null;
  is_manager: boolean;
  login_customer_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Columns safe to show: never the token ciphertexts. */
export const CONNECTION_COLUMNS = `c.id, c.platform, c.team_id, t.name AS team_name, w.enterprise_id, c.status, c.status_reason,
  c.platform_user_id, c.scopes, c.access_token_expires_at, u.external_user_id AS connected_by, c.created_at, c.updated_at`;

export const AD_ACCOUNT_COLUMNS = `a.id, a.connection_id, a.platform, a.account_id, a.name, a.currency, a.timezone, a.status,
  a.is_manager, a.login_customer_id, a.created_at, a.updated_at`;

export function adAccountView(row: AdAccountRow) {
  return {
    id: row.id,
    platform: row.platform,
    accountId: row.account_id,
    name: row.name,
    currency: row.currency,
    timezone: row.timezone,
    status: row.status,
    isManager: row.is_manager,
    loginCustomerId: row.login_customer_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function connectionView(row: ConnectionRow, accounts: AdAccountRow[]) {
  return {
    id: row.id,
    platform: row.platform,
    teamId: row.team_id,
    team: { id: row.team_id, name: row.team_name },
    workspace: { enterpriseId: row.enterprise_id },
    status: row.status,
    connected: row.status === 'active',
    statusReason: row.status_reason,
    platformUserId: row.platform_user_id,
    scopes: row.scopes,
    tokenExpiresAt: row.access_token_expires_at,
    connectedBy: row.connected_by ? { externalUserId: row.connected_by } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    adsAccounts: accounts.map(adAccountView),
  };
}
