import type { SimGoogleCustomer, SimGoogleMetricRow } from './simulated-google-platform';

/** Field types of the simulator's GAQL schema; `strings` are repeated strings, `texts` repeated AdTextAsset messages. */
export type FieldType = 'int64' | 'double' | 'string' | 'enum' | 'bool' | 'date' | 'datetime' | 'strings' | 'texts';
export type Scalar = string | number | boolean;
export type SimValue = Scalar | string[] | Array<{ text: string }>;
export type SimRecord = Record<string, SimValue | undefined>;

export interface SimGoogleCampaign {
  id: string;
  name: string;
  /** ENABLED (default), PAUSED or REMOVED. */
  status?: string;
  advertisingChannelType?: string;
  biddingStrategyType?: string;
  /** The campaign budget's amount_micros. */
  budgetMicros?: number;
  /** 'yyyy-MM-dd HH:mm:ss' in the customer's time zone (v23+ campaign.start_date_time / end_date_time). */
  startDateTime?: string;
  endDateTime?: string;
  /** Per-day metrics of this campaign. */
  metrics?: SimGoogleMetricRow[];
  /** When it last changed (ISO instant), for change_status; set by the simulator when left out. */
  changedAt?: string;
}

export interface SimGoogleAdGroup {
  id: string;
  campaignId: string;
  name: string;
  status?: string;
  type?: string;
  cpcBidMicros?: number;
  metrics?: SimGoogleMetricRow[];
  changedAt?: string;
}

export interface SimGoogleAd {
  id: string;
  adGroupId: string;
  name?: string;
  /** The ad_group_ad status. */
  status?: string;
  type?: string;
  finalUrls?: string[];
  headlines?: string[];
  descriptions?: string[];
  metrics?: SimGoogleMetricRow[];
  changedAt?: string;
}

export interface SimGoogleAssetLink {
  fieldType: string;
  /** ENABLED (default), PAUSED or REMOVED. */
  status?: string;
}

export interface SimGoogleAsset {
  id: string;
  name?: string;
  /** TEXT, IMAGE, YOUTUBE_VIDEO, SITELINK, … */
  type: string;
  text?: string;
  imageUrl?: string;
  youtubeVideoId?: string;
  youtubeVideoTitle?: string;
  finalUrls?: string[];
  /** Links to campaigns (campaign_asset) and ad groups (ad_group_asset). */
  campaigns?: Array<SimGoogleAssetLink & { campaignId: string }>;
  adGroups?: Array<SimGoogleAssetLink & { adGroupId: string }>;
}

/** What one customer holds besides its account-level metrics. */
export interface SimCustomerObjects {
  campaigns: SimGoogleCampaign[];
  adGroups: SimGoogleAdGroup[];
  ads: SimGoogleAd[];
  assets: SimGoogleAsset[];
}

export const emptyObjects = (): SimCustomerObjects => ({ campaigns: [], adGroups: [], ads: [], assets: [] });

const CUSTOMER_FIELDS: Record<string, FieldType> = {
  resource_name: 'string',
  id: 'int64',
  descriptive_name: 'string',
  currency_code: 'string',
  time_zone: 'string',
  manager: 'bool',
  status: 'enum',
  test_account: 'bool',
};

const prefixed = (prefix: string, fields: Record<string, FieldType>) => Object.fromEntries(Object.entries(fields).map(([name, type]) => [`${prefix}.${name}`, type]));

