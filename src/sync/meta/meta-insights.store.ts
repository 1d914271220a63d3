import type { MetaCopiedBreakdown, MetaDailyCampaignInsight } from '../../platforms/meta/meta-campaign-insights.mapper';
import type { MetaActionStat } from '../../platforms/meta/meta-insights.mapper';
import type { SqlRunner } from '../import-step';
import { advanceTotals, DailyNumbers, dayChunks, groupKey, RunningTotals } from './meta-insights-rollup';

/** The account a statement is about: every statement is scoped by both. */
export interface InsightsOwner {
  tenantId: string;
  adAccountId: string;
}

/** The days of an account's copy (inclusive) and the currency of its minor units. */
export interface InsightsCoverage {
  since: string;
  until: string;
  currency: string | null;
}

/** One group over a range, as the local read fetches it. */
export interface RangeRow {
  campaignId: string;
  breakdownValue: string;
  campaignName: string | null;
  /** The range's own numbers: the running totals at its end minus those of the day before its start. */
  impressions: number;
  clicks: number;
  spend: number;
  /** Running action totals at both ends ({} when not asked), subtracted by the caller: jsonb arithmetic in SQL is slower. */
  actionsEnd: Record<string, number>;
  actionsStart?: Record<string, number>;
  actionValuesEnd: Record<string, number>;
  actionValuesStart?: Record<string, number>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per multi-row insert of running totals. */
const TOTALS_BATCH = 5000;
/** Daily rows read at once by the roll-up (a chunk is whole days; a day with more rows is a chunk of its own). */
const ROLLUP_READ_ROWS = 10_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const objectOf = (value: unknown): Record<string, number> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, number>) : {});
const statsOf = (value: unknown): MetaActionStat[] | null => (Array.isArray(value) ? (value as MetaActionStat[]) : null);

// Rows travel as one array per column, zipped back into rows in SQL: PostgreSQL reads arrays several times faster
// than it takes a JSON document of rows apart (json_to_recordset was most of the statement's time). The action lists
// travel as one JSON array each (one native JSON.stringify); a JSON null in it is a row without actions.
const UPSERT_DAYS = `
  INSERT INTO meta_campaign_insights
    (tenant_id, ad_account_id, breakdown, date, campaign_id, breakdown_value, campaign_name,
     impressions, clicks, spend, currency, reach, cpm, cpc, ctr, actions, action_values, import_id, synced_at)
  SELECT $1::uuid, $2::uuid, $3::text, r.date, r.campaign_id, r.breakdown_value, r.campaign_name,
         r.impressions, r.clicks, r.spend, r.currency, r.reach, r.cpm, r.cpc, r.ctr,
         NULLIF(r.actions, 'null'::jsonb), NULLIF(r.action_values, 'null'::jsonb), $4::uuid, now()
    FROM ROWS FROM (
           unnest($5::date[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[],
                  $13::bigint[], $14::numeric[], $15::numeric[], $16::numeric[]),
           jsonb_array_elements($17::jsonb), jsonb_array_elements($18::jsonb))
      AS r(date, campaign_id, breakdown_value, campaign_name, impressions, clicks, spend, currency, reach, cpm, cpc, ctr,
           actions, action_values)
  ON CONFLICT (ad_account_id, breakdown, date, campaign_id, breakdown_value) DO UPDATE SET
    campaign_name = EXCLUDED.campaign_name, impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks,
    spend = EXCLUDED.spend, currency = EXCLUDED.currency, reach = EXCLUDED.reach, cpm = EXCLUDED.cpm,
    cpc = EXCLUDED.cpc, ctr = EXCLUDED.ctr, actions = EXCLUDED.actions, action_values = EXCLUDED.action_values,
    import_id = EXCLUDED.import_id, synced_at = EXCLUDED.synced_at`;

