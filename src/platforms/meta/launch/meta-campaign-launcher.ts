import { Injectable, Logger } from '@nestjs/common';
import { PlatformError } from '../../platform-error';
import { GraphParams, MetaGraphClient } from '../meta-graph.client';
import type { MetaLaunchPlan } from './meta-launch-plan.mapper';
import type { MetaLaunchIds } from './meta-launch.types';

export type MetaLaunchObject = 'campaign' | 'adset' | 'creative' | 'ad';

/** One object of a preflight and who checked it: Meta (`execution_options=["validate_only"]`) or our own rules. */
export interface MetaLaunchCheck {
  object: MetaLaunchObject;
  checkedBy: 'meta' | 'local';
}

export interface MetaLaunchValidation {
  valid: true;
  checked: MetaLaunchCheck[];
}

interface Created {
  object: MetaLaunchObject;
  id: string;
}

const VALIDATE_ONLY = { execution_options: ['validate_only'] };
const EDGES: Readonly<Record<MetaLaunchObject, string>> = { campaign: 'campaigns', adset: 'adsets', creative: 'adcreatives', ad: 'ads' };

function createdId(body: unknown, object: MetaLaunchObject): string {
  const id = body && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
  if ((typeof id === 'string' && /^\d{1,30}$/.test(id)) || (typeof id === 'number' && Number.isSafeInteger(id))) return String(id);
  throw PlatformError.failed(`Meta did not return the id of the new ${object}`, { platform: 'meta' });
}

/**
 * Runs a launch plan against the Graph API: campaign → ad set → creative → ad (→ switch the campaign on), each step
 * with the id of the one before. When any step fails, or `commit` (storing the ids) fails, everything already
 * created is deleted at Meta in reverse order and the original error is thrown: no half-made campaign is left.
 */
@Injectable()
export class MetaCampaignLauncher {
  private readonly logger = new Logger(MetaCampaignLauncher.name);

  constructor(private readonly graph: MetaGraphClient) {}

  async launch(accessToken: string, accountId: string, plan: MetaLaunchPlan, commit?: (ids: MetaLaunchIds) => Promise<void>): Promise<MetaLaunchIds> {
    const account = `act_${encodeURIComponent(accountId.replace(/^act_/, ''))}`;
    const created: Created[] = [];
    const create = async (object: MetaLaunchObject, params: GraphParams): Promise<string> => {
      const id = createdId(await this.graph.post<unknown>(`/${account}/${EDGES[object]}`, params, accessToken), object);
      created.push({ object, id });
      return id;
    };
    try {
      const campaignId = await create('campaign', plan.campaign);
      const adSetId = await create('adset', { ...plan.adset, campaign_id: campaignId });
      const creativeId = await create('creative', plan.creative);
      const adId = await create('ad', { ...plan.ad, adset_id: adSetId, creative: { creative_id: creativeId } });
      if (plan.activate) await this.graph.post<unknown>(`/${campaignId}`, { status: 'ACTIVE' }, accessToken);
      const ids: MetaLaunchIds = { campaignId, adSetId, creativeId, adId };
      if (commit) await commit(ids);
      return ids;
    } catch (error) {
      await this.rollback(accessToken, accountId, created, error);
      throw error;
    }
  }

  /**
   * A preflight that creates nothing. Meta's validate_only runs on the campaign; the ad set, creative and ad cannot be
   * validated there (an ad set needs a real campaign id, an ad a real ad set and creative, and creatives take no
   * execution_options), so they pass only the local checks the plan was built with.
   */
  async validate(accessToken: string, accountId: string, plan: MetaLaunchPlan): Promise<MetaLaunchValidation> {
    const account = `act_${encodeURIComponent(accountId.replace(/^act_/, ''))}`;
    await this.graph.post<unknown>(`/${account}/campaigns`, { ...plan.campaign, ...VALIDATE_ONLY }, accessToken);
    return {
      valid: true,
      checked: [
        { object: 'campaign', checkedBy: 'meta' },
        { object: 'adset', checkedBy: 'local' },
        { object: 'creative', checkedBy: 'local' },
        { object: 'ad', checkedBy: 'local' },
      ],
    };
  }

  /** Deletes in reverse order; a delete that fails is logged with the object's id and does not hide `cause`. */
  private async rollback(accessToken: string, accountId: string, created: Created[], cause: unknown): Promise<void> {
    for (const { object, id } of [...created].reverse()) {
      try {
        await this.graph.delete<unknown>(`/${id}`, {}, accessToken);
      } catch (error) {
        this.logger.error(
          {
            accountId,
            object,
            objectId: id,
            reason: error instanceof Error ? error.message : String(error),
            launchError: cause instanceof Error ? cause.message : String(cause),
          },
          `Launch rollback could not delete ${object} ${id} at Meta; delete it by hand`,
        );
      }
    }
  }
}
