import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { AppConfig } from '../config/app-config';
import { ConnectionTokens } from '../connections/connection-tokens.service';
import { UsageRecorder } from '../usage/usage-recorder.service';
import type { CallEnvironment } from '../usage/usage-scope';
import { importOutcome, ImportOutcome } from './import-failure';
import { ImportRunContext } from './import-run-context';
import type { ImportAccount, PlatformImportSteps } from './import-step';
import { ImportStore } from './import-store.service';
import type { ImportJobData, ImportRow } from './import.types';

/** The steps of every platform (SyncModule provides the list). */
export const IMPORT_STEPS = Symbol('IMPORT_STEPS');

/** Meta keeps revising recent numbers: a resync copies this many days of insights again. */
const RESYNC_INSIGHT_DAYS = 28;
/** A delayed retry is never later than the stall check would requeue it anyway. */
const MAX_RETRY_DELAY_SECONDS = 25 * 60;
const LOCK_NAMESPACE = 'adlyft.import';
const HAND_BACK_WAITS = 40;
const HAND_BACK_WAIT_MS = 250;

const jobOf = (row: ImportRow): ImportJobData => ({ importId: row.id, tenantId: row.tenant_id });

interface AccountRow {
  id: string;
  tenant_id: string;
  team_id: string;
  connection_id: string;
  platform: ImportAccount['platform'];
  account_id: string;
  currency: string | null;
  timezone: string | null;
  login_customer_id: string | null;
}

