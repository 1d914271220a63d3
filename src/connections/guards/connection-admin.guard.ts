import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessService } from '../../access/access.service';
import type { AccessRequest } from '../../access/access-request';
import { checkTeamAccess } from '../../access/team-access.policy';
import type { AuthenticatedRequest } from '../../auth/auth-user';
import { AppException } from '../../common/app.exception';
import { isUuid } from '../../common/validation/uuid';

/** Routes on `:connectionId`: the caller must be ADMIN of the connection's team (or the workspace admin). */
@Injectable()
export class ConnectionAdminGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & AccessRequest>();
    if (!request.user) throw AppException.unauthorized('A user token is required');
    const connectionId = (request.params as Record<string, string | undefined>).connectionId;
    if (!connectionId || !isUuid(connectionId)) throw AppException.badRequest('Validation failed', ['connectionId must be a UUID']);
    const teamId = await this.access.connectionTeamId(request.user.tenantId, connectionId);
    if (!teamId) throw AppException.notFound('Connection not found');
    const access = await this.access.team(request.user.tenantId, request.user.id, teamId);
    if (!access || (!access.role && !access.isWorkspaceAdmin)) throw AppException.notFound('Connection not found');
    request.teamAccess = checkTeamAccess(access, 'ADMIN');
    return true;
  }
}
