import type { MetaCopiedBreakdown, MetaDailyCampaignInsight } from '../../platforms/meta/meta-campaign-insights.mapper';
import type { SqlRunner } from '../import-step';
import { groupKey } from './meta-insights-rollup';

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

/** A page's days as the parameters of their upsert. */
export interface PreparedDays {
  rows: number;
  params: unknown[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}


// Rows travel as one array per column, zipped back into rows in SQL: PostgreSQL reads arrays several times faster
// than it takes a JSON document of rows apart (json_to_recordset was most of the statement's time). The action lists
// travel as one JSON array each (one native JSON.stringify); a JSON null in it is a row without actions.
const INSERT_DAYS = `
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
           actions, action_values)`;

const UPSERT_DAYS = `${INSERT_DAYS}
  ON CONFLICT (ad_account_id, breakdown, date, campaign_id, breakdown_value) DO UPDATE SET
    campaign_name = EXCLUDED.campaign_name, impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks,
    spend = EXCLUDED.spend, currency = EXCLUDED.currency, reach = EXCLUDED.reach, cpm = EXCLUDED.cpm,
    cpc = EXCLUDED.cpc, ctr = EXCLUDED.ctr, actions = EXCLUDED.actions, action_values = EXCLUDED.action_values,
    import_id = EXCLUDED.import_id, synced_at = EXCLUDED.synced_at`;

const UNIQUE_VIOLATION = '23505';

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

  /**
   * The parameters of one multi-row upsert of a page's days (a key repeated in the page keeps its last row), made
   * apart from the write so that the next page is prepared while this one is written. Pure.
   */
  prepareDays(owner: InsightsOwner, importId: string, breakdown: MetaCopiedBreakdown, records: readonly MetaDailyCampaignInsight[]): PreparedDays {
    const unique = [...new Map(records.map((r) => [`${r.date}|${groupKey(r.campaignId, r.breakdownValue)}`, r])).values()];
    if (unique.length === 0) return { rows: 0, params: [] };
    const params = [
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
    ];
    return { rows: unique.length, params };
  },

  /** Whether any day of the breakdown is stored for the account (one probe of the primary key). */
  async hasDays(sql: SqlRunner, owner: InsightsOwner, breakdown: MetaCopiedBreakdown): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await sql.query(
      `SELECT EXISTS (SELECT 1 FROM meta_campaign_insights WHERE tenant_id = $1 AND ad_account_id = $2 AND breakdown = $3) AS found`,
      [owner.tenantId, owner.adAccountId, breakdown],
    );
    return rows[0]?.found === true;
  },

  /**
   * Writes prepared days. `insert`: the days are expected to be new (a first copy), so they go in with a plain
   * insert, which costs PostgreSQL about a third less than the upsert's conflict check; should a key be stored
   * already, that insert is rolled back to a savepoint and the page upserted. Returns the rows written and whether a
   * stored key was met (the caller then upserts from there on).
   */
  async writeDays(sql: SqlRunner, prepared: PreparedDays, insert: boolean): Promise<{ rows: number; conflicted: boolean }> {
    if (prepared.rows === 0) return { rows: 0, conflicted: false };
    if (!insert) {
      await sql.query(UPSERT_DAYS, prepared.params);
      return { rows: prepared.rows, conflicted: false };
    }
    await sql.query(`SAVEPOINT insights_page`);
    try {
      await sql.query(INSERT_DAYS, prepared.params);
      return { rows: prepared.rows, conflicted: false };
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code !== UNIQUE_VIOLATION) throw error;
    }
    await sql.query(`ROLLBACK TO SAVEPOINT insights_page`);
    await sql.query(UPSERT_DAYS, prepared.params);
    return { rows: prepared.rows, conflicted: true };
  },

};
