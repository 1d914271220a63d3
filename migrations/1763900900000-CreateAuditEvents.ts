import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditEvents1763900900000 implements MigrationInterface {
  name = 'CreateAuditEvents1763900900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key to workspaces, teams or users: the trail of a deleted workspace must outlive it.
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        team_id uuid,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        actor_user_id uuid,
        actor_external_user_id text,
        request_id text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX ix_audit_events_workspace ON audit_events (tenant_id, workspace_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX ix_audit_events_resource ON audit_events (tenant_id, workspace_id, resource_type, resource_id, created_at DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_events`);
  }
}