/** Every field the simulator knows, with its type (the subset of the v26 field list the app uses). */
export const FIELD_TYPES: Record<string, FieldType> = {
  ...prefixed('customer', CUSTOMER_FIELDS),
  ...prefixed('customer_client', CUSTOMER_FIELDS),
  'customer_client.client_customer': 'string',
  'customer_client.level': 'int64',
  'customer_client.hidden': 'bool',
  ...prefixed('campaign', {
    resource_name: 'string',
    id: 'int64',
    name: 'string',
    status: 'enum',
    advertising_channel_type: 'enum',
    bidding_strategy_type: 'enum',
    campaign_budget: 'string',
    start_date_time: 'string',
    end_date_time: 'string',
  }),
  'campaign_budget.resource_name': 'string',
  'campaign_budget.amount_micros': 'int64',
  ...prefixed('ad_group', { resource_name: 'string', id: 'int64', name: 'string', status: 'enum', type: 'enum', cpc_bid_micros: 'int64', campaign: 'string' }),
  ...prefixed('ad_group_ad', {
    resource_name: 'string',
    status: 'enum',
    ad_group: 'string',
    'ad.resource_name': 'string',
    'ad.id': 'int64',
    'ad.name': 'string',
    'ad.type': 'enum',
    'ad.final_urls': 'strings',
    'ad.responsive_search_ad.headlines': 'texts',
    'ad.responsive_search_ad.descriptions': 'texts',
  }),
  ...prefixed('asset', {
    resource_name: 'string',
    id: 'int64',
    name: 'string',
    type: 'enum',
    final_urls: 'strings',
    'text_asset.text': 'string',
    'image_asset.full_size.url': 'string',
    'youtube_video_asset.youtube_video_id': 'string',
    'youtube_video_asset.youtube_video_title': 'string',
  }),
  ...prefixed('campaign_asset', { resource_name: 'string', campaign: 'string', asset: 'string', field_type: 'enum', status: 'enum' }),
  ...prefixed('ad_group_asset', { resource_name: 'string', ad_group: 'string', asset: 'string', field_type: 'enum', status: 'enum' }),
  ...prefixed('change_status', {
    resource_name: 'string',
    resource_type: 'enum',
    resource_status: 'enum',
    last_change_date_time: 'datetime',
    campaign: 'string',
    ad_group: 'string',
    ad_group_ad: 'string',
  }),
  'segments.date': 'date',
  'segments.device': 'enum',
  'segments.ad_network_type': 'enum',
  'metrics.impressions': 'int64',
  'metrics.clicks': 'int64',
  'metrics.cost_micros': 'int64',
  'metrics.interactions': 'int64',
  'metrics.ctr': 'double',
  'metrics.average_cpc': 'double',
  'metrics.average_cpm': 'double',
  'metrics.conversions': 'double',
  'metrics.conversions_value': 'double',
  'metrics.all_conversions': 'double',
  'metrics.cost_per_conversion': 'double',
};

/** Which resources' fields each FROM resource may select (its own, attributed resources, metrics, segments). */
export const SELECTABLE: Record<string, string[]> = {
  customer: ['customer', 'metrics', 'segments'],
  customer_client: ['customer_client', 'customer'],
  campaign: ['campaign', 'campaign_budget', 'customer', 'metrics', 'segments'],
  ad_group: ['ad_group', 'campaign', 'customer', 'metrics', 'segments'],
  ad_group_ad: ['ad_group_ad', 'ad_group', 'campaign', 'customer', 'metrics', 'segments'],
  asset: ['asset'],
  campaign_asset: ['campaign_asset', 'asset', 'campaign'],
  ad_group_asset: ['ad_group_asset', 'asset', 'ad_group'],
  change_status: ['change_status'],
};

/** One row source of a FROM resource: its fields joined with its attributed resources, and its per-day metrics. */
export interface SimEntity {
  record: SimRecord;
  metrics: SimGoogleMetricRow[];
}

export function customerRecord(prefix: 'customer' | 'customer_client', customer: SimGoogleCustomer, resourceName: string): SimRecord {
  return {
    [`${prefix}.resource_name`]: resourceName,
    [`${prefix}.id`]: customer.id,
    [`${prefix}.descriptive_name`]: customer.descriptiveName || undefined,
    [`${prefix}.currency_code`]: customer.currencyCode,
    [`${prefix}.time_zone`]: customer.timeZone,
    [`${prefix}.manager`]: customer.manager === true,
    [`${prefix}.status`]: customer.status ?? 'ENABLED',
    [`${prefix}.test_account`]: false,
  };
}

function campaignRecord(customerId: string, campaign: SimGoogleCampaign): SimRecord {
  const budget = `customers/${customerId}/campaignBudgets/${campaign.id}`;
  return {
    'campaign.resource_name': `customers/${customerId}/campaigns/${campaign.id}`,
    'campaign.id': campaign.id,
    'campaign.name': campaign.name,
    'campaign.status': campaign.status ?? 'ENABLED',
    'campaign.advertising_channel_type': campaign.advertisingChannelType ?? 'SEARCH',
    'campaign.bidding_strategy_type': campaign.biddingStrategyType ?? 'MANUAL_CPC',
    'campaign.campaign_budget': campaign.budgetMicros === undefined ? undefined : budget,
    'campaign.start_date_time': campaign.startDateTime,
    'campaign.end_date_time': campaign.endDateTime,
    'campaign_budget.resource_name': campaign.budgetMicros === undefined ? undefined : budget,
    'campaign_budget.amount_micros': campaign.budgetMicros,
  };
}

