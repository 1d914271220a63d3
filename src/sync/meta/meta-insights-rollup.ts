import type { MetaActionStat } from '../../platforms/meta/meta-insights.mapper';

/** Running totals of one campaign and breakdown value up to (and including) a day. */
export interface RunningTotals {
  campaignId: string;
  breakdownValue: string;
  campaignName: string | null;
  /** Days with data so far. */
  days: number;
  impressions: number;
  clicks: number;
  /** Minor units. */
  spend: number;
  actions: Record<string, number>;
  actionValues: Record<string, number>;
}

/** A stored day as the roll-up reads it. */
export interface DailyNumbers {
  campaignId: string;
  breakdownValue: string;
  campaignName: string | null;
  impressions: number;
  clicks: number;
  spend: number;
  actions: MetaActionStat[] | null;
  actionValues: MetaActionStat[] | null;
}

/**
 * Action values and rates are decimals: keep them to the micro so float noise never reaches an answer. (Math.round
 * rather than toFixed: a local read rounds tens of thousands of numbers, and toFixed is several times slower.)
 */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function groupKey(campaignId: string, breakdownValue: string): string {
  return `${campaignId}\u0000${breakdownValue}`;
}

function addStats(into: Record<string, number>, stats: MetaActionStat[] | null): Record<string, number> {
  if (!stats || stats.length === 0) return into;
  const out = { ...into };
  for (const stat of stats) out[stat.action_type] = round6((out[stat.action_type] ?? 0) + stat.value);
  return out;
}

/**
 * Moves running totals one day forward: every group is carried to the new day, and the day's rows added to theirs
 * (a group seen for the first time starts at zero). Mutates and returns `totals`. Pure but for that.
 */
export function advanceTotals(totals: Map<string, RunningTotals>, day: readonly DailyNumbers[]): Map<string, RunningTotals> {
  for (const row of day) {
    const key = groupKey(row.campaignId, row.breakdownValue);
    const before = totals.get(key);
    totals.set(key, {
      campaignId: row.campaignId,
      breakdownValue: row.breakdownValue,
      campaignName: row.campaignName ?? before?.campaignName ?? null,
      days: (before?.days ?? 0) + 1,
      impressions: (before?.impressions ?? 0) + row.impressions,
      clicks: (before?.clicks ?? 0) + row.clicks,
      spend: (before?.spend ?? 0) + row.spend,
      actions: addStats(before?.actions ?? {}, row.actions),
      actionValues: addStats(before?.actionValues ?? {}, row.actionValues),
    });
  }
  return totals;
}

/**
 * Actions of a range from the running totals at its end and at the day before its start (undefined: nothing
 * before): sorted by type, types without change left out (Meta sends no zero entries). Pure.
 */
export function actionsBetween(end: Record<string, number>, start: Record<string, number> | undefined): MetaActionStat[] {
  const types = Object.keys(end);
  if (types.length > 1) types.sort();
  const stats: MetaActionStat[] = [];
  for (const type of types) {
    const to = end[type];
    const from = start?.[type] ?? 0;
    const value = Number.isInteger(to) && Number.isInteger(from) ? to - from : round6(to - from);
    if (value !== 0) stats.push({ action_type: type, value });
  }
  return stats;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * The days from `from` to `until` (YYYY-MM-DD, inclusive) in consecutive chunks of at most `maxRows` stored rows
 * (`rowsPerDay`; a day missing has none), a day with more being a chunk of its own: the roll-up then holds a bounded
 * number of rows whatever the account's size. Pure.
 */
export function dayChunks(from: string, until: string, rowsPerDay: ReadonlyMap<string, number>, maxRows: number): Array<{ start: string; end: string }> {
  const chunks: Array<{ start: string; end: string }> = [];
  let current: { start: string; end: string } | undefined;
  let rows = 0;
  for (let day = from; day <= until; day = nextDay(day)) {
    const dayRows = rowsPerDay.get(day) ?? 0;
    if (current && rows + dayRows > maxRows) {
      chunks.push(current);
      current = undefined;
      rows = 0;
    }
    current = current ? { start: current.start, end: day } : { start: day, end: day };
    rows += dayRows;
  }
  if (current) chunks.push(current);
  return chunks;
}
