import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['google_campaigns', 'google_ad_groups', 'google_ads', 'google_campaign_metrics'];

/**
 * The local copy of Google Ads accounts: campaigns, ad groups, ads and daily campaign metrics. Rows are keyed by the
 * account and the platform id (and the day for metrics), carry the tenant, and go with their ad account. `import_id`
 * is the import that last wrote the row (no foreign key: pruning old imports must not drop the copy).
 */
export class CreateGoogleCopy1763900700000 implements MigrationInterface {
  name = 'CreateGoogleCopy1763900700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const owner = `
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        ad_account_id uuid NOT NULL REFERENCES ad_accounts(id) ON DELETE CASCADE,`;
    const written = `
        -- The row flat and snake_case (ids as text, money in micros and units, metrics as numbers).
        data jsonb NOT NULL,
        import_id uuid NOT NULL,
        synced_at timestamptz NOT NULL DEFAULT now(),`;
    await queryRunner.query(`
      CREATE TABLE google_campaigns (${owner}
        campaign_id text NOT NULL,
        name text,
        status text,
        advertising_channel_type text,
        bidding_strategy_type text,
        budget_micros bigint,
        currency text,${written}
        PRIMARY KEY (ad_account_id, campaign_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE google_ad_groups (${owner}
        ad_group_id text NOT NULL,
        campaign_id text,
        name text,
        status text,
        type text,
        cpc_bid_micros bigint,
        currency text,${written}
        PRIMARY KEY (ad_account_id, ad_group_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_google_ad_groups_campaign ON google_ad_groups (ad_account_id, campaign_id)`);
    await queryRunner.query(`
      CREATE TABLE google_ads (${owner}
        ad_group_id text NOT NULL,
        ad_id text NOT NULL,
        campaign_id text,
        name text,
        status text,
        type text,${written}
        PRIMARY KEY (ad_account_id, ad_group_id, ad_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_google_ads_campaign ON google_ads (ad_account_id, campaign_id)`);
    await queryRunner.query(`
      CREATE TABLE google_campaign_metrics (${owner}
        campaign_id text NOT NULL,
        date date NOT NULL,
        impressions bigint NOT NULL,
        clicks bigint NOT NULL,
        cost_micros bigint NOT NULL,
        conversions double precision NOT NULL,
        conversions_value double precision NOT NULL,
        all_conversions double precision NOT NULL,
        interactions bigint NOT NULL,
        ctr double precision NOT NULL,
        average_cpc_micros double precision NOT NULL,
        average_cpm_micros double precision NOT NULL,
        currency text,${written}
        PRIMARY KEY (ad_account_id, campaign_id, date)
      )`);
    await queryRunner.query(`CREATE INDEX ix_google_campaign_metrics_date ON google_campaign_metrics (ad_account_id, date)`);
    for (const table of TABLES) await queryRunner.query(`CREATE INDEX ix_${table}_tenant ON ${table} (tenant_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
