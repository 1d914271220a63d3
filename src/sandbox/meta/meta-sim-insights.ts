import { SimAnswer, invalidParameter } from './meta-sim-errors';

type Row = Record<string, unknown>;

export const FIELDS = new Set([
  'impressions', 'clicks', 'spend', 'reach', 'frequency', 'cpm', 'cpc', 'ctr', 'cpp', 'unique_clicks', 'inline_link_clicks',
  'actions', 'action_values', 'conversions', 'conversion_values', 'cost_per_action_type', 'account_currency', 'account_id',
  'account_name', 'campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'ad_id', 'ad_name', 'date_start', 'date_stop',
]);
export const BREAKDOWNS = [
  'age', 'gender', 'country', 'region', 'dma', 'publisher_platform', 'platform_position', 'impression_device', 'device_platform',
  'hourly_stats_aggregated_by_advertiser_time_zone', 'frequency_value', 'product_id',
];
const ADDITIVE = ['impressions', 'clicks', 'spend', 'reach', 'unique_clicks', 'inline_link_clicks'];
const ACTION_LISTS = ['actions', 'action_values', 'conversions', 'conversion_values'];
export const LEVELS = new Set(['account', 'campaign', 'adset', 'ad']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function list(value: string | undefined): string[] {
  return value ? value.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

export function parseTimeRange(value: string | undefined): { since: string; until: string } | SimAnswer | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return invalidParameter('Param time_range must be a JSON object', 'The time range is not valid JSON.');
  }
  const range = parsed as { since?: unknown; until?: unknown } | null;
  if (!range || typeof range.since !== 'string' || typeof range.until !== 'string' || !DAY.test(range.since) || !DAY.test(range.until)) {
    return invalidParameter('Param time_range must contain since and until as YYYY-MM-DD', 'The time range is not valid.');
  }
  if (range.since > range.until) return invalidParameter('Param time_range: since must not be after until', 'The start of the time range is after its end.');
  return { since: range.since, until: range.until };
}

const num = (value: unknown) => Number(value ?? 0);
const decimal = (value: number) => String(Number(value.toFixed(6)));

function sumActions(rows: Row[], key: string): Array<{ action_type: string; value: string }> | undefined {
  const totals = new Map<string, number>();
  for (const row of rows) {
    for (const stat of (row[key] as Array<{ action_type: string; value: string }> | undefined) ?? []) {
      totals.set(stat.action_type, (totals.get(stat.action_type) ?? 0) + num(stat.value));
    }
  }
  return totals.size === 0 ? undefined : [...totals].map(([action_type, value]) => ({ action_type, value: decimal(value) }));
}

/** What Meta answers without breakdowns when only broken-down rows were set: one total row per period. */
function totalsOf(rows: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${String(row.date_start)}|${String(row.date_stop)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const total: Row = Object.fromEntries(Object.entries(group[0]).filter(([key]) => !BREAKDOWNS.includes(key)));
    for (const key of ADDITIVE) if (group.some((row) => key in row)) total[key] = decimal(group.reduce((sum, row) => sum + num(row[key]), 0));
    for (const key of ACTION_LISTS) total[key] = sumActions(group, key);
    const [impressions, clicks, spend, reach] = ['impressions', 'clicks', 'spend', 'reach'].map((key) => num(total[key]));
    if ('cpc' in total) total.cpc = decimal(clicks ? spend / clicks : 0);
    if ('ctr' in total) total.ctr = decimal(impressions ? (clicks / impressions) * 100 : 0);
    if ('cpm' in total) total.cpm = decimal(impressions ? (spend / impressions) * 1000 : 0);
    if ('frequency' in total) total.frequency = decimal(reach ? impressions / reach : 0);
    return Object.fromEntries(Object.entries(total).filter(([, value]) => value !== undefined));
  });
}

/** Rows set with exactly the asked breakdown keys; without breakdowns, the totals of broken-down rows if no plain rows were set. */
function rowsFor(rows: Row[], breakdowns: string[]): Row[] {
  const exact = rows.filter((row) => BREAKDOWNS.every((key) => (key in row) === breakdowns.includes(key)));
  return exact.length > 0 || breakdowns.length > 0 ? exact : totalsOf(rows);
}

/**
 * Rows are canned answers: a daily row (date_start = date_stop) answers `time_increment=1` when its day is in range;
 * a row spanning exactly the asked range answers a query without time_increment.
 */
function periodMatches(row: Row, range: { since: string; until: string }, increment: string | undefined): boolean {
  const start = row.date_start as string;
  if (increment === '1') return start === row.date_stop && start >= range.since && start <= range.until;
  return start === range.since && row.date_stop === range.until;
}

/** The rows of `GET /act_{id}/insights`, validated and shaped like Meta: requested fields, dates and breakdown keys only. */
export function insightsRows(rows: Row[], query: Record<string, string>, currency: string): Row[] | SimAnswer {
  if (query.level !== undefined && !LEVELS.has(query.level)) return invalidParameter(`Param level must be one of {${[...LEVELS].join(', ')}}`);
  const fields = list(query.fields);
  const badField = fields.find((field) => !FIELDS.has(field));
  if (badField) return invalidParameter(`${badField} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/`);
  const breakdowns = list(query.breakdowns);
  const badBreakdown = breakdowns.find((breakdown) => !BREAKDOWNS.includes(breakdown));
  if (badBreakdown) return invalidParameter(`breakdowns[0] must be one of the following values: ${BREAKDOWNS.join(', ')}`);
  if (query.time_increment !== undefined && !/^(all_days|monthly|[1-9]\d?)$/.test(query.time_increment)) {
    return invalidParameter('Param time_increment must be all_days, monthly or a number of days between 1 and 90');
  }
  const range = parseTimeRange(query.time_range);
  if (range && 'status' in range) return range;

  const periodRows = rows.filter((row) => !range || typeof row.date_start !== 'string' || periodMatches(row, range, query.time_increment));
  return rowsFor(periodRows, breakdowns).map((row) => {
    if (fields.length === 0) return { ...row };
    const out: Row = {};
    for (const key of [...fields, ...breakdowns, 'date_start', 'date_stop']) {
      if (key in row) out[key] = row[key];
    }
    if (fields.includes('account_currency') && out.account_currency === undefined) out.account_currency = currency;
    return out;
  });
}
