import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { AccessService } from './access.service';
import { TeamRequirement } from './access.types';
import { AccessRequest } from './access-request';
import { checkTeamAccess } from './team-access.policy';
import { TEAM_REQUIREMENT } from './team-role.decorator';
import { isUuid } from '../common/validation/uuid';

@Injectable()
export class TeamRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.get<TeamRequirement | undefined>(TEAM_REQUIREMENT, context.getHandler()) ?? 'WORKSPACE_ADMIN';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & AccessRequest>();
    const params = request.params as Record<string, string | undefined>;
    const teamId = params.teamId ?? params.id;
    if (!teamId || !isUuid(teamId)) throw AppException.badRequest('Validation failed', ['teamId must be a UUID']);
    if (!request.user) throw AppException.unauthorized('A user token is required');
    request.teamAccess = checkTeamAccess(await this.access.team(request.user.tenantId, request.user.id, teamId), required);
    return true;
  }
}
