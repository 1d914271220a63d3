import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { AccessService } from './access.service';
import { TeamRequirement } from './access.types';
import { AccessRequest } from './access-request';
import { checkTeamAccess } from './team-access.policy';
import { TEAM_REQUIREMENT, TEAM_SNAPSHOT } from './team-role.decorator';
import { teamAccessOf } from './team-snapshot';
import { TeamSnapshots } from './team-snapshots.service';
import { isUuid } from '../common/validation/uuid';
import { isWrite } from './http-method';

@Injectable()
export class TeamRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
    private readonly snapshots: TeamSnapshots,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    const required = this.reflector.get<TeamRequirement | undefined>(TEAM_REQUIREMENT, handler) ?? 'WORKSPACE_ADMIN';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & AccessRequest>();
    const params = request.params as Record<string, string | undefined>;
    const teamId = params.teamId ?? params.id;
    if (!teamId || !isUuid(teamId)) throw AppException.badRequest('Validation failed', ['teamId must be a UUID']);
    const user = request.user;
    if (!user) throw AppException.unauthorized('A user token is required');
    if (this.reflector.get<boolean>(TEAM_SNAPSHOT, handler)) {
      const snapshot = await this.snapshots.get(user.tenantId, teamId);
      request.teamAccess = checkTeamAccess(snapshot && teamAccessOf(snapshot, user.id), required);
      request.teamSnapshot = snapshot;
    } else {
      request.teamAccess = checkTeamAccess(await this.access.team(user.tenantId, user.id, teamId), required);
    }
    if (isWrite(request.method)) this.snapshots.dropWhenAnswered(request, { teamId });
    return true;
  }
}
