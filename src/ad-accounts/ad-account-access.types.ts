import type { PlatformName } from '../platforms/platform-error';
import type { TeamMemberRole } from '../teams/team-member.entity';
import type { AdAccountPermissionLevel } from './ad-account-permission.entity';

/** How the caller relates to one ad account, as resolved by AdAccountAccessGuard. */
export interface AdAccountAccess {
  adsAccountId: string;
  tenantId: string;
  teamId: string;
  connectionId: string;
  platform: PlatformName;
  accountId: string;
  name: string | null;
  currency: string | null;
  loginCustomerId: string | null;
  role: TeamMemberRole | null;
  isWorkspaceAdmin: boolean;
  permission: AdAccountPermissionLevel | null;
}

/** ADMIN: team ADMIN or workspace admin. WRITE: also MANAGER. READ: also VIEWER. */
export type AdAccountRequirement = 'READ' | 'WRITE' | 'ADMIN';
