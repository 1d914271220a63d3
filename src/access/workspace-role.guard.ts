import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { AccessService } from './access.service';
import { WorkspaceRequirement } from './access.types';
import { AccessRequest } from './access-request';
import { checkWorkspaceAccess } from './team-access.policy';
import { isWrite } from './http-method';
import { TeamSnapshots } from './team-snapshots.service';
import { WORKSPACE_REQUIREMENT } from './workspace-role.decorator';

const MAX_ENTERPRISE_ID = 255;

@Injectable()
export class WorkspaceRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
    private readonly snapshots: TeamSnapshots,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.get<WorkspaceRequirement | undefined>(WORKSPACE_REQUIREMENT, context.getHandler()) ?? 'ADMIN';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & AccessRequest>();
    const params = request.params as Record<string, string | undefined>;
    const body = request.body as Record<string, unknown> | undefined;
    const query = request.query as Record<string, unknown> | undefined;
    const enterpriseId =
      params.enterpriseId ?? params.id ?? (body && typeof body === 'object' ? body.enterpriseId : undefined) ?? query?.enterpriseId;
    // Checked here because guards run before the validation pipe.
    if (typeof enterpriseId !== 'string' || enterpriseId.length === 0 || enterpriseId.length > MAX_ENTERPRISE_ID) {
      throw AppException.badRequest('Validation failed', ['enterpriseId must be a non-empty string of at most 255 characters']);
    }
    if (!request.user) throw AppException.unauthorized('A user token is required');
    const access = checkWorkspaceAccess(await this.access.workspace(request.user.tenantId, request.user.id, enterpriseId), required);
    request.workspaceAccess = access;
    if (isWrite(request.method)) this.snapshots.dropWhenAnswered(request, { workspaceId: access.workspaceId });
    return true;
  }
}
