import { AppException } from '../common/app.exception';
import type { AdAccountAccess, AdAccountRequirement } from './ad-account-access.types';

/**
 * Deny by default. Not in the account's team at all: 404 (nothing leaks). A member without the right on this account:
 * 403. Team ADMIN and the workspace admin may do everything on the team's accounts.
 */
export function checkAdAccountAccess(access: AdAccountAccess | undefined, required: AdAccountRequirement): AdAccountAccess {
  if (!access || (!access.role && !access.isWorkspaceAdmin)) throw AppException.notFound('Ad account not found');
  if (access.isWorkspaceAdmin || access.role === 'ADMIN') return access;
  if (required === 'READ' && (access.permission === 'VIEWER' || access.permission === 'MANAGER')) return access;
  if (required === 'WRITE' && access.permission === 'MANAGER') return access;
  if (required === 'ADMIN') throw AppException.forbidden('Only a team admin can do this');
  throw AppException.forbidden(required === 'WRITE' ? 'MANAGER permission on this ad account is required' : 'No permission on this ad account');
}
