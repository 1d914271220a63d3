import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { Keyset } from '../common/pagination/keyset-page';
import type { PlatformName } from '../platforms/platform-error';
import { JobQueue } from '../jobs/job-queue.service';
import { IMPORT_QUEUE, ImportJobData, ImportMode, ImportRow } from './import.types';

export interface ImportTarget {
  tenantId: string;
  teamId: string;
  /** `ad_accounts.id` */
  adAccountId: string;
  platform: PlatformName;
}

export interface ImportWithAccount {
  row: ImportRow;
  /** The platform's account id (`ad_accounts.account_id`). */
  accountId: string;
}

const ACTIVE = `status IN ('queued', 'running')`;

/** Runs `work` in a transaction on its own connection (pg-boss enqueues on the same one). */
export async function inTransaction<T>(dataSource: DataSource, work: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.startTransaction();
    const result = await work(queryRunner);
    await queryRunner.commitTransaction();
    return result;
  } catch (error) {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}

/** The `imports` table: requests (one active import per account), status reads, and the scheduler's resyncs. */
@Injectable()
export class ImportStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * The account's queued or running import, or a new one with its job enqueued in the same transaction. Two
   * concurrent requests meet at the partial unique index: the second one's insert does nothing and it reads the first.
   */
  async request(target: ImportTarget, requestedBy: string | null, asked: ImportMode | undefined): Promise<{ row: ImportRow; created: boolean }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await inTransaction(this.dataSource, async (queryRunner) => {
        const inserted: ImportRow[] = await queryRunner.query(
          `WITH last AS (
             SELECT 1 FROM imports WHERE tenant_id = $1 AND ad_account_id = $3 AND status = 'succeeded' LIMIT 1
           )
           INSERT INTO imports (tenant_id, team_id, ad_account_id, platform, mode, requested_by_user_id)
           VALUES ($1, $2, $3, $4, CASE WHEN $5::text = 'full' OR NOT EXISTS (SELECT 1 FROM last) THEN 'full' ELSE 'resync' END, $6)
           ON CONFLICT (ad_account_id) WHERE ${ACTIVE} DO NOTHING
           RETURNING *`,
          [target.tenantId, target.teamId, target.adAccountId, target.platform, asked ?? 'auto', requestedBy],
        );
        if (inserted[0]) {
          await this.jobs.send(IMPORT_QUEUE, { importId: inserted[0].id, tenantId: target.tenantId } satisfies ImportJobData, { queryRunner });
          return { row: inserted[0], created: true };
        }
        const active: ImportRow[] = await queryRunner.query(`SELECT * FROM imports WHERE tenant_id = $1 AND ad_account_id = $2 AND ${ACTIVE}`, [
          target.tenantId,
          target.adAccountId,
        ]);
        return active[0] ? { row: active[0], created: false } : undefined;
      });
      // Undefined: the active import finished between our insert and our read; ask again.
      if (outcome) return outcome;
    }
    throw new Error('Could not create or find the active import');
  }

  /** An import of the team, with its account's platform id; undefined when it is not the team's (or not the tenant's). */
  async find(tenantId: string, teamId: string, importId: string): Promise<ImportWithAccount | undefined> {
    const rows: Array<ImportRow & { account_platform_id: string }> = await this.dataSource.query(
      `SELECT i.*, a.account_id AS account_platform_id
         FROM imports i JOIN ad_accounts a ON a.id = i.ad_account_id AND a.tenant_id = i.tenant_id
        WHERE i.tenant_id = $1 AND i.team_id = $2 AND i.id = $3`,
      [tenantId, teamId, importId],
    );
    const row = rows[0];
    return row ? { row, accountId: row.account_platform_id } : undefined;
  }

  /** The team's imports, most recent first, limited to the accounts `visible` names (undefined: all). */
  /** One page of the team's imports, newest first; `visibleAccountIds` narrows them to those accounts. */
  async list(tenantId: string, teamId: string, visibleAccountIds: string[] | undefined, keyset: Keyset): Promise<{ items: ImportWithAccount[]; nextCursor: string | null }> {
    const rows: Array<ImportRow & { account_platform_id: string; page_at: string; page_id: string }> = await this.dataSource.query(
      `SELECT i.*, a.account_id AS account_platform_id, ${keyset.columns('i')}
         FROM imports i JOIN ad_accounts a ON a.id = i.ad_account_id AND a.tenant_id = i.tenant_id
        WHERE i.tenant_id = $1 AND i.team_id = $2 AND ($3::uuid[] IS NULL OR i.ad_account_id = ANY($3::uuid[])) AND ${keyset.after('i')}
        ${keyset.order('i')}`,
      [tenantId, teamId, visibleAccountIds ?? null, ...keyset.parameters],
    );
    const page = keyset.page(rows);
    return { items: page.rows.map((row) => ({ row, accountId: row.account_platform_id })), nextCursor: page.nextCursor };
  }

  /**
   * Queues a resync of every account whose last successful import is older than `intervalHours` and that has no
   * import queued or running, with its job, in one transaction. Accounts of expired connections wait for a reconnect.
   */
  async enqueueDueResyncs(intervalHours: number): Promise<number> {
    return inTransaction(this.dataSource, async (queryRunner) => {
      const created: Array<{ id: string; tenant_id: string }> = await queryRunner.query(
        `INSERT INTO imports (tenant_id, team_id, ad_account_id, platform, mode)
         SELECT a.tenant_id, a.team_id, a.id, a.platform, 'resync'
           FROM ad_accounts a
           JOIN platform_connections c ON c.id = a.connection_id AND c.tenant_id = a.tenant_id AND c.status = 'active'
           JOIN LATERAL (
             SELECT max(finished_at) AS last FROM imports i WHERE i.ad_account_id = a.id AND i.tenant_id = a.tenant_id AND i.status = 'succeeded'
           ) s ON s.last IS NOT NULL AND s.last < now() - make_interval(hours => $1)
         ON CONFLICT (ad_account_id) WHERE ${ACTIVE} DO NOTHING
         RETURNING id, tenant_id`,
        [intervalHours],
      );
      for (const row of created) await this.jobs.send(IMPORT_QUEUE, { importId: row.id, tenantId: row.tenant_id } satisfies ImportJobData, { queryRunner });
      return created.length;
    });
  }

  /**
   * Imports that should be moving but are not: queued ones whose job was lost (all its retries failed) and running
   * ones with no live worker (the caller checks the lease). Across tenants: this is the workers' housekeeping.
   */
  async stalled(queuedForMinutes: number): Promise<{ running: ImportJobData[]; queued: ImportJobData[] }> {
    const rows: Array<{ id: string; tenant_id: string; status: string }> = await this.dataSource.query(
      `SELECT id, tenant_id, status FROM imports
        WHERE status = 'running' OR (status = 'queued' AND updated_at < now() - make_interval(mins => $1))
        ORDER BY created_at
        LIMIT 100`,
      [queuedForMinutes],
    );
    const job = (r: { id: string; tenant_id: string }): ImportJobData => ({ importId: r.id, tenantId: r.tenant_id });
    return { running: rows.filter((r) => r.status === 'running').map(job), queued: rows.filter((r) => r.status === 'queued').map(job) };
  }

  /** Puts an import back in the queue with a new job (optionally delayed), if it is still `from`. */
  async requeue(job: ImportJobData, from: 'running' | 'queued', options: { queryRunner?: QueryRunner; startAfterSeconds?: number; attempt?: number; error?: { code: string; message: string } } = {}): Promise<boolean> {
    const work = async (queryRunner: QueryRunner) => {
      const rows: Array<{ id: string }> = await queryRunner.query(
        `WITH x AS (
           UPDATE imports SET status = 'queued', updated_at = now(),
                  error_code = COALESCE($3, error_code), error_message = COALESCE($4, error_message)
            WHERE id = $1 AND tenant_id = $6 AND status = $2 AND ($5::int IS NULL OR attempts = $5)
           RETURNING id
         ) SELECT id FROM x`,
        [job.importId, from, options.error?.code ?? null, options.error?.message ?? null, options.attempt ?? null, job.tenantId],
      );
      if (rows.length === 0) return false;
      await this.jobs.send(IMPORT_QUEUE, { importId: job.importId, tenantId: job.tenantId } satisfies ImportJobData, { queryRunner, startAfterSeconds: options.startAfterSeconds });
      return true;
    };
    return options.queryRunner ? work(options.queryRunner) : inTransaction(this.dataSource, work);
  }
}
