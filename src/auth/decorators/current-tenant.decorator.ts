import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { ActiveTenant } from '../../tenants/tenants.service';
import type { AuthenticatedRequest } from '../auth-user';

/** The tenant the x-api-key belongs to. */
export const CurrentTenant = createParamDecorator((_: unknown, context: ExecutionContext): ActiveTenant => {
  const tenant = context.switchToHttp().getRequest<AuthenticatedRequest>().tenant;
  if (!tenant) throw new Error('CurrentTenant used on a route without an API key');
  return tenant;
});
