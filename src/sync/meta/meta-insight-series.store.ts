import type { MetaCopiedBreakdown } from '../../platforms/meta/meta-campaign-insights.mapper';
import type { MetaActionStat } from '../../platforms/meta/meta-insights.mapper';
import type { SqlRunner } from '../import-step';
import { serialSql } from '../serial-sql';
import { addDays, arrayLiteral, InsightsOwner } from './meta-insights.store';
import { buildSeries, groupKey, InsightSeries, SeriesDay } from './meta-insights-rollup';

/** One group over a range, as the local read fetches it. */
export interface RangeRow {
  campaignId: string;
  breakdownValue: string;
  campaignName: string | null;
  /** The range's own numbers: the running totals at its end minus those of the day before its start. */
  impressions: number;
  clicks: number;
  spend: number;
  /** Running action totals at both ends ({} when not asked), subtracted by the caller. */
  actionsEnd: Record<string, number>;
  actionsStart?: Record<string, number>;
  actionValuesEnd: Record<string, number>;
  actionValuesStart?: Record<string, number>;
}

/** Stored days read at once by the roll-up, whole groups only (so also more than a group's days). */
const ROLLUP_READ_ROWS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const EPOCH_DAYS = `DATE '1970-01-01'`;

type Key = readonly [campaignId: string, breakdownValue: string];

const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);
const objectOf = <T>(value: unknown): Record<string, T> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, T>) : {});
const statsOf = (value: unknown): MetaActionStat[] | null => (Array.isArray(value) ? (value as MetaActionStat[]) : null);
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** `AND (campaign_id, breakdown_value) > / <= key` (its values appended to `params`), or nothing without a key. */
function keyBound(op: '>' | '<=', key: Key | undefined, params: unknown[]): string {
  if (!key) return '';
  params.push(key[0], key[1]);
  return ` AND (campaign_id, breakdown_value) ${op} ($${params.length - 1}, $${params.length})`;
}

const UPSERT_SERIES = `
  INSERT INTO meta_campaign_insight_series
    (tenant_id, ad_account_id, breakdown, campaign_id, breakdown_value, campaign_name, first_date,
     days, impressions, clicks, spend, actions, action_values)
  SELECT $1::uuid, $2::uuid, $3::text, r.campaign_id, r.breakdown_value, r.campaign_name, ${EPOCH_DAYS} + r.first_day,
         r.days::integer[], r.impressions::bigint[], r.clicks::bigint[], r.spend::bigint[], r.actions, r.action_values
    FROM ROWS FROM (
           unnest($4::text[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::text[], $11::text[]),
           jsonb_array_elements($12::jsonb), jsonb_array_elements($13::jsonb))
      AS r(campaign_id, breakdown_value, campaign_name, first_day, days, impressions, clicks, spend, actions, action_values)
  ON CONFLICT (ad_account_id, breakdown, campaign_id, breakdown_value) DO UPDATE SET
    campaign_name = EXCLUDED.campaign_name, first_date = EXCLUDED.first_date, days = EXCLUDED.days,
    impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks, spend = EXCLUDED.spend,
    actions = EXCLUDED.actions, action_values = EXCLUDED.action_values`;

const numberList = (list: readonly number[]) => `{${list.join(',')}}`;

function storedSeries(row: Record<string, unknown>): InsightSeries {
  return {
    campaignId: row.campaign_id as string,
    breakdownValue: row.breakdown_value as string,
    campaignName: (row.campaign_name as string | null) ?? null,
    firstDay: Number(row.first_day),
    days: numbers(row.days),
    impressions: numbers(row.impressions),
    clicks: numbers(row.clicks),
    spend: numbers(row.spend),
    actions: objectOf<number[]>(row.actions),
    actionValues: objectOf<number[]>(row.action_values),
  };
}

function storedDay(row: Record<string, unknown>): SeriesDay {
  return {
    day: Number(row.day),
    campaignName: (row.campaign_name as string | null) ?? null,
    impressions: toNumber(row.impressions),
    clicks: toNumber(row.clicks),
    spend: toNumber(row.spend),
    actions: statsOf(row.actions),
    actionValues: statsOf(row.action_values),
  };
}

