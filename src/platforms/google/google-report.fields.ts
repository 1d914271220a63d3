/**
 * What a client may ask of `GET /{teamId}/google/insights` and `GET /{teamId}/google/assets`: public field names
 * (snake_case, one per GAQL field) mapped to the GAQL field they select. Nothing else ever reaches a query.
 */

export const GOOGLE_REPORT_LEVELS = ['customer', 'campaign', 'ad_group', 'ad'] as const;
export type GoogleReportLevel = (typeof GOOGLE_REPORT_LEVELS)[number];

export const GOOGLE_ASSET_LEVELS = ['customer', 'campaign', 'ad_group'] as const;
export type GoogleAssetLevel = (typeof GOOGLE_ASSET_LEVELS)[number];

/**
 * How a REST value becomes an answer value. `id`: int64 as a string. `text`: a string or an enum name. `strings`: a
 * repeated string. `texts`: repeated AdTextAsset, answered as their texts. `number`: a metric, 0 when Google left it
 * out (proto3 drops zeros). `money`: micros of the account currency, answered twice (see `money`).
 */
export type GoogleValueKind = 'id' | 'text' | 'strings' | 'texts' | 'number' | 'money';

export interface GoogleFieldSpec {
  /** The GAQL field selected; its REST value sits at the same path in lowerCamelCase. */
  gaql: string;
  kind: GoogleValueKind;
  /** A metric: absent means 0 (proto3 JSON drops zeros); an absent attribute is null. */
  metric?: boolean;
  /** For `money`: the answer keys of the micros and of the currency units. */
  money?: { micros: string; units: string };
}

const id = (gaql: string): GoogleFieldSpec => ({ gaql, kind: 'id' });
const text = (gaql: string): GoogleFieldSpec => ({ gaql, kind: 'text' });
const metric = (gaql: string): GoogleFieldSpec => ({ gaql, kind: 'number', metric: true });
const money = (gaql: string, micros: string, units: string, isMetric = false): GoogleFieldSpec => ({ gaql, kind: 'money', metric: isMetric, money: { micros, units } });

/** Metrics every report level offers. Money metrics answer `<x>_micros` and `<x>` (currency units). */
export const GOOGLE_REPORT_METRICS: Readonly<Record<string, GoogleFieldSpec>> = {
  impressions: metric('metrics.impressions'),
  clicks: metric('metrics.clicks'),
  ctr: metric('metrics.ctr'),
  cost_micros: money('metrics.cost_micros', 'cost_micros', 'cost', true),
  average_cpc: money('metrics.average_cpc', 'average_cpc_micros', 'average_cpc', true),
  average_cpm: money('metrics.average_cpm', 'average_cpm_micros', 'average_cpm', true),
  conversions: metric('metrics.conversions'),
  conversions_value: metric('metrics.conversions_value'),
  all_conversions: metric('metrics.all_conversions'),
  interactions: metric('metrics.interactions'),
  cost_per_conversion: money('metrics.cost_per_conversion', 'cost_per_conversion_micros', 'cost_per_conversion', true),
};

/** Segments every report level offers; each splits the rows (date: one row per day). */
export const GOOGLE_REPORT_SEGMENTS: Readonly<Record<string, GoogleFieldSpec>> = {
  date: text('segments.date'),
  device: text('segments.device'),
  ad_network_type: text('segments.ad_network_type'),
};

interface LevelFields {
  /** The GAQL resource after FROM. */
  resource: string;
  /** Always answered, first: what identifies a row. */
  keys: readonly string[];
  attributes: Readonly<Record<string, GoogleFieldSpec>>;
  /** Served when the client names no field. */
  defaults: readonly string[];
}

const CAMPAIGN_REF = { campaign_id: id('campaign.id'), campaign_name: text('campaign.name') };
const AD_GROUP_REF = { ad_group_id: id('ad_group.id'), ad_group_name: text('ad_group.name') };
const DEFAULT_METRICS = ['impressions', 'clicks', 'ctr', 'cost_micros', 'average_cpc', 'conversions'];

export const GOOGLE_REPORT_LEVEL_FIELDS: Readonly<Record<GoogleReportLevel, LevelFields>> = {
  customer: {
    resource: 'customer',
    keys: ['customer_id'],
    attributes: { customer_id: id('customer.id'), customer_name: text('customer.descriptive_name') },
    defaults: ['customer_name', ...DEFAULT_METRICS],
  },
  campaign: {
    resource: 'campaign',
    keys: ['campaign_id'],
    attributes: {
      ...CAMPAIGN_REF,
      campaign_status: text('campaign.status'),
      advertising_channel_type: text('campaign.advertising_channel_type'),
      bidding_strategy_type: text('campaign.bidding_strategy_type'),
      budget_amount_micros: money('campaign_budget.amount_micros', 'budget_amount_micros', 'budget_amount'),
    },
    defaults: ['campaign_name', 'campaign_status', ...DEFAULT_METRICS],
  },
  ad_group: {
    resource: 'ad_group',
    keys: ['ad_group_id'],
    attributes: {
      ...AD_GROUP_REF,
      ad_group_status: text('ad_group.status'),
      ad_group_type: text('ad_group.type'),
      cpc_bid_micros: money('ad_group.cpc_bid_micros', 'cpc_bid_micros', 'cpc_bid'),
      ...CAMPAIGN_REF,
    },
    defaults: ['ad_group_name', 'ad_group_status', 'campaign_id', ...DEFAULT_METRICS],
  },
  ad: {
    resource: 'ad_group_ad',
    keys: ['ad_id'],
    attributes: {
      ad_id: id('ad_group_ad.ad.id'),
      ad_name: text('ad_group_ad.ad.name'),
      ad_status: text('ad_group_ad.status'),
      ad_type: text('ad_group_ad.ad.type'),
      final_urls: { gaql: 'ad_group_ad.ad.final_urls', kind: 'strings' },
      headlines: { gaql: 'ad_group_ad.ad.responsive_search_ad.headlines', kind: 'texts' },
      descriptions: { gaql: 'ad_group_ad.ad.responsive_search_ad.descriptions', kind: 'texts' },
      ...AD_GROUP_REF,
      ...CAMPAIGN_REF,
    },
    defaults: ['ad_status', 'ad_type', 'ad_group_id', 'campaign_id', ...DEFAULT_METRICS],
  },
};

