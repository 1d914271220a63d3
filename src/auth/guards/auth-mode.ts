import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_MODE, AuthMode } from '../../common/decorators/public.decorator';

export function authModeOf(reflector: Reflector, context: ExecutionContext): AuthMode {
  return reflector.getAllAndOverride<AuthMode | undefined>(AUTH_MODE, [context.getHandler(), context.getClass()]) ?? 'api-key-and-user';
}
