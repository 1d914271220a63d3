import { AppException } from '../common/app.exception';
import { TeamAccess, TeamRequirement, WorkspaceAccess, WorkspaceRequirement } from './access.types';

const NOT_FOUND_TEAM = 'Team not found';
const NOT_FOUND_WORKSPACE = 'Workspace not found';

/**
 * Deny by default. No relation at all: 404, so nothing leaks about other teams. A member asking for more than their
 * role allows: 403. The workspace admin may do everything in the workspace.
 */
export function checkTeamAccess(access: TeamAccess | undefined, required: TeamRequirement): TeamAccess {
  if (!access || (!access.role && !access.isWorkspaceAdmin)) throw AppException.notFound(NOT_FOUND_TEAM);
  if (access.isWorkspaceAdmin) return access;
  if (required === 'MEMBER') return access;
  if (required === 'ADMIN' && access.role === 'ADMIN') return access;
  throw AppException.forbidden(required === 'ADMIN' ? 'Only a team admin can do this' : 'Only the workspace admin can do this');
}

export function checkWorkspaceAccess(access: WorkspaceAccess | undefined, required: WorkspaceRequirement): WorkspaceAccess {
  if (!access || (!access.isAdmin && !access.isMember)) throw AppException.notFound(NOT_FOUND_WORKSPACE);
  if (access.isAdmin || required === 'MEMBER') return access;
  throw AppException.forbidden('Only the workspace admin can do this');
}
