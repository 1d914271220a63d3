import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { PlatformError } from '../platform-error';
import { MetaGraphClient } from './meta-graph.client';

export type MetaCampaignStatus = 'ACTIVE' | 'PAUSED';

export interface MetaCampaignStatusResult {
  id: string;
  status: MetaCampaignStatus;
}

const STATUSES: readonly string[] = ['ACTIVE', 'PAUSED'];
const NUMERIC_ID = /^\d{1,30}$/;
const NOT_FOUND = 'Campaign not found in this ad account';

/** Pauses or activates a campaign, after checking that it is a campaign of the given ad account. */
@Injectable()
export class MetaCampaignStatusWriter {
  constructor(private readonly graph: MetaGraphClient) {}

  async setStatus(accessToken: string, accountId: string, campaignId: string, status: MetaCampaignStatus): Promise<MetaCampaignStatusResult> {
    if (!STATUSES.includes(status)) throw AppException.badRequest('status must be ACTIVE or PAUSED');
    if (!NUMERIC_ID.test(campaignId)) throw AppException.notFound(NOT_FOUND);

    const owner = await this.ownerAccount(accessToken, campaignId);
    if (owner !== accountId.replace(/^act_/, '')) throw AppException.notFound(NOT_FOUND);

    await this.graph.post(`/${campaignId}`, { status }, accessToken);
    return { id: campaignId, status };
  }

  private async ownerAccount(accessToken: string, campaignId: string): Promise<string | undefined> {
    try {
      // `objective` exists on campaigns only: an ad set or ad id fails here instead of passing as a campaign.
      const node = await this.graph.get<{ account_id?: unknown }>(`/${campaignId}`, { fields: 'account_id,objective' }, accessToken);
      return node?.account_id === undefined || node.account_id === null ? undefined : String(node.account_id).replace(/^act_/, '');
    } catch (error) {
      // Code 100: no such object, not visible to this user, or not a campaign.
      if (error instanceof PlatformError && error.platformDetails.platformCode === 100) throw AppException.notFound(NOT_FOUND);
      throw error;
    }
  }
}
