import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsageCounters1763900800000 implements MigrationInterface {
  name = 'CreateUsageCounters1763900800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE usage_counters (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        day date NOT NULL,
        -- Method and route pattern (GET /api/v1/teams/:id), or job:<name> for background work.
        endpoint text NOT NULL,
        -- '' counts requests to this API; 'meta' / 'google' count the calls made to that platform for the endpoint.
        platform text NOT NULL DEFAULT '',
        requests bigint NOT NULL DEFAULT 0,
        platform_calls bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, day, endpoint, platform)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE usage_counters`);
  }
}
