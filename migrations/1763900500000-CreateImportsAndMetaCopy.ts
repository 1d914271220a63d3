import { MigrationInterface, QueryRunner } from 'typeorm';

/** Meta object tables share this shape: tenant and account on every row, the platform id as text, the row as jsonb. */
function metaObjectTable(table: string, key: string, extra: string): string {
  return `
    CREATE TABLE ${table} (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      ad_account_id uuid NOT NULL REFERENCES ad_accounts(id) ON DELETE CASCADE,
      ${key} text NOT NULL,
      ${extra}
      -- The import that last wrote the row: a full import removes the rows it did not see (deleted at Meta).
      import_id uuid,
      -- The row as the live read returns it (ids as text, minor-unit money as numbers), so a local read answers the same.
      data jsonb NOT NULL,
      synced_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ad_account_id, ${key})
    )`;
}

export class CreateImportsAndMetaCopy1763900500000 implements MigrationInterface {
  name = 'CreateImportsAndMetaCopy1763900500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        ad_account_id uuid NOT NULL REFERENCES ad_accounts(id) ON DELETE CASCADE,
        platform text NOT NULL CHECK (platform IN ('meta', 'google')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        mode text NOT NULL CHECK (mode IN ('full', 'resync')),
        -- {step: {done, total?}}; written in the same transaction as each page.
        progress jsonb NOT NULL DEFAULT '{}',
        -- {step: checkpoint} of unfinished steps, so a resumed run continues after the last committed page.
        checkpoints jsonb NOT NULL DEFAULT '{}',
        finished_steps text[] NOT NULL DEFAULT '{}',
        platform_calls integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        -- NULL: started by the resync schedule.
        requested_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        error_code text,
        error_message text,
        heartbeat_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One queued or running import per ad account: a second request finds it through this index.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_imports_active_account ON imports (ad_account_id) WHERE status IN ('queued', 'running')`);
    await queryRunner.query(`CREATE INDEX ix_imports_team ON imports (tenant_id, team_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX ix_imports_account_succeeded ON imports (ad_account_id, finished_at DESC) WHERE status = 'succeeded'`);
    await queryRunner.query(`CREATE INDEX ix_imports_running ON imports (status) WHERE status = 'running'`);
    await queryRunner.query(`CREATE INDEX ix_imports_requested_by ON imports (requested_by_user_id)`);

    await queryRunner.query(
      metaObjectTable(
        'meta_campaigns',
        'campaign_id',
        `name text,
         status text,
         effective_status text,
         currency text,
         daily_budget bigint,
         lifetime_budget bigint,
         budget_remaining bigint,
         created_time timestamptz,
         updated_time timestamptz,`,
      ),
    );
    await queryRunner.query(
      metaObjectTable(
        'meta_adsets',
        'adset_id',
        `campaign_id text,
         name text,
         status text,
         effective_status text,
         currency text,
         daily_budget bigint,
         lifetime_budget bigint,
         budget_remaining bigint,
         bid_amount bigint,
         created_time timestamptz,
         updated_time timestamptz,`,
      ),
    );
    await queryRunner.query(`CREATE INDEX ix_meta_adsets_campaign ON meta_adsets (ad_account_id, campaign_id)`);
    await queryRunner.query(
      metaObjectTable(
        'meta_ads',
        'ad_id',
        `campaign_id text,
         adset_id text,
         creative_id text,
         name text,
         status text,
         effective_status text,
         currency text,
         bid_amount bigint,
         created_time timestamptz,
         updated_time timestamptz,`,
      ),
    );
    await queryRunner.query(`CREATE INDEX ix_meta_ads_campaign ON meta_ads (ad_account_id, campaign_id)`);
    await queryRunner.query(`CREATE INDEX ix_meta_ads_adset ON meta_ads (ad_account_id, adset_id)`);
    await queryRunner.query(metaObjectTable('meta_adcreatives', 'creative_id', `name text, status text,`));
    for (const table of ['meta_campaigns', 'meta_adsets', 'meta_ads', 'meta_adcreatives']) {
      await queryRunner.query(`CREATE INDEX ix_${table}_tenant ON ${table} (tenant_id)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['meta_adcreatives', 'meta_ads', 'meta_adsets', 'meta_campaigns', 'imports']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
