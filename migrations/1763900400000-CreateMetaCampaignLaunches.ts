import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMetaCampaignLaunches1763900400000 implements MigrationInterface {
  name = 'CreateMetaCampaignLaunches1763900400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE meta_campaign_launches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        ad_account_id uuid NOT NULL REFERENCES ad_accounts(id) ON DELETE CASCADE,
        created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('lead', 'traffic', 'sales', 'awareness', 'engagement')),
        -- Written only once all four objects exist at Meta.
        campaign_id text NOT NULL,
        adset_id text NOT NULL,
        creative_id text NOT NULL,
        ad_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_meta_campaign_launches_account ON meta_campaign_launches (tenant_id, ad_account_id, created_at)`);
    await queryRunner.query(`CREATE INDEX ix_meta_campaign_launches_team ON meta_campaign_launches (team_id)`);
    await queryRunner.query(`CREATE INDEX ix_meta_campaign_launches_user ON meta_campaign_launches (created_by_user_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE meta_campaign_launches`);
  }
}