/**
 * Runs one import: takes its lease (a session advisory lock held on a connection of its own for the whole run, so a
 * worker that dies releases it at once and `recoverOrphan` can hand the import to another), then runs the platform's
 * steps in order, skipping those already finished, and records the outcome.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);
  private readonly stepsByPlatform: Map<string, PlatformImportSteps>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ConnectionTokens,
    private readonly config: AppConfig,
    private readonly store: ImportStore,
    private readonly webhooks: WebhookOutbox,
    private readonly usage: UsageRecorder,
    @Inject(IMPORT_STEPS) platforms: PlatformImportSteps[],
  ) {
    this.stepsByPlatform = new Map(platforms.map((p) => [p.platform, p]));
  }

  async run(job: ImportJobData, stopping: () => boolean = () => false): Promise<void> {
    const lock = await this.leaseFor(job);
    if (!lock) return;
    try {
      const row = await this.claim(job);
      if (!row) return;
      // The platform calls go to the tenant's environment (a sandbox tenant's to the simulator) and count as its usage.
      const tenant = { id: row.tenant_id, environment: await this.environmentOf(row.tenant_id) };
      const outcome = await this.usage.runAs(tenant, 'job:import', () => this.execute(row, stopping));
      await this.record(row, outcome);
    } finally {
      await this.unlock(lock, job.importId);
    }
  }

  /** A `running` import whose lease is free has lost its worker: queue it again. Returns whether it did. */
  async recoverOrphan(job: ImportJobData): Promise<boolean> {
    const lock = await this.lock(job.importId);
    if (!lock) return false;
    try {
      return await this.store.requeue(job, 'running');
    } finally {
      await this.unlock(lock, job.importId);
    }
  }

  private async execute(row: ImportRow, stopping: () => boolean): Promise<ImportOutcome | undefined> {
    const platform = this.stepsByPlatform.get(row.platform);
    if (!platform || platform.steps.length === 0) {
      return { kind: 'fail', code: 'IMPORT_NOT_SUPPORTED', message: `Importing ${row.platform} ad accounts is not supported by this server` };
    }
    const account = await this.account(row);
    if (!account) return { kind: 'fail', code: 'NOT_FOUND', message: 'The ad account no longer exists' };
    const previous: Array<{ started_at: Date | null; finished_at: Date }> = await this.dataSource.query(
      `SELECT started_at, finished_at FROM imports
        WHERE tenant_id = $1 AND ad_account_id = $2 AND status = 'succeeded'
        ORDER BY finished_at DESC LIMIT 1`,
      [row.tenant_id, row.ad_account_id],
    );
    const run = new ImportRunContext(this.dataSource, this.tokens, {
      row,
      account,
      lastSyncedAt: previous[0]?.finished_at ?? null,
      lastSyncStartedAt: previous[0]?.started_at ?? previous[0]?.finished_at ?? null,
      historyDays: this.config.importHistoryDays,
      resyncInsightDays: RESYNC_INSIGHT_DAYS,
      now: new Date(),
      stopping,
    });
    try {
      for (const step of platform.steps) {
        if (run.isFinished(step.name)) continue;
        await step.run(run);
        await run.finishStep(step.name);
      }
    } catch (error) {
      const outcome = importOutcome(error, row.attempts);
      if (outcome.kind === 'fail' || outcome.kind === 'retry') {
        this.logger.warn(`import ${row.id} (${row.platform}) attempt ${row.attempts}: ${outcome.kind}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await this.addCalls(row, run.takePendingCalls());
      return outcome;
    }
    await this.addCalls(row, run.takePendingCalls());
    return undefined;
  }

  /** Undefined outcome: success. */
  private async record(row: ImportRow, outcome: ImportOutcome | undefined): Promise<void> {
    if (!outcome) {
      await this.finish(row, 'succeeded', `UPDATE imports SET status = 'succeeded', finished_at = now(), checkpoints = '{}', error_code = NULL, error_message = NULL, updated_at = now()
          WHERE id = $1 AND tenant_id = $3 AND status = 'running' AND attempts = $2 RETURNING id, platform_calls, progress, started_at, finished_at`,
        [row.id, row.attempts, row.tenant_id]);
      return;
    }
    switch (outcome.kind) {
      case 'abandon':
        return;
      case 'requeue':
        await this.store.requeue(jobOf(row), 'running', { attempt: row.attempts });
        return;
      case 'retry':
        await this.store.requeue(jobOf(row), 'running', {
          attempt: row.attempts,
          startAfterSeconds: Math.min(outcome.delaySeconds, MAX_RETRY_DELAY_SECONDS),
          error: { code: outcome.code, message: outcome.message },
        });
        return;
      case 'fail':
        await this.finish(row, 'failed', `UPDATE imports SET status = 'failed', finished_at = now(), error_code = $3, error_message = $4, updated_at = now()
            WHERE id = $1 AND tenant_id = $5 AND status = 'running' AND attempts = $2 RETURNING id, platform_calls, progress, started_at, finished_at`,
          [row.id, row.attempts, outcome.code, outcome.message, row.tenant_id], { code: outcome.code, message: outcome.message });
    }
  }

  /** Ends the import and, in the same transaction, tells the `import.succeeded` / `import.failed` webhooks. */
  private async finish(row: ImportRow, status: 'succeeded' | 'failed', update: string, parameters: unknown[], error?: { code: string; message: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [ended]: Array<{ id: string; platform_calls: number; progress: unknown; started_at: Date | null; finished_at: Date }> = await manager.query(
        `WITH ended AS (${update}) SELECT * FROM ended`,
        parameters,
      );
      if (!ended) return;
      const [account]: Array<{ account_id: string }> = await manager.query(`SELECT account_id FROM ad_accounts WHERE id = $1 AND tenant_id = $2`, [
        row.ad_account_id,
        row.tenant_id,
      ]);
      await this.webhooks.emit(manager, {
        tenantId: row.tenant_id,
        teamId: row.team_id,
        type: status === 'succeeded' ? 'import.succeeded' : 'import.failed',
        data: {
          importId: row.id,
          teamId: row.team_id,
          platform: row.platform,
          adAccountId: account?.account_id ?? null,
          mode: row.mode,
          progress: ended.progress,
          platformCalls: ended.platform_calls,
          startedAt: ended.started_at,
          finishedAt: ended.finished_at,
          ...(error ? { error } : {}),
        },
      });
    });
  }

  private async addCalls(row: ImportRow, calls: number): Promise<void> {
    if (calls > 0) {
      await this.dataSource.query(`UPDATE imports SET platform_calls = platform_calls + $2 WHERE id = $1 AND tenant_id = $4 AND attempts = $3`, [row.id, calls, row.attempts, row.tenant_id]);
    }
  }

  private async environmentOf(tenantId: string): Promise<CallEnvironment> {
    const rows: Array<{ environment: CallEnvironment }> = await this.dataSource.query('SELECT environment FROM tenants WHERE id = $1', [tenantId]);
    // A deleted tenant's import finds no account either and fails as NOT_FOUND without calling any platform.
    return rows[0]?.environment ?? 'live';
  }

  private async claim(job: ImportJobData): Promise<ImportRow | undefined> {
    const rows: ImportRow[] = await this.dataSource.query(
      `WITH x AS (
         UPDATE imports SET status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, now()),
                heartbeat_at = now(), updated_at = now()
          WHERE id = $1 AND tenant_id = $2 AND status IN ('queued', 'running')
         RETURNING *
       ) SELECT * FROM x`,
      [job.importId, job.tenantId],
    );
    return rows[0];
  }

  private async account(row: ImportRow): Promise<ImportAccount | undefined> {
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT id, tenant_id, team_id, connection_id, platform, account_id, currency, timezone, login_customer_id
         FROM ad_accounts WHERE id = $1 AND tenant_id = $2`,
      [row.ad_account_id, row.tenant_id],
    );
    const a = rows[0];
    if (!a) return undefined;
    return {
      id: a.id,
      tenantId: a.tenant_id,
      teamId: a.team_id,
      connectionId: a.connection_id,
      platform: a.platform,
      accountId: a.account_id,
      currency: a.currency,
      timezone: a.timezone,
      loginCustomerId: a.login_customer_id,
    };
  }

  /**
   * The lease for a job's run. Held by another worker: if the import is `queued`, that worker is handing it back (it
   * queued this very job and is about to let go), so wait a moment; otherwise it is at work or done, and this job is
   * a duplicate.
   */
  private async leaseFor(job: ImportJobData): Promise<Client | undefined> {
    for (let attempt = 0; attempt < HAND_BACK_WAITS; attempt++) {
      const lock = await this.lock(job.importId);
      if (lock) return lock;
      const rows: Array<{ status: string }> = await this.dataSource.query(`SELECT status FROM imports WHERE id = $1 AND tenant_id = $2`, [job.importId, job.tenantId]);
      if (rows[0]?.status !== 'queued') return undefined;
      await sleep(HAND_BACK_WAIT_MS);
    }
    return undefined;
  }

  /**
   * The import's lease: a connection holding its advisory lock, or undefined when another worker holds it. The
   * connection is not taken from the application's pool, so WORKERS long imports can never starve their own writes.
   */
  private async lock(importId: string): Promise<Client | undefined> {
    const client = new Client({ connectionString: (this.dataSource.options as { url?: string }).url, application_name: 'adlyft-import-lease' });
    client.on('error', (error) => this.logger.warn(`lease connection of import ${importId}: ${error.message}`));
    try {
      await client.connect();
      const result = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked`, [LOCK_NAMESPACE, importId]);
      if (result.rows[0]?.locked) return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end();
    return undefined;
  }

  /** Closing the session releases its lock. */
  private async unlock(client: Client, importId: string): Promise<void> {
    try {
      await client.end();
    } catch (error) {
      this.logger.warn(`could not close the lease of import ${importId}: ${(error as Error).message}`);
    }
  }
}