const INSERT_TOTALS = `
  INSERT INTO meta_campaign_insight_totals
    (tenant_id, ad_account_id, breakdown, date, campaign_id, breakdown_value, campaign_name, days,
     impressions, clicks, spend, actions, action_values)
  SELECT $1::uuid, $2::uuid, $3::text, r.*
    FROM ROWS FROM (
           unnest($4::date[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::bigint[], $10::bigint[], $11::bigint[]),
           jsonb_array_elements($12::jsonb), jsonb_array_elements($13::jsonb))
      AS r(date, campaign_id, breakdown_value, campaign_name, days, impressions, clicks, spend, actions, action_values)`;

const NEEDS_ESCAPE = /[\\"]/;

/**
 * A PostgreSQL array literal of finite numbers, strings and nulls: `{1,"a\\"b",NULL}`. The driver's own conversion
 * runs two regular expressions over every element, numbers included. Pure.
 */
export function arrayLiteral(values: ReadonlyArray<string | number | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) out += 'NULL';
    else if (typeof value === 'number') out += String(value);
    else out += NEEDS_ESCAPE.test(value) ? `"${value.replace(/[\\"]/g, '\\$&')}"` : `"${value}"`;
  }
  return `${out}}`;
}

interface TotalsRow {
  campaign_id: string;
  breakdown_value: string;
  campaign_name: string | null;
  days: number | string;
  impressions: string | number;
  clicks: string | number;
  spend: string | number;
  actions: unknown;
  action_values: unknown;
}

function totalsOf(row: TotalsRow): RunningTotals {
  return {
    campaignId: row.campaign_id,
    breakdownValue: row.breakdown_value,
    campaignName: row.campaign_name,
    days: toNumber(row.days),
    impressions: toNumber(row.impressions),
    clicks: toNumber(row.clicks),
    spend: toNumber(row.spend),
    actions: objectOf(row.actions),
    actionValues: objectOf(row.action_values),
  };
}