function adGroupRecord(customerId: string, adGroup: SimGoogleAdGroup): SimRecord {
  return {
    'ad_group.resource_name': `customers/${customerId}/adGroups/${adGroup.id}`,
    'ad_group.id': adGroup.id,
    'ad_group.name': adGroup.name,
    'ad_group.status': adGroup.status ?? 'ENABLED',
    'ad_group.type': adGroup.type ?? 'SEARCH_STANDARD',
    'ad_group.cpc_bid_micros': adGroup.cpcBidMicros,
    'ad_group.campaign': `customers/${customerId}/campaigns/${adGroup.campaignId}`,
  };
}

function adRecord(customerId: string, ad: SimGoogleAd): SimRecord {
  const texts = (values: string[] | undefined) => (values && values.length > 0 ? values.map((text) => ({ text })) : undefined);
  return {
    'ad_group_ad.resource_name': `customers/${customerId}/adGroupAds/${ad.adGroupId}~${ad.id}`,
    'ad_group_ad.status': ad.status ?? 'ENABLED',
    'ad_group_ad.ad_group': `customers/${customerId}/adGroups/${ad.adGroupId}`,
    'ad_group_ad.ad.resource_name': `customers/${customerId}/ads/${ad.id}`,
    'ad_group_ad.ad.id': ad.id,
    'ad_group_ad.ad.name': ad.name,
    'ad_group_ad.ad.type': ad.type ?? 'RESPONSIVE_SEARCH_AD',
    'ad_group_ad.ad.final_urls': ad.finalUrls && ad.finalUrls.length > 0 ? [...ad.finalUrls] : undefined,
    'ad_group_ad.ad.responsive_search_ad.headlines': texts(ad.headlines),
    'ad_group_ad.ad.responsive_search_ad.descriptions': texts(ad.descriptions),
  };
}

function assetRecord(customerId: string, asset: SimGoogleAsset): SimRecord {
  return {
    'asset.resource_name': `customers/${customerId}/assets/${asset.id}`,
    'asset.id': asset.id,
    'asset.name': asset.name,
    'asset.type': asset.type,
    'asset.final_urls': asset.finalUrls && asset.finalUrls.length > 0 ? [...asset.finalUrls] : undefined,
    'asset.text_asset.text': asset.text,
    'asset.image_asset.full_size.url': asset.imageUrl,
    'asset.youtube_video_asset.youtube_video_id': asset.youtubeVideoId,
    'asset.youtube_video_asset.youtube_video_title': asset.youtubeVideoTitle,
  };
}

