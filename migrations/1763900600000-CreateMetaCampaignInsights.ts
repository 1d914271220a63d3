import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The local copy of Meta's daily campaign insights.
 *
 * `meta_campaign_insights` holds the days as Meta sent them. A range query cannot sum them fast enough (2,000
 * campaigns x 90 days x one breakdown is half a million rows to add up per request), so
 * `meta_campaign_insight_totals` keeps running totals per campaign and breakdown value, one row per day from the
 * group's first day to the end of the copy: the totals of a range are the totals at its end minus those at the day
 * before its start, two index lookups per group. Rows of one day sit together in that index.
 *
 * No FK on tenant_id: both tables go with their ad account (itself deleted with its tenant), and an extra index per
 * row on tables of millions of rows would only serve that cascade.
 */
export class CreateMetaCampaignInsights1763900600000 implements MigrationInterface {
  name = 'CreateMetaCampaignInsights1763900600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE meta_campaign_insights (
        tenant_id uuid NOT NULL,
        ad_account_id uuid NOT NULL REFERENCES ad_accounts(id) ON DELETE CASCADE,
        -- 'none', or the Meta breakdown the row belongs to (gender, country, age, publisher_platform, impression_device).
        breakdown text NOT NULL,
        date date NOT NULL,
        campaign_id text NOT NULL,
        -- The breakdown's value (e.g. 'female'); '' when breakdown = 'none'.
        breakdown_value text NOT NULL,
        campaign_name text,
        impressions bigint NOT NULL,
        clicks bigint NOT NULL,
        -- Minor units of currency (cents for USD, yen for JPY).
        spend bigint NOT NULL,
        currency text,
        reach bigint,
        cpm numeric,
        cpc numeric,
        ctr numeric,
        -- [{action_type, value}] with numeric values, as the live read answers.
        actions jsonb,
        action_values jsonb,
        -- The import that last wrote the row: once a breakdown is copied, its days in the window that this import
        -- did not write are gone at Meta and are dropped.
        import_id uuid,
        synced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ad_account_id, breakdown, date, campaign_id, breakdown_value)
      )`);
    await queryRunner.query(`
      CREATE TABLE meta_campaign_insight_totals (
        tenant_id uuid NOT NULL,
        ad_account_id uuid NOT NULL REFERENCES ad_accounts(id) ON DELETE CASCADE,
        breakdown text NOT NULL,
        date date NOT NULL,
        campaign_id text NOT NULL,
        breakdown_value text NOT NULL,
        -- The campaign's name on its latest day with data up to this date.
        campaign_name text,
        -- Days with data up to this date: a range has data when the count grew over it.
        days integer NOT NULL,
        impressions bigint NOT NULL,
        clicks bigint NOT NULL,
        spend bigint NOT NULL,
        -- {action_type: running total}
        actions jsonb NOT NULL,
        action_values jsonb NOT NULL,
        PRIMARY KEY (ad_account_id, breakdown, date, campaign_id, breakdown_value)
      )`);
    await queryRunner.query(`
      CREATE TABLE meta_campaign_insight_coverage (
        ad_account_id uuid PRIMARY KEY REFERENCES ad_accounts(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        -- Days copied (inclusive): a local read answers only ranges inside them.
        since date NOT NULL,
        until date NOT NULL,
        -- Currency of the minor units in the totals.
        currency text,
        synced_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['meta_campaign_insight_coverage', 'meta_campaign_insight_totals', 'meta_campaign_insights']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
