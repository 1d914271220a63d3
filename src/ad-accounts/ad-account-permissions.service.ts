import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TeamAccess } from '../access/access.types';
import type { AuthUser } from '../auth/auth-user';
import type { AuditAction } from '../audit/audit-action';
import { AuditLog } from '../audit/audit-log.service';
import { AppException } from '../common/app.exception';
import type { AdAccountPermissionLevel } from './ad-account-permission.entity';
import { parseAdAccountRef } from './ad-account-ref';

interface Target {
  account: { id: string; platform: string; account_id: string };
  userId: string;
  externalUserId: string;
}

interface PermissionRow {
  id: string;
  permission: AdAccountPermissionLevel;
  created_at: Date;
  updated_at: Date;
}

/** Grants, changes and withdraws a team member's right on one of the team's ad accounts (team ADMIN only). */
@Injectable()
export class AdAccountPermissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async assign(team: TeamAccess, granter: AuthUser, adAccountId: string, externalUserId: string, permission: AdAccountPermissionLevel) {
    const target = await this.target(team, adAccountId, externalUserId);
    const rows: PermissionRow[] = await this.recorded(team, target, 'permission.assigned', { permission }, (manager) => manager.query(
      `INSERT INTO ad_account_permissions (tenant_id, team_id, ad_account_id, user_id, permission, granted_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (ad_account_id, user_id) DO NOTHING
       RETURNING id, permission, created_at, updated_at`,
      [team.tenantId, team.teamId, target.account.id, target.userId, permission, granter.id],
    ));
    if (!rows[0]) throw AppException.conflict(`${externalUserId} already has a permission on this ad account; use change-permission`);
    return this.view(rows[0], target);
  }

  async change(team: TeamAccess, adAccountId: string, externalUserId: string, permission: AdAccountPermissionLevel) {
    const target = await this.target(team, adAccountId, externalUserId);
    const rows: PermissionRow[] = await this.recorded(team, target, 'permission.changed', { permission }, (manager) => manager.query(
      `WITH changed AS (
         UPDATE ad_account_permissions SET permission = $4, updated_at = now()
          WHERE tenant_id = $1 AND ad_account_id = $2 AND user_id = $3
          RETURNING id, permission, created_at, updated_at)
       SELECT * FROM changed`,
      [team.tenantId, target.account.id, target.userId, permission],
    ));
    if (!rows[0]) throw AppException.notFound(`${externalUserId} has no permission on this ad account; assign one first`);
    return this.view(rows[0], target);
  }

  async revoke(team: TeamAccess, adAccountId: string, externalUserId: string): Promise<void> {
    const target = await this.target(team, adAccountId, externalUserId);
    const rows: unknown[] = await this.recorded(team, target, 'permission.revoked', {}, (manager) => manager.query(
      `WITH gone AS (DELETE FROM ad_account_permissions WHERE tenant_id = $1 AND ad_account_id = $2 AND user_id = $3 RETURNING id)
       SELECT id FROM gone`,
      [team.tenantId, target.account.id, target.userId],
    ));
    if (rows.length === 0) throw AppException.notFound(`${externalUserId} has no permission on this ad account`);
  }

  /** Runs the change and, when it touched a row, records it in the same transaction. */
  private recorded<T>(team: TeamAccess, target: Target, action: AuditAction, data: Record<string, unknown>, change: (manager: EntityManager) => Promise<T[]>): Promise<T[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await change(manager);
      if (rows.length > 0) {
        await this.audit.record(manager, {
          tenantId: team.tenantId,
          workspaceId: team.workspaceId,
          teamId: team.teamId,
          action,
          resourceId: target.account.account_id,
          data: { ...data, platform: target.account.platform, adsAccountId: target.account.id, userId: target.userId, externalUserId: target.externalUserId },
        });
      }
      return rows;
    });
  }

  /** The account must belong to one of the team's connections and the user must be a member of the team. */
  private async target(team: TeamAccess, adAccountId: string, externalUserId: string): Promise<Target> {
    const ref = parseAdAccountRef(adAccountId);
    if (!ref) throw AppException.badRequest('Validation failed', ['adAccountId must be a platform account id (act_123, 123 or 1234567890) or an ad account uuid']);
    const accounts: Target['account'][] = await this.dataSource.query(
      `SELECT id, platform, account_id FROM ad_accounts
        WHERE tenant_id = $1 AND team_id = $2 AND ${ref.kind === 'id' ? 'id = $3::uuid' : 'account_id = $3'}
        ORDER BY platform LIMIT 2`,
      [team.tenantId, team.teamId, ref.kind === 'id' ? ref.id : ref.accountId],
    );
    if (accounts.length === 0) throw AppException.notFound('Ad account not found in this team');
    if (accounts.length > 1) throw AppException.badRequest('Validation failed', ['adAccountId names a Meta and a Google account of this team; use the ad account uuid']);
    const users: Array<{ id: string }> = await this.dataSource.query(
      `SELECT u.id FROM users u JOIN team_members m ON m.user_id = u.id AND m.team_id = $2
        WHERE u.tenant_id = $1 AND u.external_user_id = $3`,
      [team.tenantId, team.teamId, externalUserId],
    );
    if (!users[0]) throw AppException.badRequest('Validation failed', [`${externalUserId} is not a member of this team`]);
    return { account: accounts[0], userId: users[0].id, externalUserId };
  }

  private view(row: PermissionRow, target: Target) {
    return {
      id: row.id,
      permission: row.permission,
      externalUserId: target.externalUserId,
      updatedAt: row.updated_at,
      createdAt: row.created_at,
      adsAccount: { id: target.account.id, platform: target.account.platform, accountId: target.account.account_id },
    };
  }
}
