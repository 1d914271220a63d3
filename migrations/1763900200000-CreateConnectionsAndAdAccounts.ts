import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConnectionsAndAdAccounts1763900200000 implements MigrationInterface {
  name = 'CreateConnectionsAndAdAccounts1763900200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE platform_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        platform text NOT NULL CHECK (platform IN ('meta', 'google')),
        platform_user_id text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired')),
        status_reason text,
        scopes text[] NOT NULL DEFAULT '{}',
        -- AES-256-GCM, sealed by TokenVault; never selected into a response.
        access_token_ciphertext text NOT NULL,
        refresh_token_ciphertext text,
        access_token_expires_at timestamptz,
        connected_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_platform_connections_team_user UNIQUE (team_id, platform, platform_user_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_platform_connections_tenant ON platform_connections (tenant_id, created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE ad_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES platform_connections(id) ON DELETE CASCADE,
        platform text NOT NULL CHECK (platform IN ('meta', 'google')),
        account_id text NOT NULL,
        name text,
        currency text,
        timezone text,
        status text,
        is_manager boolean NOT NULL DEFAULT false,
        login_customer_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- One row per account and team: reconnecting (or a second user reaching the same account) updates it.
        CONSTRAINT uq_ad_accounts_team_account UNIQUE (team_id, platform, account_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_ad_accounts_connection ON ad_accounts (connection_id)`);
    await queryRunner.query(`CREATE INDEX ix_ad_accounts_tenant_account ON ad_accounts (tenant_id, account_id)`);
    await queryRunner.query(`
      CREATE TABLE ad_account_permissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        ad_account_id uuid NOT NULL REFERENCES ad_accounts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        permission text NOT NULL CHECK (permission IN ('MANAGER', 'VIEWER')),
        granted_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_ad_account_permissions_account_user UNIQUE (ad_account_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_ad_account_permissions_user ON ad_account_permissions (user_id, team_id)`);
    await queryRunner.query(`
      CREATE TABLE oauth_states (
        nonce uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_oauth_states_expires ON oauth_states (expires_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oauth_states`);
    await queryRunner.query(`DROP TABLE ad_account_permissions`);
    await queryRunner.query(`DROP TABLE ad_accounts`);
    await queryRunner.query(`DROP TABLE platform_connections`);
  }
}
