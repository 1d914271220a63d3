import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { parseNumberArray, seriesLists } from '../../src/sync/meta/meta-insight-series.codec';
import { MetaInsightSeriesStore } from '../../src/sync/meta/meta-insight-series.store';
import { addDays, arrayLiteral } from '../../src/sync/meta/meta-insights.store';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The roll-up reads the stored days a chunk at a time: any chunk size gives the same series. */
describe('MetaInsightSeriesStore.rollUp', () => {
  const owners = [0, 1].map(() => ({ tenantId: randomUUID(), adAccountId: randomUUID() }));
  const first = '2026-09-01';
  let database: TestDatabase;
  let dataSource: DataSource;

  /** Campaigns 1..5 with values a and b; campaign c skips days where (c + d) % 3 = 0. */
  async function storeDays(owner: (typeof owners)[number], days: number, factor = 1): Promise<void> {
    const rows: Array<[string, string, string, number]> = [];
    for (let d = 0; d < days; d++) {
      for (let c = 1; c <= 5; c++) {
        if ((c + d) % 3 === 0) continue;
        for (const value of ['a', 'b']) rows.push([addDays(first, d), String(c), value, (c * 100 + d) * factor]);
      }
    }
    await dataSource.query(
      `INSERT INTO meta_campaign_insights (tenant_id, ad_account_id, breakdown, date, campaign_id, breakdown_value, campaign_name, impressions, clicks, spend, actions)
       SELECT $1, $2, 'gender', r.date, r.campaign, r.value, 'C' || r.campaign, r.n, r.n % 7, r.n * 3, jsonb_build_array(jsonb_build_object('action_type', 'lead', 'value', r.n % 5))
         FROM unnest($3::date[], $4::text[], $5::text[], $6::bigint[]) AS r(date, campaign, value, n)
       ON CONFLICT (ad_account_id, breakdown, date, campaign_id, breakdown_value) DO UPDATE SET impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks, spend = EXCLUDED.spend, actions = EXCLUDED.actions`,
      [owner.tenantId, owner.adAccountId, arrayLiteral(rows.map((r) => r[0])), arrayLiteral(rows.map((r) => r[1])), arrayLiteral(rows.map((r) => r[2])), arrayLiteral(rows.map((r) => r[3]))],
    );
  }

  const series = async (owner: (typeof owners)[number]) => {
    const rows: Array<Record<string, string>> = await dataSource.query(
      `SELECT campaign_id, breakdown_value, first_date::text AS first_date, action_keys, totals::text AS totals FROM meta_campaign_insight_series
        WHERE ad_account_id = $1 ORDER BY campaign_id, breakdown_value`,
      [owner.adAccountId],
    );
    return rows.map(({ action_keys, totals, ...row }) => ({ ...row, ...seriesLists(action_keys as unknown as string[], parseNumberArray(totals)) }));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations, migrationsTableName: 'schema_migrations' });
    await dataSource.initialize();
    await dataSource.runMigrations();
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('gives the same series whatever the chunk size, on a first copy and on a resync of the last days', async () => {
    for (const owner of owners) await storeDays(owner, 10);
    // One chunk for the first account; chunks of one group for the second.
    expect(await MetaInsightSeriesStore.rollUp(dataSource, owners[0], 'gender', first, addDays(first, 9))).toBe(10);
    expect(await MetaInsightSeriesStore.rollUp(dataSource, owners[1], 'gender', first, addDays(first, 9), 1)).toBe(10);
    const whole = await series(owners[0]);
    expect(await series(owners[1])).toEqual(whole);
    // Campaign 1, value a: no data on day 2 (1 + 2 = 3), so the running totals stay.
    expect(whole[0]).toMatchObject({ campaign_id: '1', breakdown_value: 'a', first_date: first, days: [1, 2, 2, 3, 4, 4, 5, 6, 6, 7] });
    expect(whole[0].impressions.slice(0, 4)).toEqual([100, 201, 201, 304]);
    expect(whole[0].actions.lead.slice(0, 4)).toEqual([0, 1, 1, 4]);

    // A resync: days 7..11 again (numbers doubled), two new days; days 0..6 are kept from the series.
    for (const owner of owners) await storeDays(owner, 12, 2);
    await MetaInsightSeriesStore.rollUp(dataSource, owners[0], 'gender', addDays(first, 7), addDays(first, 11));
    await MetaInsightSeriesStore.rollUp(dataSource, owners[1], 'gender', addDays(first, 7), addDays(first, 11), 1);
    const resynced = await series(owners[0]);
    expect(await series(owners[1])).toEqual(resynced);
    expect(resynced[0].days).toEqual([1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8, 8]);
    // Days 0..6 as before; day 7 adds its doubled number (2 × 107).
    expect(resynced[0].impressions[7] - resynced[0].impressions[6]).toBe(214);
    expect(resynced[0].impressions.slice(0, 7)).toEqual(whole[0].impressions.slice(0, 7));
  });
});
