import { RawJson } from '../common/http/raw-json';
import type { TeamDetailDto } from '../teams/dto/team.dto';
import type { TeamMemberRole } from '../teams/team-member.entity';
import type { TeamAccess } from './access.types';

/**
 * Everything a team read needs, from one query: who may read the team (its members' roles and the workspace admin)
 * and the answer of GET /teams/{id}, serialized once. Immutable, so one copy serves every request from the cache.
 */
export interface TeamSnapshot {
  readonly tenantId: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly isDefault: boolean;
  readonly workspaceId: string;
  readonly workspaceAdminUserId: string;
  readonly roles: ReadonlyMap<string, TeamMemberRole>;
  /** A TeamDetailDto. */
  readonly detail: RawJson;
}

/** One row per member (or one row with null member columns for a team without members), oldest member first. */
export interface TeamSnapshotRow {
  team_id: string;
  team_name: string;
  is_default: boolean;
  team_created_at: Date;
  team_updated_at: Date;
  workspace_id: string;
  workspace_name: string;
  enterprise_id: string;
  admin_user_id: string;
  member_id: string | null;
  role: TeamMemberRole | null;
  user_id: string | null;
  member_created_at: Date | null;
  member_updated_at: Date | null;
  external_user_id: string | null;
}

export function teamSnapshotFromRows(tenantId: string, rows: TeamSnapshotRow[]): TeamSnapshot | undefined {
  const team = rows[0];
  if (!team) return undefined;
  const members = rows.filter((row) => row.member_id !== null);
  const detail: TeamDetailDto = {
    id: team.team_id,
    name: team.team_name,
    isDefault: team.is_default,
    createdAt: team.team_created_at,
    updatedAt: team.team_updated_at,
    workspace: { name: team.workspace_name, enterpriseId: team.enterprise_id },
    TeamMembers: members.map((row) => ({
      id: row.member_id!,
      role: row.role!,
      userId: row.user_id!,
      createdAt: row.member_created_at!,
      updatedAt: row.member_updated_at!,
      user: { externalUserId: row.external_user_id! },
    })),
  };
  return {
    tenantId,
    teamId: team.team_id,
    teamName: team.team_name,
    isDefault: team.is_default,
    workspaceId: team.workspace_id,
    workspaceAdminUserId: team.admin_user_id,
    roles: new Map(members.map((row) => [row.user_id!, row.role!])),
    detail: RawJson.of(detail),
  };
}

/** How `userId` relates to the team, in the shape TeamRoleGuard's policy checks. */
export function teamAccessOf(snapshot: TeamSnapshot, userId: string): TeamAccess {
  return {
    teamId: snapshot.teamId,
    teamName: snapshot.teamName,
    isDefault: snapshot.isDefault,
    workspaceId: snapshot.workspaceId,
    tenantId: snapshot.tenantId,
    role: snapshot.roles.get(userId) ?? null,
    isWorkspaceAdmin: snapshot.workspaceAdminUserId === userId,
  };
}
