import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app.exception';
import { PreparedStatement, queryPrepared } from '../database/prepared-statement';
import type { PlatformName } from '../platforms/platform-error';
import type { TeamMemberRole } from '../teams/team-member.entity';
import type { AdAccountPermissionLevel } from './ad-account-permission.entity';
import type { AdAccountAccess } from './ad-account-access.types';
import type { AdAccountRef } from './ad-account-ref';

interface Row {
  is_workspace_admin: boolean;
  role: TeamMemberRole | null;
  id: string | null;
  connection_id: string | null;
  account_id: string | null;
  name: string | null;
  currency: string | null;
  login_customer_id: string | null;
  permission: AdAccountPermissionLevel | null;
}

const teamAccountQuery = (match: string) => `
  SELECT (w.admin_user_id = $2) AS is_workspace_admin, m.role,
         a.id, a.connection_id, a.account_id, a.name, a.currency, a.login_customer_id, p.permission
    FROM teams t
    JOIN workspaces w ON w.id = t.workspace_id
    LEFT JOIN team_members m ON m.team_id = t.id AND m.user_id = $2
    LEFT JOIN ad_accounts a ON a.team_id = t.id AND a.tenant_id = $1 AND a.platform = $4 AND ${match}
    LEFT JOIN ad_account_permissions p ON p.ad_account_id = a.id AND p.user_id = $2
   WHERE t.id = $3 AND t.tenant_id = $1
   ORDER BY a.created_at, a.id
   LIMIT 2`;

// Run before every request on a team's account: prepared, so PostgreSQL plans the join once per connection.
const TEAM_ACCOUNT_ONLY: PreparedStatement = { name: 'team_account_only', text: teamAccountQuery('TRUE') };
const TEAM_ACCOUNT_BY_ID: PreparedStatement = { name: 'team_account_by_id', text: teamAccountQuery('a.id = $5::uuid') };
const TEAM_ACCOUNT_BY_ACCOUNT_ID: PreparedStatement = { name: 'team_account_by_account_id', text: teamAccountQuery('a.account_id = $5') };

/**
 * For `/{teamId}/{platform}/…` routes: in one query, the caller's relation to the team and the named account of that
 * team (or, when none is named, the team's only account of the platform).
 */
@Injectable()
export class TeamAccountResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(tenantId: string, userId: string, teamId: string, platform: PlatformName, ref: AdAccountRef | undefined): Promise<AdAccountAccess | undefined> {
    const statement = !ref ? TEAM_ACCOUNT_ONLY : ref.kind === 'id' ? TEAM_ACCOUNT_BY_ID : TEAM_ACCOUNT_BY_ACCOUNT_ID;
    const params = [tenantId, userId, teamId, platform];
    const rows = await queryPrepared<Row>(this.dataSource, statement, ref ? [...params, ref.kind === 'id' ? ref.id : ref.accountId] : params);
    const first = rows[0];
    if (!first || (!first.role && !first.is_workspace_admin)) return undefined;
    const label = platform === 'meta' ? 'Meta' : 'Google';
    if (!first.id) throw AppException.notFound(ref ? `${label} ad account not found in this team` : `This team has no ${label} ad account connected`);
    if (rows.length > 1) throw AppException.badRequest('Validation failed', [`adAccountId is required: this team has several ${label} ad accounts`]);
    return {
      adsAccountId: first.id,
      tenantId,
      teamId,
      connectionId: first.connection_id!,
      platform,
      accountId: first.account_id!,
      name: first.name,
      currency: first.currency,
      loginCustomerId: first.login_customer_id,
      role: first.role,
      isWorkspaceAdmin: first.is_workspace_admin,
      permission: first.permission,
    };
  }
}
