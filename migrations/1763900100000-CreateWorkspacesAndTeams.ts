import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorkspacesAndTeams1763900100000 implements MigrationInterface {
  name = 'CreateWorkspacesAndTeams1763900100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        enterprise_id text NOT NULL,
        name text NOT NULL,
        admin_user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_workspaces_tenant_enterprise UNIQUE (tenant_id, enterprise_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_workspaces_admin ON workspaces (admin_user_id)`);
    await queryRunner.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_teams_workspace ON teams (workspace_id, created_at, id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_teams_one_default ON teams (workspace_id) WHERE is_default`);
    await queryRunner.query(`
      CREATE TABLE team_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('ADMIN', 'MEMBER')),
        -- clock_timestamp(): members added in one statement keep the order they were listed in.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_team_members_team_user UNIQUE (team_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_team_members_user ON team_members (user_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE team_members`);
    await queryRunner.query(`DROP TABLE teams`);
    await queryRunner.query(`DROP TABLE workspaces`);
  }
}
