import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { PlatformAdAccount, PlatformGrant } from '../platforms/platform-grant';
import { TokenOwner, TokenVault } from './vault/token-vault.service';

export interface GrantOwner {
  tenantId: string;
  teamId: string;
  userId: string;
}

function uniqueAccounts(accounts: PlatformAdAccount[]): PlatformAdAccount[] {
  return [...new Map(accounts.map((account) => [account.accountId, account])).values()];
}

/**
 * Writes what a callback produced, in one transaction: the same platform user connecting the same team again updates
 * that connection (new tokens, active again) and its accounts; accounts the platform no longer lists are removed.
 */
@Injectable()
export class ConnectionStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: TokenVault,
    private readonly audit: AuditLog,
  ) {}

  saveGrant(owner: GrantOwner, grant: PlatformGrant): Promise<{ connectionId: string; created: boolean }> {
    const tokenOwner: TokenOwner = { tenantId: owner.tenantId, teamId: owner.teamId, platform: grant.platform, platformUserId: grant.platformUserId };
    const access = this.vault.seal(tokenOwner, 'access', grant.accessToken);
    const refresh = grant.refreshToken ? this.vault.seal(tokenOwner, 'refresh', grant.refreshToken) : null;
    return this.dataSource.transaction(async (manager) => {
      const [row]: Array<{ id: string; created: boolean }> = await manager.query(
        `INSERT INTO platform_connections
           (tenant_id, team_id, platform, platform_user_id, scopes, access_token_ciphertext, refresh_token_ciphertext,
            access_token_expires_at, connected_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (team_id, platform, platform_user_id) DO UPDATE SET
           status = 'active', status_reason = NULL, scopes = EXCLUDED.scopes,
           access_token_ciphertext = EXCLUDED.access_token_ciphertext,
           refresh_token_ciphertext = COALESCE(EXCLUDED.refresh_token_ciphertext, platform_connections.refresh_token_ciphertext),
           access_token_expires_at = EXCLUDED.access_token_expires_at,
           connected_by_user_id = EXCLUDED.connected_by_user_id, updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [owner.tenantId, owner.teamId, grant.platform, grant.platformUserId, grant.scopes, access, refresh, grant.accessTokenExpiresAt, owner.userId],
      );
      await this.saveAccounts(manager, owner, row.id, grant);
      // The callback carries no user token: the actor is the user who started the connect flow.
      await this.audit.record(manager, {
        tenantId: owner.tenantId,
        teamId: owner.teamId,
        action: 'connection.created',
        resourceId: row.id,
        data: { platform: grant.platform, reconnected: !row.created, adAccounts: uniqueAccounts(grant.accounts).map((account) => account.accountId) },
        actor: { userId: owner.userId, externalUserId: null },
      });
      return { connectionId: row.id, created: row.created };
    });
  }

  private async saveAccounts(manager: EntityManager, owner: GrantOwner, connectionId: string, grant: PlatformGrant): Promise<void> {
    const accounts = uniqueAccounts(grant.accounts);
    const column = <K extends keyof PlatformAdAccount>(key: K) => accounts.map((account) => account[key]);
    if (accounts.length > 0) {
      await manager.query(
        `INSERT INTO ad_accounts
           (tenant_id, team_id, connection_id, platform, account_id, name, currency, timezone, status, is_manager, login_customer_id)
         SELECT $1, $2, $3, $4, a.account_id, a.name, a.currency, a.timezone, a.status, a.is_manager, a.login_customer_id
           FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[])
                AS a(account_id, name, currency, timezone, status, is_manager, login_customer_id)
         ON CONFLICT (team_id, platform, account_id) DO UPDATE SET
           connection_id = EXCLUDED.connection_id, name = EXCLUDED.name, currency = EXCLUDED.currency,
           timezone = EXCLUDED.timezone, status = EXCLUDED.status, is_manager = EXCLUDED.is_manager,
           login_customer_id = EXCLUDED.login_customer_id, updated_at = now()`,
        [
          owner.tenantId,
          owner.teamId,
          connectionId,
          grant.platform,
          column('accountId'),
          column('name'),
          column('currency'),
          column('timezone'),
          column('status'),
          column('isManager'),
          column('loginCustomerId'),
        ],
      );
    }
    await manager.query(`DELETE FROM ad_accounts WHERE tenant_id = $1 AND connection_id = $2 AND account_id <> ALL($3::text[])`, [
      owner.tenantId,
      connectionId,
      column('accountId'),
    ]);
  }
}
