import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { AuditLog } from '../../../audit/audit-log.service';
import { MetaCampaignStatus, MetaCampaignStatusResult, MetaCampaignStatusWriter } from '../meta-campaign-status.writer';
import { MetaAccountCalls } from './meta-account-calls.service';

/**
 * A campaign paused or activated at Meta, then, in one transaction here: the audit entry (and its
 * `campaign.status_changed` webhook) and the local copy's status, so reads from the copy do not wait for a resync.
 */
@Injectable()
export class MetaCampaignStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calls: MetaAccountCalls,
    private readonly writer: MetaCampaignStatusWriter,
    private readonly audit: AuditLog,
  ) {}

  async setStatus(account: AdAccountAccess, campaignId: string, status: MetaCampaignStatus): Promise<MetaCampaignStatusResult> {
    const result = await this.calls.run(account, (token, accountId) => this.writer.setStatus(token, accountId, campaignId, status));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE meta_campaigns SET status = $4, data = jsonb_set(data, '{status}', to_jsonb($4::text))
          WHERE tenant_id = $1 AND ad_account_id = $2 AND campaign_id = $3 AND data ? 'status'`,
        [account.tenantId, account.adsAccountId, campaignId, status],
      );
      await this.audit.record(manager, {
        tenantId: account.tenantId,
        teamId: account.teamId,
        action: 'campaign.status_changed',
        resourceId: campaignId,
        data: { platform: 'meta', adAccountId: account.accountId, status },
      });
    });
    return result;
  }
}
