import type { MetaCopiedBreakdown } from '../../platforms/meta/meta-campaign-insights.mapper';
import type { MetaActionStat } from '../../platforms/meta/meta-insights.mapper';
import type { SqlRunner } from '../import-step';
import { serialSql } from '../serial-sql';
import { addDays, arrayLiteral, InsightsOwner } from './meta-insights.store';
import { buildSeries, groupKey, InsightSeries, SeriesDay } from './meta-insights-rollup';
import type { RangeRow } from './meta-local-insights.writer';
import { parseNumberArray, SERIES_FIXED_COLUMNS, seriesActionKeys, seriesLists, totalsLiteral } from './meta-insight-series.codec';

const NO_KEYS: readonly string[] = [];

/** Groups (campaign and breakdown value) read at once by the roll-up: about 9,000 stored days over 90 days. */
const ROLLUP_READ_GROUPS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const EPOCH_DAYS = `DATE '1970-01-01'`;

type Key = readonly [campaignId: string, breakdownValue: string];

const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const statsOf = (value: unknown): MetaActionStat[] | null => (Array.isArray(value) ? (value as MetaActionStat[]) : null);
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** `AND (campaign_id, breakdown_value) > / <= key` (its values appended to `params`), or nothing without a key. */
function keyBound(op: '>' | '<=', key: Key | undefined, params: unknown[]): string {
  if (!key) return '';
  params.push(key[0], key[1]);
  return ` AND (campaign_id, breakdown_value) ${op} ($${params.length - 1}, $${params.length})`;
}

/**
 * The stored days of the breakdown's groups from `$4` to `$5`, a group a row in key order: its latest name, and per
 * column a list in date order (the action lists as JSON texts joined by commas, `null` for a day without).
 */
const GROUP_DAYS = (bound: string) => `
  SELECT campaign_id, breakdown_value,
         (array_agg(campaign_name ORDER BY date DESC) FILTER (WHERE campaign_name IS NOT NULL))[1] AS campaign_name,
         array_agg(date - ${EPOCH_DAYS} ORDER BY date)::text AS days,
         array_agg(impressions ORDER BY date)::text AS impressions,
         array_agg(clicks ORDER BY date)::text AS clicks,
         array_agg(spend ORDER BY date)::text AS spend,
         string_agg(COALESCE(actions::text, 'null'), ',' ORDER BY date) AS actions,
         string_agg(COALESCE(action_values::text, 'null'), ',' ORDER BY date) AS action_values
    FROM meta_campaign_insights
   WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND date BETWEEN $4::date AND $5::date${bound}
   GROUP BY campaign_id, breakdown_value
   ORDER BY campaign_id, breakdown_value
   LIMIT $6`;

const UPSERT_SERIES = `
  INSERT INTO meta_campaign_insight_series
    (tenant_id, ad_account_id, breakdown, campaign_id, breakdown_value, campaign_name, first_date, action_keys, totals)
  SELECT $1::uuid, $2::uuid, $3::text, r.campaign_id, r.breakdown_value, r.campaign_name, ${EPOCH_DAYS} + r.first_day,
         r.action_keys::text[], r.totals::float8[]
    FROM unnest($4::text[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::text[])
      AS r(campaign_id, breakdown_value, campaign_name, first_day, action_keys, totals)
  ON CONFLICT (ad_account_id, breakdown, campaign_id, breakdown_value) DO UPDATE SET
    campaign_name = EXCLUDED.campaign_name, first_date = EXCLUDED.first_date,
    action_keys = EXCLUDED.action_keys, totals = EXCLUDED.totals`;

/** The columns that make a stored series (see storedSeries). */
const SERIES_COLUMNS = `campaign_id, breakdown_value, campaign_name, first_date - ${EPOCH_DAYS} AS first_day, action_keys, totals::text AS totals`;

/** The write's per-row parameters after the scope: the series' action keys and totals as array literals. */
function seriesColumns(series: readonly InsightSeries[]): [string, string] {
  const keys = series.map(seriesActionKeys);
  return [arrayLiteral(keys.map((list) => arrayLiteral(list))), arrayLiteral(series.map((s, i) => totalsLiteral(s, keys[i])))];
}

function storedSeries(row: Record<string, unknown>): InsightSeries {
  return {
    campaignId: row.campaign_id as string,
    breakdownValue: row.breakdown_value as string,
    campaignName: (row.campaign_name as string | null) ?? null,
    firstDay: Number(row.first_day),
    ...seriesLists(row.action_keys as string[], parseNumberArray(row.totals as string)),
  };
}

/**
 * A group's stored days, one row with a list per column in date order (see GROUP_DAYS): one row and a few strings to
 * take apart per group costs the driver and this process a fraction of a row per day. The group's latest name
 * stands on its last day.
 */
function storedDays(row: Record<string, unknown>): SeriesDay[] {
  const days = parseNumberArray(row.days as string);
  const [impressions, clicks, spend] = [row.impressions, row.clicks, row.spend].map((list) => parseNumberArray(list as string));
  const actions = JSON.parse(`[${row.actions as string}]`) as unknown[];
  const actionValues = JSON.parse(`[${row.action_values as string}]`) as unknown[];
  const name = (row.campaign_name as string | null) ?? null;
  return days.map((day, i) => ({
    day,
    campaignName: i === days.length - 1 ? name : null,
    impressions: toNumber(impressions[i]),
    clicks: toNumber(clicks[i]),
    spend: toNumber(spend[i]),
    actions: statsOf(actions[i]),
    actionValues: statsOf(actionValues[i]),
  }));
}