/** SQL of the insights copy. Every function runs on the caller's runner (inside the page's transaction). */
export const MetaInsightsStore = {
  /**
   * The page's transaction commits without waiting for its WAL flush. Safe here: a commit lost to a database crash
   * takes the step's checkpoint with it, so the run reads that page again; hundreds of pages no longer wait on disk.
   */
  async commitLazily(sql: SqlRunner): Promise<void> {
    await sql.query(`SET LOCAL synchronous_commit = off`);
  },

  async coverage(sql: SqlRunner, owner: InsightsOwner): Promise<InsightsCoverage | undefined> {
    const rows: Array<{ since: string; until: string; currency: string | null }> = await sql.query(
      `SELECT since::text AS since, until::text AS until, currency FROM meta_campaign_insight_coverage WHERE tenant_id = $1 AND ad_account_id = $2`,
      [owner.tenantId, owner.adAccountId],
    );
    return rows[0];
  },

  async saveCoverage(sql: SqlRunner, owner: InsightsOwner, coverage: InsightsCoverage): Promise<void> {
    await sql.query(
      `INSERT INTO meta_campaign_insight_coverage (ad_account_id, tenant_id, since, until, currency, synced_at)
       VALUES ($1, $2, $3::date, $4::date, $5, now())
       ON CONFLICT (ad_account_id) DO UPDATE SET since = EXCLUDED.since, until = EXCLUDED.until, currency = EXCLUDED.currency, synced_at = now()`,
      [owner.adAccountId, owner.tenantId, coverage.since, coverage.until, coverage.currency],
    );
  },

  /**
   * Drops the days of the window that the import did not write: Meta no longer reports them. Runs with the roll-up,
   * in its transaction, so the days and the totals change together.
   */
  async pruneDays(sql: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown, since: string, until: string, importId: string): Promise<void> {
    await sql.query(
      `DELETE FROM meta_campaign_insights
        WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND date BETWEEN $4::date AND $5::date AND import_id IS DISTINCT FROM $6::uuid`,
      [owner.tenantId, owner.adAccountId, breakdown, since, until, importId],
    );
  },

  /** One multi-row upsert of a page's days; a key repeated in the page keeps its last row. Returns the rows written. */
  async upsertDays(sql: SqlRunner, owner: InsightsOwner, importId: string, breakdown: MetaCopiedBreakdown, records: readonly MetaDailyCampaignInsight[]): Promise<number> {
    const unique = [...new Map(records.map((r) => [`${r.date}|${groupKey(r.campaignId, r.breakdownValue)}`, r])).values()];
    if (unique.length === 0) return 0;
    await sql.query(UPSERT_DAYS, [
      owner.tenantId,
      owner.adAccountId,
      breakdown,
      importId,
      arrayLiteral(unique.map((r) => r.date)),
      arrayLiteral(unique.map((r) => r.campaignId)),
      arrayLiteral(unique.map((r) => r.breakdownValue)),
      arrayLiteral(unique.map((r) => r.campaignName)),
      arrayLiteral(unique.map((r) => r.impressions)),
      arrayLiteral(unique.map((r) => r.clicks)),
      arrayLiteral(unique.map((r) => r.spend)),
      arrayLiteral(unique.map((r) => r.currency)),
      arrayLiteral(unique.map((r) => r.reach)),
      arrayLiteral(unique.map((r) => r.cpm)),
      arrayLiteral(unique.map((r) => r.cpc)),
      arrayLiteral(unique.map((r) => r.ctr)),
      JSON.stringify(unique.map((r) => r.actions ?? null)),
      JSON.stringify(unique.map((r) => r.actionValues ?? null)),
    ]);
    return unique.length;
  },

  /**
   * Recomputes the running totals of one breakdown from `from` to `until`: starts from the totals of the day before
   * (an older part of the copy, or nothing), then walks the days in order, carrying every group forward and adding
   * the day's rows. Holds only one set of groups in memory; writes the rows of a day next to each other.
   */
  async rollUp(sql: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown, from: string, until: string): Promise<number> {
    const scope = [owner.tenantId, owner.adAccountId, breakdown];
    await sql.query(`DELETE FROM meta_campaign_insight_totals WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND date >= $4::date`, [...scope, from]);
    const base: TotalsRow[] = await sql.query(
      `SELECT campaign_id, breakdown_value, campaign_name, days, impressions, clicks, spend, actions, action_values
         FROM meta_campaign_insight_totals WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND date = $4::date`,
      [...scope, addDays(from, -1)],
    );
    const totals = new Map(base.map((row) => [groupKey(row.campaign_id, row.breakdown_value), totalsOf(row)]));
    // Statements queue on the page's connection: the next chunk's read and the inserts run in PostgreSQL while this
    // process adds up the current chunk, instead of one side waiting for the other. At most one insert is queued.
    let inserting: Promise<unknown> = Promise.resolve();
    let pending: Array<{ date: string; totals: RunningTotals }> = [];
    let written = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      const rows = pending;
      const params = [
        ...scope,
        arrayLiteral(rows.map((row) => row.date)),
        arrayLiteral(rows.map((row) => row.totals.campaignId)),
        arrayLiteral(rows.map((row) => row.totals.breakdownValue)),
        arrayLiteral(rows.map((row) => row.totals.campaignName)),
        arrayLiteral(rows.map((row) => row.totals.days)),
        arrayLiteral(rows.map((row) => row.totals.impressions)),
        arrayLiteral(rows.map((row) => row.totals.clicks)),
        arrayLiteral(rows.map((row) => row.totals.spend)),
        JSON.stringify(rows.map((row) => row.totals.actions)),
        JSON.stringify(rows.map((row) => row.totals.actionValues)),
      ];
      written += pending.length;
      pending = [];
      await inserting;
      inserting = sql.query(INSERT_TOTALS, params);
      // Awaited before the next insert or at the end; until then a failure must not count as unhandled.
      inserting.catch(() => undefined);
    };

    // Chunks sized by the rows stored per day: on a first import no group is known yet, so a size guessed from the
    // groups would read a month of a large account at once.
    const perDay: Array<{ date: string; rows: string }> = await sql.query(
      `SELECT date::text AS date, count(*) AS rows FROM meta_campaign_insights
        WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND date BETWEEN $4::date AND $5::date GROUP BY date`,
      [...scope, from, until],
    );
    const chunks = dayChunks(from, until, new Map(perDay.map((day) => [day.date, Number(day.rows)])), ROLLUP_READ_ROWS);
    const readChunk = (chunk: { start: string; end: string }): Promise<Array<TotalsRow & { date: string }>> => {
      const read: Promise<Array<TotalsRow & { date: string }>> = sql.query(
        `SELECT date::text AS date, campaign_id, breakdown_value, campaign_name, impressions, clicks, spend, actions, action_values
           FROM meta_campaign_insights
          WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3 AND date BETWEEN $4::date AND $5::date`,
        [...scope, chunk.start, chunk.end],
      );
      read.catch(() => undefined);
      return read;
    };
    let nextRead = chunks.length > 0 ? readChunk(chunks[0]) : undefined;
    try {
      for (let i = 0; i < chunks.length; i++) {
        const { start: chunkStart, end: chunkEnd } = chunks[i];
        const fetched = await nextRead!;
        nextRead = i + 1 < chunks.length ? readChunk(chunks[i + 1]) : undefined;
        const byDay = new Map<string, DailyNumbers[]>();
        for (const row of fetched) {
          const numbers: DailyNumbers = {
            campaignId: row.campaign_id,
            breakdownValue: row.breakdown_value,
            campaignName: row.campaign_name,
            impressions: toNumber(row.impressions),
            clicks: toNumber(row.clicks),
            spend: toNumber(row.spend),
            actions: statsOf(row.actions),
            actionValues: statsOf(row.action_values),
          };
          const day = byDay.get(row.date);
          if (day) day.push(numbers);
          else byDay.set(row.date, [numbers]);
        }
        for (let date = chunkStart; date <= chunkEnd; date = addDays(date, 1)) {
          advanceTotals(totals, byDay.get(date) ?? []);
          for (const group of totals.values()) {
            pending.push({ date, totals: group });
            if (pending.length >= TOTALS_BATCH) await flush();
          }
        }
      }
      await flush();
    } finally {
      // Nothing may still run on the connection when the transaction ends (or rolls back after a failure).
      await nextRead?.catch(() => undefined);
      await inserting.catch(() => undefined);
    }
    await inserting;
    return written;
  },

  /**
   * Every group of the breakdown with data in [start, end], with its numbers over the range: the running totals at
   * `end` and at the day before `start`, two primary-key lookups per group, the day's rows next to each other.
   */
  async rangeTotals(sql: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown, start: string, end: string, withActions: boolean): Promise<RangeRow[]> {
    const actions = withActions ? ', e.actions AS e_actions, e.action_values AS e_action_values, s.actions AS s_actions, s.action_values AS s_action_values' : '';
    const rows: Array<Record<string, unknown>> = await sql.query(
      `SELECT e.campaign_id, e.breakdown_value, e.campaign_name,
              e.impressions - COALESCE(s.impressions, 0) AS impressions,
              e.clicks - COALESCE(s.clicks, 0) AS clicks,
              e.spend - COALESCE(s.spend, 0) AS spend${actions}
         FROM meta_campaign_insight_totals e
         LEFT JOIN meta_campaign_insight_totals s
           ON s.ad_account_id = e.ad_account_id AND s.breakdown = e.breakdown AND s.date = $5::date
          AND s.campaign_id = e.campaign_id AND s.breakdown_value = e.breakdown_value
        WHERE e.tenant_id = $1 AND e.ad_account_id = $2 AND e.breakdown = $3 AND e.date = $4::date
          AND e.days > COALESCE(s.days, 0)
        ORDER BY e.campaign_id, e.breakdown_value`,
      [owner.tenantId, owner.adAccountId, breakdown, end, addDays(start, -1)],
    );
    return rows.map((row) => ({
      campaignId: row.campaign_id as string,
      breakdownValue: row.breakdown_value as string,
      campaignName: (row.campaign_name as string | null) ?? null,
      impressions: toNumber(row.impressions),
      clicks: toNumber(row.clicks),
      spend: toNumber(row.spend),
      actionsEnd: objectOf(row.e_actions),
      actionsStart: row.s_actions ? objectOf(row.s_actions) : undefined,
      actionValuesEnd: objectOf(row.e_action_values),
      actionValuesStart: row.s_action_values ? objectOf(row.s_action_values) : undefined,
    }));
  },
};
