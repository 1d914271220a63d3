import type { MetaActionStat } from '../../platforms/meta/meta-insights.mapper';

/**
 * Running totals of one campaign and breakdown value: element i of each list holds the totals through day
 * `firstDay + i` (days since 1970-01-01), from the group's first day with data to the end of the copy.
 */
export interface InsightSeries {
  campaignId: string;
  breakdownValue: string;
  campaignName: string | null;
  firstDay: number;
  /** Days with data so far: a range has data when the count grew over it. */
  days: number[];
  impressions: number[];
  clicks: number[];
  /** Minor units. */
  spend: number[];
  /** Per action type, a list as long as `days` (0 before the type's first day). */
  actions: Record<string, number[]>;
  actionValues: Record<string, number[]>;
}

/** A stored day of one group as the roll-up reads it. */
export interface SeriesDay {
  day: number;
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

/** Element `index` of a list that stops early: its last element carries forward (0 for an empty one). */
function at(list: readonly number[] | undefined, index: number): number {
  if (!list || list.length === 0) return 0;
  return list[index < list.length ? index : list.length - 1];
}

/** A list of `length` whose first `prefix` elements come from `old` (carried forward). */
function startList(old: readonly number[] | undefined, length: number, prefix: number): number[] {
  const list = new Array<number>(length);
  for (let i = 0; i < prefix; i++) list[i] = at(old, i);
  return list;
}

/** The running totals of each action type, day by day: kept lists, a running sum per type. */
class ActionLists {
  readonly lists: Record<string, number[]> = {};
  private readonly running = new Map<string, number>();

  constructor(
    old: Record<string, number[]> | undefined,
    private readonly length: number,
    prefix: number,
  ) {
    for (const [type, list] of Object.entries(old ?? {})) {
      this.lists[type] = startList(list, length, prefix);
      this.running.set(type, prefix > 0 ? this.lists[type][prefix - 1] : 0);
    }
  }

  add(stats: MetaActionStat[] | null, index: number): void {
    if (!stats) return;
    for (const stat of stats) {
      let total = this.running.get(stat.action_type);
      if (total === undefined) {
        total = 0;
        // A type seen for the first time had 0 on every earlier day.
        this.lists[stat.action_type] = new Array<number>(this.length).fill(0, 0, index);
      }
      this.running.set(stat.action_type, round6(total + stat.value));
    }
  }

  close(index: number): void {
    for (const [type, total] of this.running) this.lists[type][index] = total;
  }
}

/**
 * A group's series through `untilDay`: the days before `fromDay` as `old` had them (its last element carried
 * forward when it ends earlier), the days from `fromDay` on summed from `rows` (the group's stored days in
 * [fromDay, untilDay], in order). Undefined when nothing is left of the group: no older day and no row. Pure.
 */
export function buildSeries(
  key: { campaignId: string; breakdownValue: string },
  old: InsightSeries | undefined,
  rows: readonly SeriesDay[],
  fromDay: number,
  untilDay: number,
): InsightSeries | undefined {
  const kept = old && old.firstDay < fromDay ? old : undefined;
  const firstDay = kept ? kept.firstDay : rows[0]?.day;
  if (firstDay === undefined || firstDay > untilDay) return undefined;
  const length = untilDay - firstDay + 1;
  const prefix = kept ? Math.min(fromDay - firstDay, length) : 0;
  const days = startList(kept?.days, length, prefix);
  const impressions = startList(kept?.impressions, length, prefix);
  const clicks = startList(kept?.clicks, length, prefix);
  const spend = startList(kept?.spend, length, prefix);
  const actions = new ActionLists(kept?.actions, length, prefix);
  const actionValues = new ActionLists(kept?.actionValues, length, prefix);
  let [dayCount, impressionSum, clickSum, spendSum] = prefix > 0 ? [days[prefix - 1], impressions[prefix - 1], clicks[prefix - 1], spend[prefix - 1]] : [0, 0, 0, 0];
  let campaignName = old?.campaignName ?? null;
  let next = 0;
  for (let i = prefix; i < length; i++) {
    const day = firstDay + i;
    while (next < rows.length && rows[next].day === day) {
      const row = rows[next++];
      dayCount++;
      impressionSum += row.impressions;
      clickSum += row.clicks;
      spendSum += row.spend;
      actions.add(row.actions, i);
      actionValues.add(row.actionValues, i);
      campaignName = row.campaignName ?? campaignName;
    }
    days[i] = dayCount;
    impressions[i] = impressionSum;
    clicks[i] = clickSum;
    spend[i] = spendSum;
    actions.close(i);
    actionValues.close(i);
  }
  return { ...key, campaignName, firstDay, days, impressions, clicks, spend, actions: actions.lists, actionValues: actionValues.lists };
}