/** An instant as Google writes last_change_date_time: 'YYYY-MM-DD HH:MM:SS.ffffff' in the customer's time zone. */
export function simDateTime(instant: Date, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const part = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}.${String(instant.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
}

/** change_status rows: one per campaign, ad group and ad, stamped with its changedAt. */
function changeEntities(target: SimGoogleCustomer, objects: SimCustomerObjects): SimEntity[] {
  const id = target.id;
  const adGroupCampaign = new Map(objects.adGroups.map((adGroup) => [adGroup.id, adGroup.campaignId]));
  const row = (key: string, type: string, status: string | undefined, changedAt: string | undefined, links: SimRecord): SimEntity => ({
    record: {
      'change_status.resource_name': `customers/${id}/changeStatus/${type.toLowerCase()}~${key}`,
      'change_status.resource_type': type,
      'change_status.resource_status': status === 'REMOVED' ? 'REMOVED' : 'CHANGED',
      'change_status.last_change_date_time': simDateTime(new Date(changedAt ?? 0), target.timeZone),
      ...links,
    },
    metrics: [],
  });
  return [
    ...objects.campaigns.map((campaign) => row(campaign.id, 'CAMPAIGN', campaign.status, campaign.changedAt, { 'change_status.campaign': `customers/${id}/campaigns/${campaign.id}` })),
    ...objects.adGroups.map((adGroup) =>
      row(adGroup.id, 'AD_GROUP', adGroup.status, adGroup.changedAt, {
        'change_status.campaign': `customers/${id}/campaigns/${adGroup.campaignId}`,
        'change_status.ad_group': `customers/${id}/adGroups/${adGroup.id}`,
      }),
    ),
    ...objects.ads.map((ad) =>
      row(`${ad.adGroupId}~${ad.id}`, 'AD_GROUP_AD', ad.status, ad.changedAt, {
        'change_status.campaign': `customers/${id}/campaigns/${adGroupCampaign.get(ad.adGroupId) ?? '0'}`,
        'change_status.ad_group': `customers/${id}/adGroups/${ad.adGroupId}`,
        'change_status.ad_group_ad': `customers/${id}/adGroupAds/${ad.adGroupId}~${ad.id}`,
      }),
    ),
  ];
}

function clientEntities(target: SimGoogleCustomer, customers: SimGoogleCustomer[]): SimEntity[] {
  const clients = [target, ...customers.filter((customer) => customer.managerId === target.id && customer.id !== target.id)];
  return clients.map((client, index) => ({
    record: {
      ...customerRecord('customer', target, `customers/${target.id}`),
      ...customerRecord('customer_client', client, `customers/${target.id}/customerClients/${client.id}`),
      'customer_client.client_customer': `customers/${client.id}`,
      'customer_client.level': index === 0 ? 0 : 1,
      'customer_client.hidden': false,
    },
    metrics: [],
  }));
}

/** The rows a FROM resource ranges over for one customer. */
export function entitiesOf(from: string, target: SimGoogleCustomer, customers: SimGoogleCustomer[], accountMetrics: SimGoogleMetricRow[], objects: SimCustomerObjects): SimEntity[] {
  const id = target.id;
  const customer = customerRecord('customer', target, `customers/${id}`);
  const campaigns = new Map(objects.campaigns.map((campaign) => [campaign.id, campaignRecord(id, campaign)]));
  const adGroups = new Map(objects.adGroups.map((adGroup) => [adGroup.id, { record: adGroupRecord(id, adGroup), campaignId: adGroup.campaignId }]));
  const adGroupWithCampaign = (adGroupId: string): SimRecord => {
    const adGroup = adGroups.get(adGroupId);
    return adGroup ? { ...campaigns.get(adGroup.campaignId), ...adGroup.record } : {};
  };
  switch (from) {
    case 'customer':
      return [{ record: customer, metrics: accountMetrics }];
    case 'customer_client':
      return clientEntities(target, customers);
    case 'campaign':
      return objects.campaigns.map((campaign) => ({ record: { ...customer, ...campaigns.get(campaign.id) }, metrics: campaign.metrics ?? [] }));
    case 'ad_group':
      return objects.adGroups.map((adGroup) => ({ record: { ...customer, ...adGroupWithCampaign(adGroup.id) }, metrics: adGroup.metrics ?? [] }));
    case 'ad_group_ad':
      return objects.ads.map((ad) => ({ record: { ...customer, ...adGroupWithCampaign(ad.adGroupId), ...adRecord(id, ad) }, metrics: ad.metrics ?? [] }));
    case 'change_status':
      return changeEntities(target, objects);
    case 'asset':
      return objects.assets.map((asset) => ({ record: assetRecord(id, asset), metrics: [] }));
    case 'campaign_asset':
      return objects.assets.flatMap((asset) =>
        (asset.campaigns ?? []).map((link) => ({
          record: {
            ...assetRecord(id, asset),
            ...campaigns.get(link.campaignId),
            'campaign_asset.resource_name': `customers/${id}/campaignAssets/${link.campaignId}~${asset.id}~${link.fieldType}`,
            'campaign_asset.campaign': `customers/${id}/campaigns/${link.campaignId}`,
            'campaign_asset.asset': `customers/${id}/assets/${asset.id}`,
            'campaign_asset.field_type': link.fieldType,
            'campaign_asset.status': link.status ?? 'ENABLED',
          },
          metrics: [],
        })),
      );
    case 'ad_group_asset':
      return objects.assets.flatMap((asset) =>
        (asset.adGroups ?? []).map((link) => ({
          record: {
            ...assetRecord(id, asset),
            ...adGroups.get(link.adGroupId)?.record,
            'ad_group_asset.resource_name': `customers/${id}/adGroupAssets/${link.adGroupId}~${asset.id}~${link.fieldType}`,
            'ad_group_asset.ad_group': `customers/${id}/adGroups/${link.adGroupId}`,
            'ad_group_asset.asset': `customers/${id}/assets/${asset.id}`,
            'ad_group_asset.field_type': link.fieldType,
            'ad_group_asset.status': link.status ?? 'ENABLED',
          },
          metrics: [],
        })),
      );
    default:
      return [];
  }
}
