import { AdAccountPermission } from '../ad-accounts/ad-account-permission.entity';
import { AdAccount } from '../ad-accounts/ad-account.entity';
import { PlatformConnection } from '../connections/platform-connection.entity';
import { TeamMember } from '../teams/team-member.entity';
import { Team } from '../teams/team.entity';
import { ApiKey } from '../tenants/api-key.entity';
import { Tenant } from '../tenants/tenant.entity';
import { User } from '../users/user.entity';
import { Workspace } from '../workspaces/workspace.entity';

/** Every entity of the schema, registered once with the data source. */
export const entities = [Tenant, ApiKey, User, Workspace, Team, TeamMember, PlatformConnection, AdAccount, AdAccountPermission];
