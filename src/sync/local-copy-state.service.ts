import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
}
