import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedStatement, queryPrepared } from '../database/prepared-statement';

/** When the account's copy was last completed, and a text that changes whenever the copy may have changed. */
export interface LocalCopyVersion {
  syncedAt: Date | null;
  version: string;
}

/** Run before every local read: prepared, so PostgreSQL plans it once per connection. */
const COPY_VERSION: PreparedStatement = {
  name: 'local_copy_version',
  text: `
    SELECT (SELECT finished_at FROM imports
             WHERE tenant_id = $1 AND ad_account_id = $3 AND status = 'succeeded'
             ORDER BY finished_at DESC LIMIT 1) AS synced_at,
           (SELECT id::text || ' ' || status || ' ' || updated_at::text FROM imports
             WHERE tenant_id = $1 AND team_id = $2 AND ad_account_id = $3
             ORDER BY created_at DESC, id DESC LIMIT 1) AS newest`,
};

/** Whether an ad account has a local copy, and how fresh it is. */
@Injectable()
export class LocalCopyState {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** End of the account's latest successful import, or null when it was never imported (reads go live then). */
  async syncedAt(tenantId: string, adAccountId: string): Promise<Date | null> {
    const rows: Array<{ finished_at: Date | null }> = await this.dataSource.query(
      `SELECT finished_at FROM imports
        WHERE tenant_id = $1 AND ad_account_id = $2 AND status = 'succeeded'
        ORDER BY finished_at DESC
        LIMIT 1`,
      [tenantId, adAccountId],
    );
    return rows[0]?.finished_at ?? null;
  }

  /**
   * `syncedAt` and the version of the copy, from one statement. The copy is written only by imports, each page in a
   * transaction that also updates its import's row (checkpoint, `updated_at = now()`), and an account has at most one
   * import that is not finished, always its newest; a finished one never changes again. So the newest import's id,
   * status and `updated_at` change with every commit that changes the copy, failed runs included (their committed
   * pages stay). The newest import is found through ix_imports_team (a team has few accounts).
   */
  async version(tenantId: string, teamId: string, adAccountId: string): Promise<LocalCopyVersion> {
    const rows = await queryPrepared<{ synced_at: Date | null; newest: string | null }>(this.dataSource, COPY_VERSION, [tenantId, teamId, adAccountId]);
    return { syncedAt: rows[0]?.synced_at ?? null, version: rows[0]?.newest ?? '' };
  }
}
