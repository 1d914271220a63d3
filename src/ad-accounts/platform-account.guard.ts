import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { isUuid } from '../common/validation/uuid';
import type { AdAccountAccessRequest } from './ad-account-access.guard';
import { checkAdAccountAccess } from './ad-account-access.policy';
import { parseAdAccountRef } from './ad-account-ref';
import { PLATFORM_ACCOUNT_REQUIREMENT, PlatformAccountRequirement } from './platform-account.decorator';
import { TeamAccountResolver } from './team-account.resolver';

@Injectable()
export class PlatformAccountGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: TeamAccountResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = this.reflector.get<PlatformAccountRequirement | undefined>(PLATFORM_ACCOUNT_REQUIREMENT, context.getHandler());
    if (!requirement) throw new Error('PlatformAccountGuard used without @PlatformAccount');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & AdAccountAccessRequest>();
    if (!request.user) throw AppException.unauthorized('A user token is required');
    const teamId = (request.params as Record<string, string | undefined>).teamId;
    if (!isUuid(teamId)) throw AppException.badRequest('Validation failed', ['teamId must be a UUID']);
    const raw = (request.query as Record<string, unknown> | undefined)?.adAccountId;
    if (raw !== undefined && typeof raw !== 'string') throw AppException.badRequest('Validation failed', ['adAccountId must be given once']);
    const ref = raw === undefined || raw.trim() === '' ? undefined : parseAdAccountRef(raw);
    if (raw !== undefined && raw.trim() !== '' && !ref) throw AppException.badRequest('Validation failed', ['adAccountId must be a platform account id (act_123, 123) or an ad account uuid']);
    const access = await this.resolver.resolve(request.user.tenantId, request.user.id, teamId as string, requirement.platform, ref);
    request.adAccountAccess = checkAdAccountAccess(access, requirement.required);
    return true;
  }
}
