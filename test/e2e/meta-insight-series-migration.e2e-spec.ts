import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { MetaInsightSeries1796510000000 } from '../../migrations/1796510000000-MetaInsightSeries';
import { MetaInsightSeriesStore } from '../../src/sync/meta/meta-insight-series.store';
import { localInsightsJson } from '../../src/sync/meta/meta-local-insights.writer';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Running totals per day (the old table) become one series row per group (MetaInsightSeries), whose lists then
 * become one array of totals (MetaInsightSeriesTotals), with the same answers; and back, step by step.
 */
describe('migrations MetaInsightSeries1796510000000 and MetaInsightSeriesTotals1796520000000', () => {
  const owner = { tenantId: randomUUID(), adAccountId: randomUUID() };
  let database: TestDatabase;
  let dataSource: DataSource;
  /** The series as MetaInsightSeries left them: lists per number and per action type. */
  let seriesLists: unknown;
  const SERIES_LISTS = `SELECT campaign_id, first_date::text AS first_date, campaign_name, days, impressions, actions, action_values FROM meta_campaign_insight_series ORDER BY campaign_id`;

  const open = async (list: typeof migrations) => {
    const source = new DataSource({ type: 'postgres', url: database.url, migrations: list, migrationsTableName: 'schema_migrations', migrationsTransactionMode: 'each' });
    await source.initialize();
    await source.runMigrations({ transaction: 'each' });
    return source;
  };

  // Campaign 1 (gender female) from 09-01 to 09-04, a lead first seen on 09-03; campaign 2 from 09-03.
  const totals = [
    ['1', 'female', '2026-09-01', 'Old name', 1, 100, 10, 500, { link_click: 9 }, {}],
    ['1', 'female', '2026-09-02', 'Old name', 1, 100, 10, 500, { link_click: 9 }, {}],
    ['1', 'female', '2026-09-03', 'New name', 2, 250, 14, 900, { link_click: 12, lead: 1 }, { purchase: 12.5 }],
    ['1', 'female', '2026-09-04', 'New name', 3, 300, 20, 1000, { link_click: 18, lead: 1 }, { purchase: 12.5 }],
    ['2', 'female', '2026-09-03', null, 1, 40, 1, 70, {}, {}],
    ['2', 'female', '2026-09-04', null, 1, 40, 1, 70, {}, {}],
  ] as const;

  beforeAll(async () => {
    database = await createTestDatabase();
    const before = migrations.slice(0, migrations.indexOf(MetaInsightSeries1796510000000));
    const old = await open(before);
    for (const [campaign, value, date, name, days, impressions, clicks, spend, actions, actionValues] of totals) {
      await old.query(
        `INSERT INTO meta_campaign_insight_totals (tenant_id, ad_account_id, breakdown, date, campaign_id, breakdown_value, campaign_name, days, impressions, clicks, spend, actions, action_values)
         VALUES ($1, $2, 'gender', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [owner.tenantId, owner.adAccountId, date, campaign, value, name, days, impressions, clicks, spend, JSON.stringify(actions), JSON.stringify(actionValues)],
      );
    }
    await old.destroy();
    const lists = await open(migrations.slice(0, migrations.indexOf(MetaInsightSeries1796510000000) + 1));
    seriesLists = await lists.query(SERIES_LISTS);
    await lists.destroy();
    dataSource = await open(migrations);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps every range answer and the latest name, and goes back to the same rows', async () => {
    expect(seriesLists).toEqual([
      {
        campaign_id: '1',
        first_date: '2026-09-01',
        campaign_name: 'New name',
        days: [1, 1, 2, 3],
        impressions: ['100', '100', '250', '300'],
        actions: { link_click: [9, 9, 12, 18], lead: [0, 0, 1, 1] },
        action_values: { purchase: [0, 0, 12.5, 12.5] },
      },
      { campaign_id: '2', first_date: '2026-09-03', campaign_name: null, days: [1, 1], impressions: ['40', '40'], actions: {}, action_values: {} },
    ]);

    // 09-02..09-04: campaign 1 is the 09-04 totals minus the 09-01 ones; campaign 2 started inside the range.
    const keys = ['actions.lead', 'actions.link_click', 'action_values.purchase'];
    const range = await MetaInsightSeriesStore.rangeTotals(dataSource, owner, 'gender', '2026-09-02', '2026-09-04', true);
    expect(range).toEqual([
      { campaignId: '1', breakdownValue: 'female', campaignName: 'New name', actionKeys: keys, end: [3, 300, 20, 1000, 1, 18, 12.5], start: [1, 100, 10, 500, 0, 9, 0] },
      { campaignId: '2', breakdownValue: 'female', campaignName: null, actionKeys: [], end: [1, 40, 1, 70], start: undefined },
    ]);
    const read = { fields: ['impressions', 'clicks', 'spend', 'actions', 'action_values'], startDate: '2026-09-02', endDate: '2026-09-04' };
    expect(JSON.parse(localInsightsJson(range, read, 'USD'))).toEqual([
      {
        campaign_id: '1',
        campaign_name: 'New name',
        impressions: 200,
        clicks: 10,
        spend: 5,
        actions: [
          { action_type: 'lead', value: 1 },
          { action_type: 'link_click', value: 9 },
        ],
        action_values: [{ action_type: 'purchase', value: 12.5 }],
        date_start: '2026-09-02',
        date_stop: '2026-09-04',
      },
      { campaign_id: '2', impressions: 40, clicks: 1, spend: 0.7, date_start: '2026-09-02', date_stop: '2026-09-04' },
    ]);
    // 09-02 alone: campaign 1 had no new day (its count did not grow), campaign 2 had not started.
    expect(await MetaInsightSeriesStore.rangeTotals(dataSource, owner, 'gender', '2026-09-02', '2026-09-02', false)).toEqual([]);

    expect(await dataSource.query(`SELECT campaign_id, action_keys, totals FROM meta_campaign_insight_series ORDER BY campaign_id`)).toEqual([
      {
        campaign_id: '1',
        action_keys: ['actions.lead', 'actions.link_click', 'action_values.purchase'],
        totals: [1, 100, 10, 500, 0, 9, 0, 1, 100, 10, 500, 0, 9, 0, 2, 250, 14, 900, 1, 12, 12.5, 3, 300, 20, 1000, 1, 18, 12.5],
      },
      { campaign_id: '2', action_keys: [], totals: [1, 40, 1, 70, 1, 40, 1, 70] },
    ]);

    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await dataSource.query(SERIES_LISTS)).toEqual(seriesLists);
    await dataSource.undoLastMigration({ transaction: 'each' });
    const back = await dataSource.query(
      `SELECT campaign_id, breakdown_value, date::text AS date, days, impressions::int, clicks::int, spend::int, actions, action_values FROM meta_campaign_insight_totals ORDER BY campaign_id, date`,
    );
    expect(back.map((row: Record<string, unknown>) => [row.campaign_id, row.date, row.days, row.impressions, row.clicks, row.spend, row.actions])).toEqual(
      totals.map(([campaign, , date, , days, impressions, clicks, spend, actions]) => [campaign, date, days, impressions, clicks, spend, campaign === '1' && date < '2026-09-03' ? { ...actions, lead: 0 } : actions]),
    );
  });
});
