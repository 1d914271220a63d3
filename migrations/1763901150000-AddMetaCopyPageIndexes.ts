import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose local reads page newest first by creation time (creatives page by their key, the primary key). */
const TABLES: ReadonlyArray<[table: string, key: string]> = [
  ['meta_campaigns', 'campaign_id'],
  ['meta_adsets', 'adset_id'],
  ['meta_ads', 'ad_id'],
];

export class AddMetaCopyPageIndexes1763901150000 implements MigrationInterface {
  name = 'AddMetaCopyPageIndexes1763901150000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The exact sort expression of TextKeyset (rows without a time last), so a page is an index range scan, not a sort.
    for (const [table, key] of TABLES) {
      await queryRunner.query(`CREATE INDEX ix_${table}_page ON ${table} (ad_account_id, (COALESCE(created_time, '-infinity'::timestamptz)) DESC, ${key} DESC)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TABLES) await queryRunner.query(`DROP INDEX ix_${table}_page`);
  }
}
