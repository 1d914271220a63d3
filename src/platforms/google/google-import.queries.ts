import { buildGaql, GaqlCondition } from './gaql-query.builder';
import type { GoogleColumn, GoogleFieldSpec } from './google-report.fields';

/**
 * The GAQL of the Google Ads import (campaigns, ad groups, ads, daily campaign metrics, and the change_status scan of
 * a re-sync), with the columns each row is read into. Every query also selects `customer.currency_code`, so money
 * always travels with its currency without an extra call.
 */

const id = (gaql: string): GoogleFieldSpec => ({ gaql, kind: 'id' });
const text = (gaql: string): GoogleFieldSpec => ({ gaql, kind: 'text' });
const metric = (gaql: string): GoogleFieldSpec => ({ gaql, kind: 'number', metric: true });
const money = (gaql: string, micros: string, units: string, isMetric = false): GoogleFieldSpec => ({ gaql, kind: 'money', metric: isMetric, money: { micros, units } });
const columns = (specs: Record<string, GoogleFieldSpec>): GoogleColumn[] => Object.entries(specs).map(([name, spec]) => ({ name, spec }));

export const GOOGLE_CURRENCY_FIELD = 'customer.currency_code';

export const GOOGLE_CAMPAIGN_COLUMNS: readonly GoogleColumn[] = columns({
  campaign_id: id('campaign.id'),
  campaign_name: text('campaign.name'),
  campaign_status: text('campaign.status'),
  advertising_channel_type: text('campaign.advertising_channel_type'),
  bidding_strategy_type: text('campaign.bidding_strategy_type'),
  // Since v23 (start_date / end_date are gone): 'yyyy-MM-dd HH:mm:ss' in the account's time zone.
  start_date_time: text('campaign.start_date_time'),
  end_date_time: text('campaign.end_date_time'),
  budget_amount_micros: money('campaign_budget.amount_micros', 'budget_amount_micros', 'budget_amount'),
});

export const GOOGLE_AD_GROUP_COLUMNS: readonly GoogleColumn[] = columns({
  ad_group_id: id('ad_group.id'),
  ad_group_name: text('ad_group.name'),
  ad_group_status: text('ad_group.status'),
  ad_group_type: text('ad_group.type'),
  cpc_bid_micros: money('ad_group.cpc_bid_micros', 'cpc_bid_micros', 'cpc_bid'),
  campaign_id: id('campaign.id'),
});

export const GOOGLE_AD_COLUMNS: readonly GoogleColumn[] = columns({
  ad_id: id('ad_group_ad.ad.id'),
  ad_name: text('ad_group_ad.ad.name'),
  ad_status: text('ad_group_ad.status'),
  ad_type: text('ad_group_ad.ad.type'),
  final_urls: { gaql: 'ad_group_ad.ad.final_urls', kind: 'strings' },
  headlines: { gaql: 'ad_group_ad.ad.responsive_search_ad.headlines', kind: 'texts' },
  descriptions: { gaql: 'ad_group_ad.ad.responsive_search_ad.descriptions', kind: 'texts' },
  ad_group_id: id('ad_group.id'),
  campaign_id: id('campaign.id'),
});

export const GOOGLE_CAMPAIGN_METRIC_COLUMNS: readonly GoogleColumn[] = columns({
  campaign_id: id('campaign.id'),
  date: text('segments.date'),
  impressions: metric('metrics.impressions'),
  clicks: metric('metrics.clicks'),
  cost_micros: money('metrics.cost_micros', 'cost_micros', 'cost', true),
  conversions: metric('metrics.conversions'),
  conversions_value: metric('metrics.conversions_value'),
  all_conversions: metric('metrics.all_conversions'),
  interactions: metric('metrics.interactions'),
  ctr: metric('metrics.ctr'),
  average_cpc: money('metrics.average_cpc', 'average_cpc_micros', 'average_cpc', true),
  average_cpm: money('metrics.average_cpm', 'average_cpm_micros', 'average_cpm', true),
});

/** The object types a re-sync reads from change_status, with the change_status field naming the changed object. */
export const GOOGLE_CHANGE_TYPES = {
  ad_group: { resourceType: 'AD_GROUP', field: 'change_status.ad_group', idField: 'ad_group.id' },
  ad_group_ad: { resourceType: 'AD_GROUP_AD', field: 'change_status.ad_group_ad', idField: 'ad_group_ad.ad.id' },
} as const;
export type GoogleChangeType = keyof typeof GOOGLE_CHANGE_TYPES;

/** change_status answers at most this many rows (its LIMIT is mandatory and capped); a full scan means "too many". */
export const GOOGLE_CHANGE_STATUS_LIMIT = 10_000;
/** Ids per `IN (…)` of a re-sync's object query: keeps the GAQL short and each answer within one page. */
export const GOOGLE_IDS_PER_QUERY = 1_000;

