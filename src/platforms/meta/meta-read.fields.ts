/** What a client may ask of the Meta read endpoints, and what it gets when it names nothing. */

export type MetaReadKind = 'campaigns' | 'adsets' | 'ads' | 'adcreatives' | 'insights';

// The seed lists no campaign fields; these are the Graph Campaign fields a campaign list needs.
const CAMPAIGN_FIELDS = [
  'id',
  'name',
  'status',
  'objective',
  'effective_status',
  'daily_budget',
  'lifetime_budget',
  'budget_remaining',
  'bid_strategy',
  'buying_type',
  'special_ad_categories',
  'start_time',
  'stop_time',
  'created_time',
  'updated_time',
];

const ADSET_FIELDS = [
  'id',
  'campaign_id',
  'campaign',
  'adset_schedule',
  'name',
  'status',
  'effective_status',
  'billing_event',
  'optimization_goal',
  'bid_amount',
  'budget_remaining',
  'daily_budget',
  'lifetime_budget',
  'start_time',
  'end_time',
  'created_time',
  'updated_time',
  'attribution_spec',
  'targeting',
];

const AD_FIELDS = [
  'id',
  'adset',
  'adset_id',
  'bid_amount',
  'campaign',
  'campaign_id',
  'updated_time',
  'created_time',
  'creative',
  'name',
  'status',
  'effective_status',
];

const ADCREATIVE_FIELDS = [
  'id',
  'name',
  'status',
  'object_story_spec',
  'title',
  'body',
  'image_url',
  'thumbnail_url',
  'call_to_action_type',
  'object_type',
  'url_tags',
  'effective_object_story_id',
];

const INSIGHT_FIELDS = [
  'impressions',
  'clicks',
  'spend',
  'cpm',
  'cpc',
  'actions',
  'action_values',
  'reach',
  'ctr',
  'frequency',
  'date_start',
  'date_stop',
  'campaign_id',
  'campaign_name',
  'adset_id',
  'adset_name',
  'ad_id',
  'ad_name',
];

/** The seed's own insights field list, served when a client names none. */
const DEFAULT_INSIGHT_FIELDS = ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values'];

export const META_READ_FIELDS: Readonly<Record<MetaReadKind, readonly string[]>> = {
  campaigns: CAMPAIGN_FIELDS,
  adsets: ADSET_FIELDS,
  ads: AD_FIELDS,
  adcreatives: ADCREATIVE_FIELDS,
  insights: INSIGHT_FIELDS,
};

/** Objects: everything allowed (the seed: "if you dont specify fields we will return all fields"). */
export const META_DEFAULT_FIELDS: Readonly<Record<MetaReadKind, readonly string[]>> = {
  campaigns: CAMPAIGN_FIELDS,
  adsets: ADSET_FIELDS,
  ads: AD_FIELDS,
  adcreatives: ADCREATIVE_FIELDS,
  insights: DEFAULT_INSIGHT_FIELDS,
};

export const META_INSIGHT_LEVELS = ['account', 'campaign', 'adset', 'ad'] as const;
export type MetaInsightLevel = (typeof META_INSIGHT_LEVELS)[number];

export const META_INSIGHT_BREAKDOWNS = ['gender', 'country', 'age', 'publisher_platform', 'impression_device'] as const;
export type MetaInsightBreakdown = (typeof META_INSIGHT_BREAKDOWNS)[number];

/** Fixed field lists of the reads a client cannot shape. */
export const META_PIXEL_FIELDS: readonly string[] = ['id', 'name', 'code', 'last_fired_time', 'creation_time', 'is_unavailable'];
export const META_SAVED_AUDIENCE_FIELDS: readonly string[] = [
  'id',
  'name',
  'description',
  'targeting',
  'approximate_count_lower_bound',
  'approximate_count_upper_bound',
  'run_status',
  'time_created',
  'time_updated',
];
export const META_CUSTOM_AUDIENCE_FIELDS: readonly string[] = [
  'id',
  'name',
  'description',
  'subtype',
  'approximate_count_lower_bound',
  'approximate_count_upper_bound',
  'customer_file_source',
  'retention_days',
  'delivery_status',
  'operation_status',
  'time_created',
  'time_updated',
];
export const META_PAGE_FIELDS: readonly string[] = ['id', 'name', 'category', 'tasks'];
export const META_LEAD_FORM_FIELDS: readonly string[] = ['id', 'name', 'status', 'locale', 'leads_count', 'created_time'];

export type PickedFields = { fields: string[] } | { unknown: string[] };

/**
 * The `fields` query of a read endpoint: comma-separated, trimmed, de-duplicated, checked against the allow-list.
 * Nothing named (absent or only commas and blanks) means the defaults; any unknown name is reported so the caller
 * can answer 400 without calling Meta.
 */
export function pickFields(kind: MetaReadKind, requested: string | undefined): PickedFields {
  const names = [...new Set((requested ?? '').split(',').map((name) => name.trim()).filter(Boolean))];
  if (names.length === 0) return { fields: [...META_DEFAULT_FIELDS[kind]] };
  const allowed = META_READ_FIELDS[kind];
  const unknown = names.filter((name) => !allowed.includes(name));
  return unknown.length > 0 ? { unknown } : { fields: names };
}

export function isMetaInsightLevel(value: string): value is MetaInsightLevel {
  return (META_INSIGHT_LEVELS as readonly string[]).includes(value);
}

export function isMetaInsightBreakdown(value: string): value is MetaInsightBreakdown {
  return (META_INSIGHT_BREAKDOWNS as readonly string[]).includes(value);
}
