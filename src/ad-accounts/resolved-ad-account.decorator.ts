import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AdAccountAccessRequest } from './ad-account-access.guard';
import type { AdAccountAccess } from './ad-account-access.types';

/** The ad account AdAccountAccessGuard resolved for this request. */
export const ResolvedAdAccount = createParamDecorator((_: unknown, context: ExecutionContext): AdAccountAccess => {
  const access = context.switchToHttp().getRequest<AdAccountAccessRequest>().adAccountAccess;
  if (!access) throw new Error('ResolvedAdAccount used without @AdAccountRole');
  return access;
});
