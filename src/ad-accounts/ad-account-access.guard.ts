import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { checkAdAccountAccess } from './ad-account-access.policy';
import { AdAccountAccessService } from './ad-account-access.service';
import type { AdAccountAccess } from './ad-account-access.types';
import { parseAdAccountRef } from './ad-account-ref';
import { AD_ACCOUNT_REQUIREMENT, AdAccountRequirementMetadata } from './ad-account-role.decorator';

export interface AdAccountAccessRequest {
  adAccountAccess?: AdAccountAccess;
}

@Injectable()
export class AdAccountAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AdAccountAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const metadata = this.reflector.get<AdAccountRequirementMetadata | undefined>(AD_ACCOUNT_REQUIREMENT, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & AdAccountAccessRequest>();
    if (!metadata) throw new Error('AdAccountAccessGuard used without @AdAccountRole');
    if (!request.user) throw AppException.unauthorized('A user token is required');
    const ref = parseAdAccountRef((request.params as Record<string, string | undefined>)[metadata.param]);
    if (!ref) throw AppException.badRequest('Validation failed', [`${metadata.param} must be an ad account id (uuid) or a platform account id`]);
    request.adAccountAccess = checkAdAccountAccess(await this.access.resolve(request.user.tenantId, request.user.id, ref), metadata.required);
    return true;
  }
}
