import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['meta_campaign_insights', 'meta_campaign_insight_totals'];

/**
 * The two insight tables lose their foreign key to ad_accounts: its per-row check (a key-share lock on the account
 * row for every one of millions of rows) was a large part of the cost of writing them. A trigger on ad_accounts
 * removes an account's insights in the statement that removes the account, whatever the path (an account removed,
 * its connection, team, workspace or tenant deleted by cascade, plain SQL), so the copy still goes with its account.
 *
 * An import writing a page while its account is deleted cannot leave rows behind: the page's transaction updates the
 * import's row, which the same delete removes by cascade first (or waits for), so the page either rolls back or commits
 * before this trigger's DELETE runs (it fires after the row-level cascades of the statement).
 */
export class DropMetaInsightsForeignKeys1796481500000 implements MigrationInterface {
  name = 'DropMetaInsightsForeignKeys1796481500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_ad_account_id_fkey`);
    await queryRunner.query(`
      CREATE FUNCTION delete_meta_insights_of_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM meta_campaign_insights i USING gone_accounts g WHERE i.ad_account_id = g.id AND i.tenant_id = g.tenant_id;
        DELETE FROM meta_campaign_insight_totals t USING gone_accounts g WHERE t.ad_account_id = g.id AND t.tenant_id = g.tenant_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ad_accounts_delete_meta_insights AFTER DELETE ON ad_accounts
        REFERENCING OLD TABLE AS gone_accounts FOR EACH STATEMENT EXECUTE FUNCTION delete_meta_insights_of_accounts()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ad_accounts_delete_meta_insights ON ad_accounts`);
    await queryRunner.query(`DROP FUNCTION delete_meta_insights_of_accounts()`);
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_ad_account_id_fkey FOREIGN KEY (ad_account_id) REFERENCES ad_accounts(id) ON DELETE CASCADE`);
    }
  }
}
