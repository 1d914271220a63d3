import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamAccess } from '../access/access.types';
import type { AuthUser } from '../auth/auth-user';
import { AD_ACCOUNT_COLUMNS, AdAccountRow, CONNECTION_COLUMNS, ConnectionRow, connectionView } from './connection-views';

/** Teams where the caller may manage connections: their ADMIN teams and every team of the workspaces they administer. */
const ADMIN_TEAMS = `(w.admin_user_id = $2 OR EXISTS (
  SELECT 1 FROM team_members m WHERE m.team_id = c.team_id AND m.user_id = $2 AND m.role = 'ADMIN'))`;

const CONNECTIONS_FROM = `FROM platform_connections c
  JOIN teams t ON t.id = c.team_id
  JOIN workspaces w ON w.id = t.workspace_id
  LEFT JOIN users u ON u.id = c.connected_by_user_id`;

/** Reads of connections and their ad accounts, always scoped by tenant and by what the caller administers. */
@Injectable()
export class ConnectionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listForUser(user: AuthUser) {
    const rows: ConnectionRow[] = await this.dataSource.query(
      `SELECT ${CONNECTION_COLUMNS} ${CONNECTIONS_FROM} WHERE c.tenant_id = $1 AND ${ADMIN_TEAMS} ORDER BY c.created_at, c.id`,
      [user.tenantId, user.id],
    );
    return this.withAccounts(user.tenantId, rows);
  }

  async listForTeam(team: TeamAccess) {
    const rows: ConnectionRow[] = await this.dataSource.query(
      `SELECT ${CONNECTION_COLUMNS} ${CONNECTIONS_FROM} WHERE c.tenant_id = $1 AND c.team_id = $2 ORDER BY c.created_at, c.id`,
      [team.tenantId, team.teamId],
    );
    return this.withAccounts(team.tenantId, rows);
  }

  async one(tenantId: string, connectionId: string) {
    const rows: ConnectionRow[] = await this.dataSource.query(
      `SELECT ${CONNECTION_COLUMNS} ${CONNECTIONS_FROM} WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, connectionId],
    );
    return (await this.withAccounts(tenantId, rows)).data[0];
  }

  /** Every ad account the caller administers, with whether its connection still works and, if not, why. */
  async statusForUser(user: AuthUser) {
    const rows: Array<AdAccountRow & { team_id: string; connection_status: string; status_reason: string | null }> = await this.dataSource.query(
      `SELECT ${AD_ACCOUNT_COLUMNS}, c.team_id, c.status AS connection_status, c.status_reason
         FROM ad_accounts a
         JOIN platform_connections c ON c.id = a.connection_id
         JOIN teams t ON t.id = c.team_id
         JOIN workspaces w ON w.id = t.workspace_id
        WHERE a.tenant_id = $1 AND c.tenant_id = $1 AND ${ADMIN_TEAMS}
        ORDER BY a.platform, a.name NULLS LAST, a.account_id, a.id`,
      [user.tenantId, user.id],
    );
    return {
      connected: rows.map((row) => ({
        id: row.id,
        platform: row.platform,
        connected: row.connection_status === 'active',
        ads_accooun_id: row.account_id,
        ads_account_id: row.account_id,
        account_name: row.name,
        connectionId: row.connection_id,
        teamId: row.team_id,
        reason: row.connection_status === 'active' ? null : (row.status_reason ?? 'connection expired'),
      })),
    };
  }

  private async withAccounts(tenantId: string, rows: ConnectionRow[]) {
    const accounts: AdAccountRow[] = rows.length
      ? await this.dataSource.query(
          `SELECT ${AD_ACCOUNT_COLUMNS} FROM ad_accounts a WHERE a.tenant_id = $1 AND a.connection_id = ANY($2::uuid[])
            ORDER BY a.name NULLS LAST, a.account_id, a.id`,
          [tenantId, rows.map((row) => row.id)],
        )
      : [];
    const byConnection = new Map<string, AdAccountRow[]>();
    for (const account of accounts) byConnection.set(account.connection_id, [...(byConnection.get(account.connection_id) ?? []), account]);
    const data = rows.map((row) => connectionView(row, byConnection.get(row.id) ?? []));
    return { success: true, count: data.length, data };
  }
}
