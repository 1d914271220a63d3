import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['meta_campaign_insights', 'meta_campaign_insight_totals'];
const KEY_TEXT_COLUMNS = ['breakdown', 'campaign_id', 'breakdown_value'];

/**
 * The text columns of the insight tables' primary keys compare byte by byte (collation "C") instead of through the
 * database's locale: an insert compares keys a few dozen times on its way down the index, and locale comparisons made
 * that a measurable part of writing millions of rows. The keys are Meta ids and ASCII breakdown values, so equality
 * and the order of every read stay the same (byte order of UTF-8 is code point order). No table rewrite: only the two
 * primary-key indexes are rebuilt.
 */
export class MetaInsightsKeysInCCollation1796481600000 implements MigrationInterface {
  name = 'MetaInsightsKeysInCCollation1796481600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ${KEY_TEXT_COLUMNS.map((column) => `ALTER COLUMN ${column} TYPE text COLLATE "C"`).join(', ')}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ${KEY_TEXT_COLUMNS.map((column) => `ALTER COLUMN ${column} TYPE text COLLATE "default"`).join(', ')}`);
    }
  }
}