const select = (cols: readonly GoogleColumn[]) => [...new Set([...cols.map((column) => column.spec.gaql), GOOGLE_CURRENCY_FIELD])];
const idsIn = (field: string, ids: readonly string[] | undefined): GaqlCondition[] => (ids ? [{ field, op: 'IN', values: ids.map((value) => ({ id: value })) }] : []);

/** Every campaign of the account, whatever its status: removed campaigns still own metrics history. */
export function googleCampaignsQuery(): string {
  return buildGaql({ select: select(GOOGLE_CAMPAIGN_COLUMNS), from: 'campaign' });
}

/** Every ad group, or only those named (a re-sync's changed ones). */
export function googleAdGroupsQuery(ids?: readonly string[]): string {
  return buildGaql({ select: select(GOOGLE_AD_GROUP_COLUMNS), from: 'ad_group', where: idsIn('ad_group.id', ids) });
}

/** Every ad (ad_group_ad), or only the ads named. */
export function googleAdsQuery(ids?: readonly string[]): string {
  return buildGaql({ select: select(GOOGLE_AD_COLUMNS), from: 'ad_group_ad', where: idsIn('ad_group_ad.ad.id', ids) });
}

/** Daily metrics per campaign over [from, to] (YYYY-MM-DD, inclusive); Google leaves out days without activity. */
export function googleCampaignMetricsQuery(from: string, to: string): string {
  return buildGaql({
    select: select(GOOGLE_CAMPAIGN_METRIC_COLUMNS),
    from: 'campaign',
    where: [{ field: 'segments.date', op: 'BETWEEN', from: { date: from }, to: { date: to } }],
  });
}

/** The objects of one type changed in [since, until] ('YYYY-MM-DD HH:MM:SS', account time zone). */
export function googleChangesQuery(type: GoogleChangeType, since: string, until: string): string {
  const { resourceType, field } = GOOGLE_CHANGE_TYPES[type];
  return buildGaql({
    select: ['change_status.resource_name', 'change_status.resource_type', 'change_status.resource_status', 'change_status.last_change_date_time', field],
    from: 'change_status',
    where: [
      { field: 'change_status.resource_type', op: '=', value: { enum: resourceType } },
      { field: 'change_status.last_change_date_time', op: '>=', value: { datetime: since } },
      { field: 'change_status.last_change_date_time', op: '<=', value: { datetime: until } },
    ],
    limit: GOOGLE_CHANGE_STATUS_LIMIT,
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Google refuses change_status scans that start more than 90 days back (START_DATE_TOO_OLD). */
const CHANGE_STATUS_MAX_DAYS = 85;
/** change_status lags up to 3 minutes behind a change; a few more cover clock skew. */
const CHANGE_LAG_MS = 15 * 60 * 1000;
/** Google reads the literal in the account's time zone: unknown, it may be anywhere from UTC-12 to UTC+14. */
const UNKNOWN_ZONE_MS = 15 * HOUR_MS;

function isTimeZone(timeZone: string | null): timeZone is string {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** An instant as GAQL writes date-times: 'YYYY-MM-DD HH:MM:SS' in `timeZone` (UTC when unknown or invalid). */
export function googleDateTime(instant: Date, timeZone: string | null): string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: isTimeZone(timeZone) ? timeZone : 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const part = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

export interface GoogleLastSync {
  /** Start of the previous successful import: it read the objects after that. */
  startedAt?: Date | null;
  /** Its end, used (a day earlier) when the start is not known. */
  endedAt: Date | null;
}

/**
 * The change_status window of a re-sync: from a little before the previous import started to an hour from now, in
 * the account's time zone. Null when the objects must be copied in full instead: never synced, or synced too long
 * ago for change_status to reach back.
 */
export function googleChangeWindow(last: GoogleLastSync, now: Date, timeZone: string | null): { since: string; until: string } | null {
  const start = last.startedAt?.getTime() ?? (last.endedAt ? last.endedAt.getTime() - DAY_MS : undefined);
  if (start === undefined) return null;
  const since = start - CHANGE_LAG_MS - (isTimeZone(timeZone) ? 0 : UNKNOWN_ZONE_MS);
  if (since < now.getTime() - CHANGE_STATUS_MAX_DAYS * DAY_MS) return null;
  return { since: googleDateTime(new Date(since), timeZone), until: googleDateTime(new Date(now.getTime() + HOUR_MS), timeZone) };
}

/** [from, to] of the last `days` days ending on `today` (YYYY-MM-DD, inclusive). */
export function googleDateRange(today: string, days: number): { from: string; to: string } {
  const end = new Date(`${today}T00:00:00Z`);
  const start = new Date(end.getTime() - (Math.max(1, Math.floor(days)) - 1) * DAY_MS);
  return { from: start.toISOString().slice(0, 10), to: today };
}
