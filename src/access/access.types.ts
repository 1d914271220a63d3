import type { TeamMemberRole } from '../teams/team-member.entity';

/** What the caller may do in one team, as resolved by TeamRoleGuard. */
export interface TeamAccess {
  teamId: string;
  teamName: string;
  isDefault: boolean;
  workspaceId: string;
  tenantId: string;
  /** The caller's own membership role, if any. */
  role: TeamMemberRole | null;
  isWorkspaceAdmin: boolean;
}

/** What the caller may do in one workspace, as resolved by WorkspaceRoleGuard. */
export interface WorkspaceAccess {
  workspaceId: string;
  enterpriseId: string;
  tenantId: string;
  isAdmin: boolean;
  isMember: boolean;
}

/** The least a route asks of the caller in a team; each level includes the ones above it. */
export type TeamRequirement = 'MEMBER' | 'ADMIN' | 'WORKSPACE_ADMIN';
export type WorkspaceRequirement = 'MEMBER' | 'ADMIN';
