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

interface AccessRow {
  id: string;
  team_id: string;
  connection_id: string;
  platform: PlatformName;
  account_id: string;
  name: string | null;
  currency: string | null;
  login_customer_id: string | null;
  is_workspace_admin: boolean;
  role: TeamMemberRole | null;
  permission: AdAccountPermissionLevel | null;
}

const accessQuery = (match: string) => `
  SELECT a.id, a.team_id, a.connection_id, a.platform, a.account_id, a.name, a.currency, a.login_customer_id,
         (w.admin_user_id = $2) AS is_workspace_admin, m.role, p.permission
    FROM ad_accounts a
    JOIN teams t ON t.id = a.team_id AND t.tenant_id = $1
    JOIN workspaces w ON w.id = t.workspace_id
    LEFT JOIN team_members m ON m.team_id = a.team_id AND m.user_id = $2
    LEFT JOIN ad_account_permissions p ON p.ad_account_id = a.id AND p.user_id = $2
   WHERE a.tenant_id = $1 AND ${match}
     AND (w.admin_user_id = $2 OR m.role IS NOT NULL)
   ORDER BY a.created_at, a.id
   LIMIT 2`;

// Run before every request on an ad account: prepared, so PostgreSQL plans the join once per connection.
const ACCESS_BY_ID: PreparedStatement = { name: 'ad_account_access_by_id', text: accessQuery('a.id = $3::uuid') };
const ACCESS_BY_ACCOUNT_ID: PreparedStatement = { name: 'ad_account_access_by_account_id', text: accessQuery('a.account_id = $3') };

/** Resolves, in one query, how the caller relates to an ad account of their own tenant. */
@Injectable()
export class AdAccountAccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(tenantId: string, userId: string, ref: AdAccountRef): Promise<AdAccountAccess | undefined> {
    const statement = ref.kind === 'id' ? ACCESS_BY_ID : ACCESS_BY_ACCOUNT_ID;
    const rows = await queryPrepared<AccessRow>(this.dataSource, statement, [tenantId, userId, ref.kind === 'id' ? ref.id : ref.accountId]);
    if (rows.length > 1) {
      throw AppException.badRequest('Several of your ad accounts have this platform id; use the ad account id (uuid) instead', [
        'adAccountId is ambiguous',
      ]);
    }
    const row = rows[0];
    if (!row) return undefined;
    return {
      adsAccountId: row.id,
      tenantId,
      teamId: row.team_id,
      connectionId: row.connection_id,
      platform: row.platform,
      accountId: row.account_id,
      name: row.name,
      currency: row.currency,
      loginCustomerId: row.login_customer_id,
      role: row.role,
      isWorkspaceAdmin: row.is_workspace_admin,
      permission: row.permission,
    };
  }
}
