import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamAccess } from '../../../access/access.types';
import { ConnectionTokens } from '../../../connections/connection-tokens.service';
import { GoogleAccountsReader } from '../google-accounts.reader';

/** One account of `GET /{teamId}/google/list-accessible-accounts`. */
export interface GoogleAccessibleAccount {
  /** Our ad account uuid when the account is stored for this team, else null. */
  id: string | null;
  connectionId: string;
  /** The 10-digit customer id. */
  accountId: string;
  name: string | null;
  currency: string | null;
  timezone: string | null;
  status: string | null;
  isManager: boolean;
  /** The manager the account is reached through (its login-customer-id); null when reached directly. */
  loginCustomerId: string | null;
}

interface Row {
  connection_id: string;
  ad_account_id: string | null;
  account_id: string | null;
  permission: 'VIEWER' | 'MANAGER' | null;
}

interface TeamConnection {
  id: string;
  /** Stored accounts of the connection: customer id → our uuid and the caller's permission. */
  stored: Map<string, { id: string; permission: Row['permission'] }>;
}

/**
 * The Google accounts of a team's connections, live from Google, as far as the caller may read them: team ADMIN and
 * the workspace admin see everything; a member only the accounts they hold VIEWER or MANAGER on (a connection where
 * they hold none is not even asked).
 */
@Injectable()
export class GoogleAccessibleAccounts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ConnectionTokens,
    private readonly accountsReader: GoogleAccountsReader,
  ) {}

  async list(team: TeamAccess, userId: string): Promise<GoogleAccessibleAccount[]> {
    const seesAll = team.isWorkspaceAdmin || team.role === 'ADMIN';
    const result: GoogleAccessibleAccount[] = [];
    for (const connection of await this.connections(team, userId)) {
      const readable = (accountId: string) => seesAll || Boolean(connection.stored.get(accountId)?.permission);
      if (!seesAll && ![...connection.stored.keys()].some(readable)) continue;
      const accounts = await this.tokens.withAccessToken(team.tenantId, connection.id, (token) => this.accountsReader.accessibleAccounts(token));
      for (const account of accounts) {
        if (!readable(account.accountId)) continue;
        result.push({
          id: connection.stored.get(account.accountId)?.id ?? null,
          connectionId: connection.id,
          accountId: account.accountId,
          name: account.name,
          currency: account.currency,
          timezone: account.timezone,
          status: account.status,
          isManager: account.isManager,
          loginCustomerId: account.loginCustomerId,
        });
      }
    }
    return result;
  }

  /** The team's Google connections with their stored accounts and the caller's permission on each, in one query. */
  private async connections(team: TeamAccess, userId: string): Promise<TeamConnection[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT c.id AS connection_id, a.id AS ad_account_id, a.account_id, p.permission
         FROM platform_connections c
         LEFT JOIN ad_accounts a ON a.connection_id = c.id AND a.tenant_id = c.tenant_id AND a.team_id = c.team_id
         LEFT JOIN ad_account_permissions p ON p.ad_account_id = a.id AND p.tenant_id = c.tenant_id AND p.user_id = $3
        WHERE c.tenant_id = $1 AND c.team_id = $2 AND c.platform = 'google'
        ORDER BY c.created_at, c.id, a.account_id`,
      [team.tenantId, team.teamId, userId],
    );
    const connections = new Map<string, TeamConnection>();
    for (const row of rows) {
      const connection = connections.get(row.connection_id) ?? { id: row.connection_id, stored: new Map() };
      connections.set(row.connection_id, connection);
      if (row.ad_account_id && row.account_id) connection.stored.set(row.account_id, { id: row.ad_account_id, permission: row.permission });
    }
    return [...connections.values()];
  }
}
