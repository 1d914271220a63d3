import type { SimMetaCreatedLeadForm } from './meta-sim-create';
import type { SimRow } from './meta-sim-fields';
import type { SimLaunchObject } from './meta-sim-launch';
import { graphTime, SimMetaObjectKind } from './meta-sim-objects';

const KIND: Readonly<Record<SimLaunchObject['edge'], SimMetaObjectKind>> = {
  campaigns: 'campaigns',
  adsets: 'adsets',
  adcreatives: 'adcreatives',
  ads: 'ads',
};

/**
 * The row Meta reads back for an object a launch created: what was sent (JSON decoded), plus the fields Meta fills
 * in (statuses, times, the parents of ad sets and ads).
 */
export function launchedRow(object: SimLaunchObject, parentOf: (id: string) => SimLaunchObject | undefined, at: Date): { kind: SimMetaObjectKind; row: SimRow } {
  const { execution_options: _options, ...sent } = object.fields;
  const row: SimRow = { ...sent, id: object.id, account_id: object.accountId };
  const time = graphTime(at);
  if (object.edge !== 'adcreatives') Object.assign(row, { status: object.status, configured_status: object.status, effective_status: object.status, created_time: time, updated_time: time });
  else row.status = 'ACTIVE';
  if (object.edge === 'campaigns') row.buying_type ??= 'AUCTION';
  if (object.edge === 'ads') {
    const adsetId = typeof sent.adset_id === 'string' ? sent.adset_id : undefined;
    const campaignId = adsetId === undefined ? undefined : parentOf(adsetId)?.fields.campaign_id;
    if (typeof campaignId === 'string') row.campaign_id = campaignId;
    const creative = sent.creative as { creative_id?: unknown } | undefined;
    if (typeof creative?.creative_id === 'string') row.creative = { id: creative.creative_id };
  }
  return { kind: KIND[object.edge], row };
}

export function createdPixelRow(id: string, name: string, at: Date): SimRow {
  return { id, name, code: `<!-- Meta Pixel Code -->\n<script>fbq('init', '${id}');</script>`, creation_time: graphTime(at), is_unavailable: false };
}

export function createdLeadFormRow(form: SimMetaCreatedLeadForm, at: Date): SimRow {
  return {
    id: form.id,
    name: form.name,
    status: 'ACTIVE',
    locale: form.locale ?? 'EN_US',
    leads_count: 0,
    created_time: graphTime(at),
    questions: form.questions,
    page_id: form.pageId,
  };
}
