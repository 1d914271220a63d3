import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '../../common/app.exception';
import { TenantsService } from '../../tenants/tenants.service';
import type { AuthenticatedRequest } from '../auth-user';
import { authModeOf } from './auth-mode';

const MAX_KEY_LENGTH = 256;

/** Global: every route but health, docs, admin and OAuth callbacks needs a live tenant API key. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tenants: TenantsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || authModeOf(this.reflector, context) === 'none') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key) throw AppException.unauthorized('API key is required');
    if (key.length > MAX_KEY_LENGTH) throw AppException.unauthorized('Invalid API key');
    const check = await this.tenants.checkApiKey(key);
    if ('problem' in check) {
      throw AppException.unauthorized(check.problem === 'disabled' ? 'Tenant is disabled' : 'Invalid API key');
    }
    request.tenant = check.tenant;
    (request.raw as { tenantId?: string }).tenantId = check.tenant.id;
    return true;
  }
}