const ASSET_FIELDS: Readonly<Record<string, GoogleFieldSpec>> = {
  asset_id: id('asset.id'),
  asset_name: text('asset.name'),
  asset_type: text('asset.type'),
  text: text('asset.text_asset.text'),
  image_url: text('asset.image_asset.full_size.url'),
  youtube_video_id: text('asset.youtube_video_asset.youtube_video_id'),
  youtube_video_title: text('asset.youtube_video_asset.youtube_video_title'),
  final_urls: { gaql: 'asset.final_urls', kind: 'strings' },
};

interface AssetLevelFields extends LevelFields {
  /** The link's status field: REMOVED links are left out. */
  linkStatus?: string;
}

export const GOOGLE_ASSET_LEVEL_FIELDS: Readonly<Record<GoogleAssetLevel, AssetLevelFields>> = {
  customer: { resource: 'asset', keys: ['asset_id'], attributes: ASSET_FIELDS, defaults: Object.keys(ASSET_FIELDS) },
  campaign: {
    resource: 'campaign_asset',
    keys: ['campaign_id', 'asset_id'],
    attributes: { ...CAMPAIGN_REF, field_type: text('campaign_asset.field_type'), link_status: text('campaign_asset.status'), ...ASSET_FIELDS },
    defaults: ['campaign_name', 'field_type', 'link_status', ...Object.keys(ASSET_FIELDS)],
    linkStatus: 'campaign_asset.status',
  },
  ad_group: {
    resource: 'ad_group_asset',
    keys: ['ad_group_id', 'asset_id'],
    attributes: { ...AD_GROUP_REF, field_type: text('ad_group_asset.field_type'), link_status: text('ad_group_asset.status'), ...ASSET_FIELDS },
    defaults: ['ad_group_name', 'field_type', 'link_status', ...Object.keys(ASSET_FIELDS)],
    linkStatus: 'ad_group_asset.status',
  },
};

export const isGoogleReportLevel = (value: string): value is GoogleReportLevel => (GOOGLE_REPORT_LEVELS as readonly string[]).includes(value);
export const isGoogleAssetLevel = (value: string): value is GoogleAssetLevel => (GOOGLE_ASSET_LEVELS as readonly string[]).includes(value);

/** A named answer column: the public field and what it reads. */
export interface GoogleColumn {
  name: string;
  spec: GoogleFieldSpec;
}

export type PickedGoogleFields = { columns: GoogleColumn[] } | { unknown: string[] } | { problem: string };

/** The public names a report level accepts, in a stable order: attributes, segments, metrics. */
export function googleReportFieldNames(level: GoogleReportLevel): string[] {
  return [...Object.keys(GOOGLE_REPORT_LEVEL_FIELDS[level].attributes), ...Object.keys(GOOGLE_REPORT_SEGMENTS), ...Object.keys(GOOGLE_REPORT_METRICS)];
}

export function googleAssetFieldNames(level: GoogleAssetLevel): string[] {
  return Object.keys(GOOGLE_ASSET_LEVEL_FIELDS[level].attributes);
}

function pick(keys: readonly string[], requested: readonly string[] | undefined, defaults: readonly string[], lookup: (name: string) => GoogleFieldSpec | undefined): PickedGoogleFields {
  const names = [...new Set((requested ?? []).map((name) => name.trim()).filter(Boolean))];
  const unknown = names.filter((name) => !lookup(name));
  if (unknown.length > 0) return { unknown };
  const chosen = [...new Set([...keys, ...(names.length > 0 ? names : defaults)])];
  return { columns: chosen.map((name) => ({ name, spec: lookup(name)! })) };
}

/**
 * The columns of an insights report: the level's keys first, then the fields asked (or the defaults). Unknown names
 * are reported so the caller answers 400 without calling Google; a report needs at least one metric.
 */
export function pickGoogleReportFields(level: GoogleReportLevel, requested: readonly string[] | undefined): PickedGoogleFields {
  const fields = GOOGLE_REPORT_LEVEL_FIELDS[level];
  const picked = pick(fields.keys, requested, fields.defaults, (name) =>
    Object.hasOwn(fields.attributes, name) ? fields.attributes[name] : Object.hasOwn(GOOGLE_REPORT_SEGMENTS, name) ? GOOGLE_REPORT_SEGMENTS[name] : Object.hasOwn(GOOGLE_REPORT_METRICS, name) ? GOOGLE_REPORT_METRICS[name] : undefined,
  );
  if ('columns' in picked && !picked.columns.some((column) => Object.hasOwn(GOOGLE_REPORT_METRICS, column.name))) {
    return { problem: `fields must include at least one metric: ${Object.keys(GOOGLE_REPORT_METRICS).join(', ')}` };
  }
  return picked;
}

export function pickGoogleAssetFields(level: GoogleAssetLevel, requested: readonly string[] | undefined): PickedGoogleFields {
  const fields = GOOGLE_ASSET_LEVEL_FIELDS[level];
  return pick(fields.keys, requested, fields.defaults, (name) => (Object.hasOwn(fields.attributes, name) ? fields.attributes[name] : undefined));
}
