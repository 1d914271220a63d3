import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamAccess } from '../access/access.types';
import type { AuthUser } from '../auth/auth-user';
import { Keyset, pageResult } from '../common/pagination/keyset-page';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { AD_ACCOUNT_COLUMNS, AdAccountRow, CONNECTION_COLUMNS, ConnectionRow, connectionView } from './connection-views';

/** Teams where the caller may manage connections: their ADMIN teams and every team of the workspaces they administer. */
const ADMIN_TEAMS = `(w.admin_user_id = $2 OR EXISTS (
  SELECT 1 FROM team_members m WHERE m.team_id = c.team_id AND m.user_id = $2 AND m.role = 'ADMIN'))`;

type PagedRow<T> = T & { page_at: string; page_id: string };

const CONNECTIONS_FROM = `FROM platform_connections c
  JOIN teams t ON t.id = c.team_id
  JOIN workspaces w ON w.id = t.workspace_id
  LEFT JOIN users u ON u.id = c.connected_by_user_id`;

/** Reads of connections and their ad accounts, always scoped by tenant and by what the caller administers. */
@Injectable()
export class ConnectionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listForUser(user: AuthUser, query: PageQueryDto) {
    const keyset = new Keyset(query, 3);
    const rows: PagedRow<ConnectionRow>[] = await this.dataSource.query(
      `SELECT ${CONNECTION_COLUMNS}, ${keyset.columns('c')} ${CONNECTIONS_FROM}
        WHERE c.tenant_id = $1 AND ${ADMIN_TEAMS} AND ${keyset.after('c')} ${keyset.order('c')}`,
      [user.tenantId, user.id, ...keyset.parameters],
    );
    const page = keyset.page(rows);
    return pageResult(await this.withAccounts(user.tenantId, page.rows), page.nextCursor);
  }

  async listForTeam(team: TeamAccess, query: PageQueryDto) {
    const keyset = new Keyset(query, 3);
    const rows: PagedRow<ConnectionRow>[] = await this.dataSource.query(
      `SELECT ${CONNECTION_COLUMNS}, ${keyset.columns('c')} ${CONNECTIONS_FROM}
        WHERE c.tenant_id = $1 AND c.team_id = $2 AND ${keyset.after('c')} ${keyset.order('c')}`,
      [team.tenantId, team.teamId, ...keyset.parameters],
    );
    const page = keyset.page(rows);
    return pageResult(await this.withAccounts(team.tenantId, page.rows), page.nextCursor);
  }

  async one(tenantId: string, connectionId: string) {
    const rows: ConnectionRow[] = await this.dataSource.query(
      `SELECT ${CONNECTION_COLUMNS} ${CONNECTIONS_FROM} WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, connectionId],
    );
    return (await this.withAccounts(tenantId, rows)).data[0];
  }

  /** Every ad account the caller administers, with whether its connection still works and, if not, why. */
  /** Paged in the order the accounts were connected (oldest first). */
  async statusForUser(user: AuthUser, query: PageQueryDto) {
    const keyset = new Keyset(query, 3);
    const found: PagedRow<AdAccountRow & { team_id: string; connection_status: string; status_reason: string | null }>[] = await this.dataSource.query(
      `SELECT ${AD_ACCOUNT_COLUMNS}, c.team_id, c.status AS connection_status, c.status_reason, ${keyset.columns('a')}
         FROM ad_accounts a
         JOIN platform_connections c ON c.id = a.connection_id
         JOIN teams t ON t.id = c.team_id
         JOIN workspaces w ON w.id = t.workspace_id
        WHERE a.tenant_id = $1 AND c.tenant_id = $1 AND ${ADMIN_TEAMS} AND ${keyset.after('a')}
        ${keyset.order('a')}`,
      [user.tenantId, user.id, ...keyset.parameters],
    );
    const { rows, nextCursor } = keyset.page(found);
    return pageResult({
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
    }, nextCursor);
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