/** SQL of the running totals. Every function runs on the caller's runner (inside the import's transaction). */
export const MetaInsightSeriesStore = {
  /**
   * Recomputes the running totals of one breakdown from `from` to `until` (YYYY-MM-DD): each group keeps its days
   * before `from` and gets the stored days from `from` on added up. Reads the stored days group by group in key
   * order, a bounded number at a time, with the groups' series of the same key range; a group without days left
   * is removed. Returns the groups written.
   */
  async rollUp(runner: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown, from: string, until: string, readRows = ROLLUP_READ_ROWS): Promise<number> {
    const sql = serialSql(runner);
    const [fromDay, untilDay] = [dayOf(from), dayOf(until)];
    // More than a group's days: a chunk always ends with a whole group.
    const limit = Math.max(readRows, untilDay - fromDay + 2);
    const scope = [owner.tenantId, owner.adAccountId, breakdown];
    const readDays = (after: Key | undefined): Promise<Array<Record<string, unknown>>> => {
      const params: unknown[] = [...scope, from, until, limit];
      const read: Promise<Array<Record<string, unknown>>> = sql.query(
        `SELECT campaign_id, breakdown_value, campaign_name, date - ${EPOCH_DAYS} AS day, impressions, clicks, spend, actions, action_values
           FROM meta_campaign_insights
          WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND date BETWEEN $4::date AND $5::date${keyBound('>', after, params)}
          ORDER BY campaign_id, breakdown_value, date LIMIT $6`,
        params,
      );
      read.catch(() => undefined);
      return read;
    };
    const readOld = (after: Key | undefined, upTo: Key | undefined): Promise<Array<Record<string, unknown>>> => {
      const params: unknown[] = [...scope];
      return sql.query(
        `SELECT campaign_id, breakdown_value, campaign_name, first_date - ${EPOCH_DAYS} AS first_day, days, impressions, clicks, spend, actions, action_values
           FROM meta_campaign_insight_series
          WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3${keyBound('>', after, params)}${keyBound('<=', upTo, params)}`,
        params,
      );
    };
    // Statements line up on the transaction's connection: the next chunk is read, and this one written, while this
    // process adds up the current chunk, instead of one side waiting for the other.
    let after: Key | undefined;
    let reading: Promise<Array<Record<string, unknown>>> | undefined = readDays(undefined);
    let writing: Promise<unknown> = Promise.resolve();
    let written = 0;
    try {
      while (reading) {
        const stored: Array<Record<string, unknown>> = await reading;
        const last: boolean = stored.length === limit;
        // A full read may end inside a group: that group is read again with the next chunk.
        const cut = last ? stored.findIndex((row) => row.campaign_id === stored[limit - 1].campaign_id && row.breakdown_value === stored[limit - 1].breakdown_value) : stored.length;
        const upTo: Key | undefined = last ? [stored[cut - 1].campaign_id as string, stored[cut - 1].breakdown_value as string] : undefined;
        const olds = readOld(after, upTo);
        reading = upTo ? readDays(upTo) : undefined;
        const { series, gone } = this.build(stored.slice(0, cut), (await olds).map(storedSeries), fromDay, untilDay);
        await writing;
        writing = this.write(sql, scope, series, gone);
        // Awaited before the next write or at the end; until then a failure must not count as unhandled.
        writing.catch(() => undefined);
        written += series.length;
        after = upTo;
      }
    } finally {
      // Nothing may still run on the connection when the transaction ends (or rolls back after a failure).
      await reading?.catch(() => undefined);
      await writing.catch(() => undefined);
    }
    await writing;
    return written;
  },

  /** The series of a chunk's groups, and the keys of old groups with nothing left. Pure. */
  build(stored: ReadonlyArray<Record<string, unknown>>, olds: readonly InsightSeries[], fromDay: number, untilDay: number): { series: InsightSeries[]; gone: Key[] } {
    const oldByKey = new Map(olds.map((old) => [groupKey(old.campaignId, old.breakdownValue), old]));
    const series: InsightSeries[] = [];
    const gone: Key[] = [];
    const add = (key: { campaignId: string; breakdownValue: string }, old: InsightSeries | undefined, days: SeriesDay[]) => {
      const built = buildSeries(key, old, days, fromDay, untilDay);
      if (built) series.push(built);
      else if (old) gone.push([key.campaignId, key.breakdownValue]);
    };
    for (let start = 0; start < stored.length; ) {
      const key = { campaignId: stored[start].campaign_id as string, breakdownValue: stored[start].breakdown_value as string };
      let end = start;
      while (end < stored.length && stored[end].campaign_id === key.campaignId && stored[end].breakdown_value === key.breakdownValue) end++;
      const id = groupKey(key.campaignId, key.breakdownValue);
      add(key, oldByKey.get(id), stored.slice(start, end).map(storedDay));
      oldByKey.delete(id);
      start = end;
    }
    for (const old of oldByKey.values()) add(old, old, []);
    return { series, gone };
  },

  async write(sql: SqlRunner, scope: unknown[], series: readonly InsightSeries[], gone: readonly Key[]): Promise<void> {
    if (gone.length > 0) {
      await sql.query(
        `DELETE FROM meta_campaign_insight_series
          WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND (campaign_id, breakdown_value) IN (SELECT * FROM unnest($4::text[], $5::text[]))`,
        [...scope, arrayLiteral(gone.map((key) => key[0])), arrayLiteral(gone.map((key) => key[1]))],
      );
    }
    if (series.length === 0) return;
    await sql.query(UPSERT_SERIES, [
      ...scope,
      arrayLiteral(series.map((s) => s.campaignId)),
      arrayLiteral(series.map((s) => s.breakdownValue)),
      arrayLiteral(series.map((s) => s.campaignName)),
      arrayLiteral(series.map((s) => s.firstDay)),
      arrayLiteral(series.map((s) => numberList(s.days))),
      arrayLiteral(series.map((s) => numberList(s.impressions))),
      arrayLiteral(series.map((s) => numberList(s.clicks))),
      arrayLiteral(series.map((s) => numberList(s.spend))),
      JSON.stringify(series.map((s) => s.actions)),
      JSON.stringify(series.map((s) => s.actionValues)),
    ]);
  },

  /**
   * Every group of the breakdown with data in [start, end], with its numbers over the range: the elements at `end`
   * and at the day before `start` of its row (a group's lists end with the copy; the last element stands for later
   * days all the same).
   */
  async rangeTotals(sql: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown, start: string, end: string, withActions: boolean): Promise<RangeRow[]> {
    const pick = (column: string, index: string) => `(SELECT jsonb_object_agg(a.key, a.value -> ${index}) FROM jsonb_each(s.${column}) a)`;
    const actions = withActions
      ? `, ${pick('actions', 'i.e')} AS e_actions, ${pick('action_values', 'i.e')} AS e_action_values,
           CASE WHEN i.b >= 0 THEN ${pick('actions', 'i.b')} END AS s_actions, CASE WHEN i.b >= 0 THEN ${pick('action_values', 'i.b')} END AS s_action_values`
      : '';
    // i.e and i.b: 0-based positions of the range's end and of the day before its start (negative: before the group).
    const rows: Array<Record<string, unknown>> = await sql.query(
      `SELECT s.campaign_id, s.breakdown_value, s.campaign_name,
              s.impressions[i.e + 1] - COALESCE(s.impressions[i.b + 1], 0) AS impressions,
              s.clicks[i.e + 1] - COALESCE(s.clicks[i.b + 1], 0) AS clicks,
              s.spend[i.e + 1] - COALESCE(s.spend[i.b + 1], 0) AS spend${actions}
         FROM meta_campaign_insight_series s,
              LATERAL (SELECT LEAST($4::date - s.first_date, cardinality(s.days) - 1) AS e,
                              LEAST($5::date - s.first_date, cardinality(s.days) - 1) AS b) i
        WHERE s.tenant_id = $1 AND s.ad_account_id = $2 AND s.breakdown = $3 AND s.first_date <= $4::date
          AND s.days[i.e + 1] > COALESCE(s.days[i.b + 1], 0)
        ORDER BY s.campaign_id, s.breakdown_value`,
      [owner.tenantId, owner.adAccountId, breakdown, end, addDays(start, -1)],
    );
    return rows.map((row) => ({
      campaignId: row.campaign_id as string,
      breakdownValue: row.breakdown_value as string,
      campaignName: (row.campaign_name as string | null) ?? null,
      impressions: toNumber(row.impressions),
      clicks: toNumber(row.clicks),
      spend: toNumber(row.spend),
      actionsEnd: objectOf<number>(row.e_actions),
      actionsStart: row.s_actions ? objectOf<number>(row.s_actions) : undefined,
      actionValuesEnd: objectOf<number>(row.e_action_values),
      actionValuesStart: row.s_action_values ? objectOf<number>(row.s_action_values) : undefined,
    }));
  },
};

