import type { TeamAccess } from '../access/access.types';
import type { AuditAction } from './audit-action';
import type { AuditEntry } from './audit-log.service';

/** An event about a team, named by the team. */
export function teamEvent(team: TeamAccess, action: AuditAction, data: Record<string, unknown>): AuditEntry {
  return { tenantId: team.tenantId, workspaceId: team.workspaceId, teamId: team.teamId, action, resourceId: team.teamId, data };
}
