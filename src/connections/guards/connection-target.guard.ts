import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessService } from '../../access/access.service';
import type { AccessRequest } from '../../access/access-request';
import { checkTeamAccess } from '../../access/team-access.policy';
import type { AuthenticatedRequest } from '../../auth/auth-user';
import { AppException } from '../../common/app.exception';
import { isUuid } from '../../common/validation/uuid';

/**
 * POST /connections names its team in the body: `teamId`, or `workspaceId` for that workspace's default team. The
 * caller must be that team's ADMIN (or the workspace admin).
 */
@Injectable()
export class ConnectionTargetGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & AccessRequest>();
    if (!request.user) throw AppException.unauthorized('A user token is required');
    const body = (request.body ?? {}) as { teamId?: unknown; workspaceId?: unknown };
    const { tenantId, id: userId } = request.user;
    const teamId = body.teamId ?? undefined;
    const workspaceId = body.workspaceId ?? undefined;
    if (teamId !== undefined && (typeof teamId !== 'string' || !isUuid(teamId))) throw AppException.badRequest('Validation failed', ['teamId must be a UUID']);
    if (workspaceId !== undefined && (typeof workspaceId !== 'string' || workspaceId.trim() === '' || workspaceId.length > 200)) {
      throw AppException.badRequest('Validation failed', ['workspaceId must be a non-empty string']);
    }
    if (teamId === undefined && workspaceId === undefined) throw AppException.badRequest('Validation failed', ['teamId or workspaceId is required']);

    const workspace = workspaceId === undefined ? undefined : await this.access.workspaceWithDefaultTeam(tenantId, workspaceId as string);
    if (workspaceId !== undefined && !workspace) throw AppException.notFound('Workspace not found');
    const team = checkTeamAccess(await this.access.team(tenantId, userId, teamId ?? workspace!.defaultTeamId), 'ADMIN');
    if (workspace && team.workspaceId !== workspace.workspaceId) throw AppException.notFound('Team not found in this workspace');
    request.teamAccess = team;
    return true;
  }
}
