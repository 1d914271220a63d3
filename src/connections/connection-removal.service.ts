import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { AdAccountAccess } from '../ad-accounts/ad-account-access.types';
import { AppException } from '../common/app.exception';
import { PlatformDrivers } from '../platforms/platform-drivers.service';
import { ConnectionTokens } from './connection-tokens.service';

/**
 * Removing connections and accounts: the rows (with tokens and permissions, by cascade) go in one transaction; the
 * grant is then revoked at the platform, best effort: a failed revoke is logged, never undoes the removal.
 */
@Injectable()
export class ConnectionRemoval {
  private readonly logger = new Logger(ConnectionRemoval.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ConnectionTokens,
    private readonly drivers: PlatformDrivers,
    private readonly audit: AuditLog,
  ) {}

  async disconnect(tenantId: string, connectionId: string) {
    const tokens = await this.tokens.tokensForRevoke(tenantId, connectionId);
    const deleted = await this.dataSource.transaction(async (manager) => {
      const [counts]: Array<{ ads_accounts: number; permissions: number }> = await manager.query(
        `SELECT (SELECT count(*)::int FROM ad_accounts WHERE connection_id = $1 AND tenant_id = $2) AS ads_accounts,
                (SELECT count(*)::int FROM ad_account_permissions p JOIN ad_accounts a ON a.id = p.ad_account_id
                  WHERE a.connection_id = $1 AND a.tenant_id = $2) AS permissions`,
        [connectionId, tenantId],
      );
      const rows: Array<{ id: string; platform: string; team_id: string }> = await manager.query(
        `WITH gone AS (DELETE FROM platform_connections WHERE id = $1 AND tenant_id = $2 RETURNING id, platform, team_id)
         SELECT * FROM gone`,
        [connectionId, tenantId],
      );
      if (!rows[0]) throw AppException.notFound('Connection not found');
      await this.audit.record(manager, {
        tenantId,
        teamId: rows[0].team_id,
        action: 'connection.disconnected',
        resourceId: rows[0].id,
        data: { platform: rows[0].platform, adAccounts: counts.ads_accounts, permissions: counts.permissions },
      });
      return { id: rows[0].id, platform: rows[0].platform, teamId: rows[0].team_id, adsAccounts: counts.ads_accounts, permissions: counts.permissions };
    });
    const revoked = await this.revoke(connectionId, tokens);
    return { deleted: { ...deleted, revokedAtPlatform: revoked } };
  }

  /** Removes one ad account; when it was its connection's last, the connection goes too (and its grant is revoked). */
  async removeAdAccount(account: AdAccountAccess) {
    const tokens = await this.tokens.tokensForRevoke(account.tenantId, account.connectionId);
    const deletedConnections = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM platform_connections WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [account.connectionId, account.tenantId]);
      const removed: unknown[] = await manager.query(`WITH gone AS (DELETE FROM ad_accounts WHERE id = $1 AND tenant_id = $2 RETURNING id) SELECT id FROM gone`, [
        account.adsAccountId,
        account.tenantId,
      ]);
      if (removed.length === 0) throw AppException.notFound('Ad account not found');
      const gone: unknown[] = await manager.query(
        `WITH gone AS (DELETE FROM platform_connections c WHERE c.id = $1 AND c.tenant_id = $2
            AND NOT EXISTS (SELECT 1 FROM ad_accounts a WHERE a.connection_id = c.id) RETURNING c.id) SELECT id FROM gone`,
        [account.connectionId, account.tenantId],
      );
      await this.audit.record(manager, {
        tenantId: account.tenantId,
        teamId: account.teamId,
        action: 'ad_account.removed',
        resourceId: account.accountId,
        data: { platform: account.platform, adsAccountId: account.adsAccountId, connectionRemoved: gone.length > 0 },
      });
      if (gone.length > 0) {
        await this.audit.record(manager, {
          tenantId: account.tenantId,
          teamId: account.teamId,
          action: 'connection.disconnected',
          resourceId: account.connectionId,
          data: { platform: account.platform, reason: 'its last ad account was removed' },
        });
      }
      return gone.length;
    });
    if (deletedConnections > 0) await this.revoke(account.connectionId, tokens);
    return { tenantId: account.tenantId, adsAccountId: account.adsAccountId, deletedConnections, deletedAdsAccount: true };
  }

  private async revoke(connectionId: string, tokens: Awaited<ReturnType<ConnectionTokens['tokensForRevoke']>>): Promise<boolean> {
    try {
      await this.drivers.get(tokens.platform).revoke(tokens);
      return true;
    } catch (error) {
      this.logger.warn({ connectionId, platform: tokens.platform, reason: (error as Error).message }, 'Revoking the grant at the platform failed');
      return false;
    }
  }
}