/** SQL of the running totals. Every function runs on the caller's runner (inside the import's transaction). */
export const MetaInsightSeriesStore = {
  /**
   * Recomputes the running totals of one breakdown from `from` to `until` (YYYY-MM-DD): each group keeps its days
   * before `from` and gets the stored days from `from` on added up. Reads the stored days in key order,
   * `readGroups` groups at a time, with the groups' series of the same key range; a group without days left is
   * removed. Returns the groups written.
   */
  async rollUp(runner: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown, from: string, until: string, readGroups = ROLLUP_READ_GROUPS): Promise<number> {
    const sql = serialSql(runner);
    const [fromDay, untilDay] = [dayOf(from), dayOf(until)];
    const limit = Math.max(1, readGroups);
    const scope = [owner.tenantId, owner.adAccountId, breakdown];
    const readDays = (after: Key | undefined): Promise<Array<Record<string, unknown>>> => {
      const params: unknown[] = [...scope, from, until, limit];
      const read: Promise<Array<Record<string, unknown>>> = sql.query(GROUP_DAYS(keyBound('>', after, params)), params);
      read.catch(() => undefined);
      return read;
    };
    const readOld = (after: Key | undefined, upTo: Key | undefined): Promise<Array<Record<string, unknown>>> => {
      const params: unknown[] = [...scope];
      return sql.query(
        `SELECT ${SERIES_COLUMNS}
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
        // A full chunk may have more groups after it.
        const upTo: Key | undefined = stored.length === limit ? [stored[limit - 1].campaign_id as string, stored[limit - 1].breakdown_value as string] : undefined;
        const olds = readOld(after, upTo);
        reading = upTo ? readDays(upTo) : undefined;
        const { series, gone } = this.build(stored, (await olds).map(storedSeries), fromDay, untilDay);
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

  /** The series of a chunk's groups (rows of GROUP_DAYS), and the keys of old groups with nothing left. Pure. */
  build(stored: ReadonlyArray<Record<string, unknown>>, olds: readonly InsightSeries[], fromDay: number, untilDay: number): { series: InsightSeries[]; gone: Key[] } {
    const oldByKey = new Map(olds.map((old) => [groupKey(old.campaignId, old.breakdownValue), old]));
    const series: InsightSeries[] = [];
    const gone: Key[] = [];
    const add = (key: { campaignId: string; breakdownValue: string }, old: InsightSeries | undefined, days: SeriesDay[]) => {
      const built = buildSeries(key, old, days, fromDay, untilDay);
      if (built) series.push(built);
      else if (old) gone.push([key.campaignId, key.breakdownValue]);
    };
    for (const group of stored) {
      const key = { campaignId: group.campaign_id as string, breakdownValue: group.breakdown_value as string };
      const id = groupKey(key.campaignId, key.breakdownValue);
      add(key, oldByKey.get(id), storedDays(group));
      oldByKey.delete(id);
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
      ...seriesColumns(series),
    ]);
  },

  /**
   * Every group of the breakdown with data in [start, end], with its stored days at `end` and at the day before
   * `start` (a group's totals end with the copy; its last day stands for later days all the same). Without actions
   * only the fixed columns are read.
   */
  async rangeTotals(sql: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown, start: string, end: string, withActions: boolean): Promise<RangeRow[]> {
    // i.e and i.b: 0-based days of the range's end and of the day before its start (negative: before the group); each
    // is a slice of `totals` (all its columns, or the fixed ones only), sent as text and split here, which is several
    // times faster than the driver's array parsing.
    const width = withActions ? 'i.w' : String(SERIES_FIXED_COLUMNS);
    const rows: Array<Record<string, string | null>> = await sql.query(
      `SELECT s.campaign_id, s.breakdown_value, s.campaign_name, ${withActions ? 'to_json(s.action_keys)::text' : 'NULL'} AS action_keys,
              s.totals[i.e * i.w + 1 : i.e * i.w + ${width}]::text AS e,
              CASE WHEN i.b >= 0 THEN s.totals[i.b * i.w + 1 : i.b * i.w + ${width}]::text END AS b
         FROM meta_campaign_insight_series s,
              LATERAL (SELECT ${SERIES_FIXED_COLUMNS} + cardinality(s.action_keys) AS w) k,
              LATERAL (SELECT k.w, LEAST($4::date - s.first_date, cardinality(s.totals) / k.w - 1) AS e,
                              LEAST($5::date - s.first_date, cardinality(s.totals) / k.w - 1) AS b) i
        WHERE s.tenant_id = $1 AND s.ad_account_id = $2 AND s.breakdown = $3 AND s.first_date <= $4::date
        ORDER BY s.campaign_id, s.breakdown_value`,
      [owner.tenantId, owner.adAccountId, breakdown, end, addDays(start, -1)],
    );
    // Rows of one account share a few lists of action keys.
    const keyLists = new Map<string, string[]>();
    const keysOf = (json: string | null): readonly string[] => {
      if (!json) return NO_KEYS;
      let keys = keyLists.get(json);
      if (!keys) keyLists.set(json, (keys = JSON.parse(json) as string[]));
      return keys;
    };
    const ranges: RangeRow[] = [];
    for (const row of rows) {
      const end = parseNumberArray(row.e);
      const start = row.b === null ? undefined : parseNumberArray(row.b);
      // A range has data when the group's count of days grew over it.
      if ((end[0] ?? 0) <= (start?.[0] ?? 0)) continue;
      ranges.push({
        campaignId: row.campaign_id as string,
        breakdownValue: row.breakdown_value as string,
        campaignName: row.campaign_name,
        actionKeys: keysOf(row.action_keys),
        end,
        start,
      });
    }
    return ranges;
  },
};

