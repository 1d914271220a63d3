import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant is live (real Meta and Google) or sandbox (the built-in simulator), for good: the environment is set at
 * creation and never changes, so a sandbox tenant's connections can never hold a real platform's token or the reverse.
 */
export class AddTenantEnvironment1796500000000 implements MigrationInterface {
  name = 'AddTenantEnvironment1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenants ADD COLUMN environment text NOT NULL DEFAULT 'live'
        CONSTRAINT tenants_environment_check CHECK (environment IN ('live', 'sandbox'))`);
    await queryRunner.query(`
      CREATE FUNCTION forbid_tenant_environment_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.environment <> OLD.environment THEN
          RAISE EXCEPTION 'a tenant''s environment cannot change' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER tenants_environment_fixed BEFORE UPDATE OF environment ON tenants
        FOR EACH ROW EXECUTE FUNCTION forbid_tenant_environment_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER tenants_environment_fixed ON tenants');
    await queryRunner.query('DROP FUNCTION forbid_tenant_environment_change()');
    await queryRunner.query('ALTER TABLE tenants DROP COLUMN environment');
  }
}
