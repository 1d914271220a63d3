import type { GoogleAdGroupRecord, GoogleAdRecord, GoogleCampaignMetricRecord, GoogleCampaignRecord } from '../../platforms/google/google-import.mapper';
import type { ImportAccount, SqlRunner } from '../import-step';

/** A table of the Google copy: its key columns and the other columns a record fills (name → SQL type). */
interface CopyTable {
  table: string;
  key: readonly string[];
  columns: Readonly<Record<string, string>>;
}

const CAMPAIGNS: CopyTable = {
  table: 'google_campaigns',
  key: ['campaign_id'],
  columns: {
    campaign_id: 'text',
    name: 'text',
    status: 'text',
    advertising_channel_type: 'text',
    bidding_strategy_type: 'text',
    budget_micros: 'bigint',
    currency: 'text',
    data: 'jsonb',
  },
};

const AD_GROUPS: CopyTable = {
  table: 'google_ad_groups',
  key: ['ad_group_id'],
  columns: { ad_group_id: 'text', campaign_id: 'text', name: 'text', status: 'text', type: 'text', cpc_bid_micros: 'bigint', currency: 'text', data: 'jsonb' },
};

const ADS: CopyTable = {
  table: 'google_ads',
  key: ['ad_group_id', 'ad_id'],
  columns: { ad_group_id: 'text', ad_id: 'text', campaign_id: 'text', name: 'text', status: 'text', type: 'text', data: 'jsonb' },
};

const CAMPAIGN_METRICS: CopyTable = {
  table: 'google_campaign_metrics',
  key: ['campaign_id', 'date'],
  columns: {
    campaign_id: 'text',
    date: 'date',
    impressions: 'bigint',
    clicks: 'bigint',
    cost_micros: 'bigint',
    conversions: 'double precision',
    conversions_value: 'double precision',
    all_conversions: 'double precision',
    interactions: 'bigint',
    ctr: 'double precision',
    average_cpc_micros: 'double precision',
    average_cpm_micros: 'double precision',
    currency: 'text',
    data: 'jsonb',
  },
};

/**
 * One statement per page: the records travel as one jsonb array, unpacked by jsonb_to_recordset, and are upserted on
 * the platform key. A row of another tenant is never overwritten (the key includes our account id, so it cannot
 * happen unless ids are mixed up; the guard makes that a no-op rather than a leak).
 */
function upsertSql(spec: CopyTable): string {
  const names = Object.keys(spec.columns);
  const definition = names.map((name) => `${name} ${spec.columns[name]}`).join(', ');
  const updates = [...names.filter((name) => !spec.key.includes(name)), 'import_id', 'synced_at'].map((name) => `${name} = EXCLUDED.${name}`).join(', ');
  return `INSERT INTO ${spec.table} AS t (tenant_id, ad_account_id, ${names.join(', ')}, import_id, synced_at)
    SELECT $1, $2, ${names.map((name) => `r.${name}`).join(', ')}, $3, now()
      FROM jsonb_to_recordset($4::jsonb) AS r(${definition})
    ON CONFLICT (ad_account_id, ${spec.key.join(', ')}) DO UPDATE SET ${updates}
    WHERE t.tenant_id = EXCLUDED.tenant_id`;
}

const SQL = new Map<CopyTable, string>([CAMPAIGNS, AD_GROUPS, ADS, CAMPAIGN_METRICS].map((spec) => [spec, upsertSql(spec)]));

async function upsert(sql: SqlRunner, spec: CopyTable, account: ImportAccount, importId: string, records: readonly object[]): Promise<number> {
  if (records.length === 0) return 0;
  await sql.query(SQL.get(spec)!, [account.tenantId, account.id, importId, JSON.stringify(records)]);
  return records.length;
}

/** Writes pages of the Google copy inside the runner's page transaction; every statement is scoped by tenant and account. */
export const GoogleCopyWriter = {
  campaigns: (sql: SqlRunner, account: ImportAccount, importId: string, records: readonly GoogleCampaignRecord[]) => upsert(sql, CAMPAIGNS, account, importId, records),
  adGroups: (sql: SqlRunner, account: ImportAccount, importId: string, records: readonly GoogleAdGroupRecord[]) => upsert(sql, AD_GROUPS, account, importId, records),
  ads: (sql: SqlRunner, account: ImportAccount, importId: string, records: readonly GoogleAdRecord[]) => upsert(sql, ADS, account, importId, records),
  campaignMetrics: (sql: SqlRunner, account: ImportAccount, importId: string, records: readonly GoogleCampaignMetricRecord[]) =>
    upsert(sql, CAMPAIGN_METRICS, account, importId, records),

  /**
   * Drops the days of [from, to] this import did not write: Google leaves out days without activity, so a day whose
   * numbers went back to zero (or a campaign gone from the window) would otherwise keep its old numbers.
   */
  async dropStaleMetrics(sql: SqlRunner, account: ImportAccount, importId: string, from: string, to: string): Promise<void> {
    await sql.query(
      `DELETE FROM google_campaign_metrics
        WHERE tenant_id = $1 AND ad_account_id = $2 AND date BETWEEN $3::date AND $4::date AND import_id <> $5`,
      [account.tenantId, account.id, from, to, importId],
    );
  },
};
