import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../../audit/audit-log.service';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import type { MetaLaunchIds, MetaLaunchKind } from './meta-launch.types';

/** The local side of a launch: the account's time zone, and one row per launch that completed at Meta. */
@Injectable()
export class MetaLaunchStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** ad_accounts.timezone (Meta's `timezone_name`, stored at connect), scoped to the tenant. */
  async timezoneOf(account: AdAccountAccess): Promise<string | null> {
    const [row]: Array<{ timezone: string | null }> = await this.dataSource.query(`SELECT timezone FROM ad_accounts WHERE id = $1 AND tenant_id = $2`, [
      account.adsAccountId,
      account.tenantId,
    ]);
    return row?.timezone ?? null;
  }

  async record(account: AdAccountAccess, userId: string, kind: MetaLaunchKind, ids: MetaLaunchIds): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO meta_campaign_launches (tenant_id, team_id, ad_account_id, created_by_user_id, kind, campaign_id, adset_id, creative_id, ad_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [account.tenantId, account.teamId, account.adsAccountId, userId, kind, ids.campaignId, ids.adSetId, ids.creativeId, ids.adId],
      );
      await this.audit.record(manager, {
        tenantId: account.tenantId,
        teamId: account.teamId,
        action: 'campaign.launched',
        resourceId: ids.campaignId,
        data: { platform: 'meta', kind, adAccountId: account.accountId, ...ids },
      });
    });
  }
}
