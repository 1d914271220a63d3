import { metaCurrencyFactor } from '../../platforms/meta/meta-campaign-insights.mapper';
import { ACTION_KEY_PREFIXES, SERIES_FIXED_COLUMNS } from './meta-insight-series.codec';
import { round6 } from './meta-insights-rollup';

/** One group over a range, as the local read fetches it. */
export interface RangeRow {
  campaignId: string;
  breakdownValue: string;
  campaignName: string | null;
  /** Names of the action columns of `end` and `start` after the fixed ones (see meta-insight-series.codec.ts). */
  actionKeys: readonly string[];
  /** The group's stored day at the range's end, and the day before its start (undefined: it starts inside the range). */
  end: readonly number[];
  start?: readonly number[];
}

/** What a local insights answer is asked for: its range, its breakdown and the fields of its rows. */
export interface LocalInsightsQuery {
  breakdown?: string;
  fields: readonly string[];
  startDate: string;
  endDate: string;
}

/** The range's own numbers, the same object reused row after row: spend in major units. */
interface RangeNumbers {
  impressions: number;
  clicks: number;
  spend: number;
}

/** One kind of action column: each type with its index in a day, sorted by type. */
type ActionColumns = ReadonlyArray<readonly [type: string, index: number]>;

interface ActionStat {
  action_type: string;
  value: number;
}

/** A field's value in a row (undefined: left out, as Meta does). */
type FieldValue = (range: RangeRow, numbers: RangeNumbers, query: LocalInsightsQuery) => unknown;

/** Rows of one account share a few lists of action keys: their columns are worked out once per list. */
const columnsByKeys = new WeakMap<readonly string[], Record<keyof typeof ACTION_KEY_PREFIXES, ActionColumns>>();

function actionColumns(keys: readonly string[]): Record<keyof typeof ACTION_KEY_PREFIXES, ActionColumns> {
  let columns = columnsByKeys.get(keys);
  if (!columns) {
    const of = (prefix: string): ActionColumns =>
      keys
        .map((key, i) => [key, i] as const)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, i]) => [key.slice(prefix.length), SERIES_FIXED_COLUMNS + i] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    columns = { actions: of(ACTION_KEY_PREFIXES.actions), action_values: of(ACTION_KEY_PREFIXES.action_values) };
    columnsByKeys.set(keys, columns);
  }
  return columns;
}

/**
 * A range's action list: end minus start per type, sorted by type, types without change left out (Meta sends no zero
 * entries), undefined when empty (Meta leaves the field out). Decimals kept to the micro so float noise never shows.
 */
function actionStats(columns: ActionColumns, end: readonly number[], start: readonly number[] | undefined): ActionStat[] | undefined {
  let stats: ActionStat[] | undefined;
  for (const [type, index] of columns) {
    const to = end[index] ?? 0;
    const from = start?.[index] ?? 0;
    const value = Number.isInteger(to) && Number.isInteger(from) ? to - from : round6(to - from);
    if (value !== 0) (stats ??= []).push({ action_type: type, value });
  }
  return stats;
}

/** How each field of a local row is made. */
const LOCAL_FIELDS: Readonly<Record<string, FieldValue>> = {
  campaign_id: (range) => range.campaignId,
  campaign_name: (range) => range.campaignName ?? undefined,
  impressions: (_range, n) => n.impressions,
  clicks: (_range, n) => n.clicks,
  spend: (_range, n) => n.spend,
  cpm: (_range, n) => (n.impressions ? round6((n.spend / n.impressions) * 1000) : 0),
  // Meta leaves out cpc without clicks.
  cpc: (_range, n) => (n.clicks ? round6(n.spend / n.clicks) : undefined),
  ctr: (_range, n) => (n.impressions ? round6((n.clicks / n.impressions) * 100) : 0),
  actions: (range) => actionStats(actionColumns(range.actionKeys).actions, range.end, range.start),
  action_values: (range) => actionStats(actionColumns(range.actionKeys).action_values, range.end, range.start),
  date_start: (_range, _n, query) => query.startDate,
  date_stop: (_range, _n, query) => query.endDate,
};

/** The keys of each local row, in the answer's order (the breakdown's comes last): part of the cache key. Pure. */
export function localInsightKeys(query: Pick<LocalInsightsQuery, 'fields'>): string[] {
  return [...new Set(['campaign_id', 'campaign_name', ...query.fields, 'date_start', 'date_stop'])].filter((key) => LOCAL_FIELDS[key] !== undefined);
}

/**
 * The groups' rows over the range as a JSON array, shaped like the live read's: the asked fields plus the campaign's
 * id and name, the range's dates and the breakdown value; money in major units; rates from the range's sums. Every
 * row gets its keys in the same order, so all share one object shape, which JSON.stringify writes fastest (text
 * put together in JavaScript measured several times slower). Pure.
 */
export function localInsightsJson(ranges: readonly RangeRow[], query: LocalInsightsQuery, currency: string | null): string {
  const fields = localInsightKeys(query).map((key) => [key, LOCAL_FIELDS[key]] as const);
  // minor / 100 is the same double as the decimal "12.34" the live read parses.
  const factor = metaCurrencyFactor(currency);
  const numbers: RangeNumbers = { impressions: 0, clicks: 0, spend: 0 };
  const rows = new Array<Record<string, unknown>>(ranges.length);
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i];
    const { end, start } = range;
    numbers.impressions = end[1] - (start ? start[1] : 0);
    numbers.clicks = end[2] - (start ? start[2] : 0);
    const spend = end[3] - (start ? start[3] : 0);
    numbers.spend = factor === 1 ? spend : spend / factor;
    const row: Record<string, unknown> = {};
    for (const [key, make] of fields) {
      const value = make(range, numbers, query);
      if (value !== undefined) row[key] = value;
    }
    if (query.breakdown) row[query.breakdown] = range.breakdownValue;
    rows[i] = row;
  }
  return JSON.stringify(rows);
}
