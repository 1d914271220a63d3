import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { TeamAccess, WorkspaceAccess } from './access.types';
import type { AccessRequest } from './access-request';
import type { TeamSnapshot } from './team-snapshot';

/** The team access TeamRoleGuard resolved for this request. */
export const ResolvedTeam = createParamDecorator((_: unknown, context: ExecutionContext): TeamAccess => {
  const access = context.switchToHttp().getRequest<AccessRequest>().teamAccess;
  if (!access) throw new Error('ResolvedTeam used without @TeamRole');
  return access;
});

/** The workspace access WorkspaceRoleGuard resolved for this request. */
export const ResolvedWorkspace = createParamDecorator((_: unknown, context: ExecutionContext): WorkspaceAccess => {
  const access = context.switchToHttp().getRequest<AccessRequest>().workspaceAccess;
  if (!access) throw new Error('ResolvedWorkspace used without @WorkspaceRole');
  return access;
});

/** The team snapshot TeamRoleGuard decided from (`@TeamRole(…, { snapshot: true })`). */
export const ResolvedTeamSnapshot = createParamDecorator((_: unknown, context: ExecutionContext): TeamSnapshot => {
  const snapshot = context.switchToHttp().getRequest<AccessRequest>().teamSnapshot;
  if (!snapshot) throw new Error('ResolvedTeamSnapshot used without @TeamRole(…, { snapshot: true })');
  return snapshot;
});
