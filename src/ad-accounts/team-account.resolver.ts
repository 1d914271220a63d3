import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app.exception';
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

/**
 * For `/{teamId}/{platform}/…` routes: in one query, the caller's relation to the team and the named account of that
 * team (or, when none is named, the team's only account of the platform).
 */
@Injectable()
export class TeamAccountResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(tenantId: string, userId: string, teamId: string, platform: PlatformName, ref: AdAccountRef | undefined): Promise<AdAccountAccess | undefined> {
    const match = !ref ? 'TRUE' : ref.kind === 'id' ? 'a.id = $5::uuid' : 'a.account_id = $5';
    const rows: Row[] = await this.dataSource.query(
      `SELECT (w.admin_user_id = $2) AS is_workspace_admin, m.role,
              a.id, a.connection_id, a.account_id, a.name, a.currency, a.login_customer_id, p.permission
         FROM teams t
         JOIN workspaces w ON w.id = t.workspace_id
         LEFT JOIN team_members m ON m.team_id = t.id AND m.user_id = $2
         LEFT JOIN ad_accounts a ON a.team_id = t.id AND a.tenant_id = $1 AND a.platform = $4 AND ${match}
         LEFT JOIN ad_account_permissions p ON p.ad_account_id = a.id AND p.user_id = $2
        WHERE t.id = $3 AND t.tenant_id = $1
        ORDER BY a.created_at, a.id
        LIMIT 2`,
      ref ? [tenantId, userId, teamId, platform, ref.kind === 'id' ? ref.id : ref.accountId] : [tenantId, userId, teamId, platform],
    );
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
