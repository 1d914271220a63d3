import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedStatement, queryPrepared } from '../database/prepared-statement';
import type { TeamMemberRole } from '../teams/team-member.entity';
import { TeamAccess, WorkspaceAccess } from './access.types';

interface TeamAccessRow {
  team_id: string;
  team_name: string;
  is_default: boolean;
  workspace_id: string;
  is_workspace_admin: boolean;
  role: TeamMemberRole | null;
}

interface WorkspaceAccessRow {
  workspace_id: string;
  enterprise_id: string;
  is_admin: boolean;
  is_member: boolean;
}

// Run before every team or workspace request: prepared, so PostgreSQL plans them once per connection.
const TEAM_ACCESS: PreparedStatement = {
  name: 'team_access',
  text: `
    SELECT t.id AS team_id, t.name AS team_name, t.is_default, t.workspace_id,
           (w.admin_user_id = $3) AS is_workspace_admin, m.role
      FROM teams t
      JOIN workspaces w ON w.id = t.workspace_id AND w.tenant_id = $2
      LEFT JOIN team_members m ON m.team_id = t.id AND m.user_id = $3
     WHERE t.id = $1 AND t.tenant_id = $2`,
};
const WORKSPACE_ACCESS: PreparedStatement = {
  name: 'workspace_access',
  text: `
    SELECT w.id AS workspace_id, w.enterprise_id, (w.admin_user_id = $3) AS is_admin,
           EXISTS (SELECT 1 FROM team_members m JOIN teams t ON t.id = m.team_id
                    WHERE t.workspace_id = w.id AND m.user_id = $3) AS is_member
      FROM workspaces w
     WHERE w.tenant_id = $1 AND w.enterprise_id = $2`,
};

/** Resolves, in one query each, how the caller relates to a team or a workspace of their own tenant. */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async team(tenantId: string, userId: string, teamId: string): Promise<TeamAccess | undefined> {
    const rows = await queryPrepared<TeamAccessRow>(this.dataSource, TEAM_ACCESS, [teamId, tenantId, userId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      teamId: row.team_id,
      teamName: row.team_name,
      isDefault: row.is_default,
      workspaceId: row.workspace_id,
      tenantId,
      role: row.role,
      isWorkspaceAdmin: row.is_workspace_admin,
    };
  }

  async workspace(tenantId: string, userId: string, enterpriseId: string): Promise<WorkspaceAccess | undefined> {
    const rows = await queryPrepared<WorkspaceAccessRow>(this.dataSource, WORKSPACE_ACCESS, [tenantId, enterpriseId, userId]);
    const row = rows[0];
    if (!row) return undefined;
    return { workspaceId: row.workspace_id, enterpriseId: row.enterprise_id, tenantId, isAdmin: row.is_admin, isMember: row.is_member };
  }

  /**
   * A workspace named by its enterpriseId (or its uuid) and its default team. An enterpriseId that looks like another
   * workspace's uuid still wins: it is what tenants send.
   */
  async workspaceWithDefaultTeam(tenantId: string, workspaceRef: string): Promise<{ workspaceId: string; defaultTeamId: string } | undefined> {
    const rows: Array<{ workspace_id: string; team_id: string }> = await this.dataSource.query(
      `SELECT w.id AS workspace_id, t.id AS team_id FROM workspaces w JOIN teams t ON t.workspace_id = w.id AND t.is_default
        WHERE w.tenant_id = $1 AND (w.enterprise_id = $2 OR w.id::text = lower($2))
        ORDER BY (w.enterprise_id = $2) DESC LIMIT 1`,
      [tenantId, workspaceRef],
    );
    return rows[0] ? { workspaceId: rows[0].workspace_id, defaultTeamId: rows[0].team_id } : undefined;
  }

  /** The team that owns a connection, within the tenant. */
  async connectionTeamId(tenantId: string, connectionId: string): Promise<string | undefined> {
    const rows: Array<{ team_id: string }> = await this.dataSource.query(
      `SELECT team_id FROM platform_connections WHERE id = $1 AND tenant_id = $2`,
      [connectionId, tenantId],
    );
    return rows[0]?.team_id;
  }
}
