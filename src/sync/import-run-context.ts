import { DataSource } from 'typeorm';
import { ConnectionTokens } from '../connections/connection-tokens.service';
import { ImportInterrupted, ImportLeaseLost } from './import-failure';
import type { CommittedPage, ImportAccount, ImportRun, SqlRunner, StepProgress } from './import-step';
import { inTransaction } from './import-store.service';
import type { ImportRow } from './import.types';

export interface ImportRunOptions {
  row: ImportRow;
  account: ImportAccount;
  lastSyncedAt: Date | null;
  lastSyncStartedAt: Date | null;
  historyDays: number;
  resyncInsightDays: number;
  now: Date;
  /** True once the process is shutting down: the run stops after the page it is committing. */
  stopping: () => boolean;
}

/** Today's date in the account's time zone (UTC when it has none or an unknown one). Pure. */
export function localToday(now: Date, timezone: string | null): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A step's checkpoint with one entry of its `parts` replaced. Pure. */
function withPart(checkpoint: unknown, part: string, value: unknown): Record<string, unknown> {
  const whole = (checkpoint ?? {}) as Record<string, unknown>;
  return { ...whole, parts: { ...((whole.parts as Record<string, unknown> | undefined) ?? {}), [part]: value } };
}

/**
 * The `ImportRun` the steps see, backed by the import's row. Every write is fenced by `attempts` (the claim that
 * started this run), so a worker that lost its lease can never overwrite the progress of the one that took over.
 */
export class ImportRunContext implements ImportRun {
  readonly importId: string;
  readonly account: ImportAccount;
  readonly mode: ImportRun['mode'];
  readonly lastSyncedAt: Date | null;
  readonly lastSyncStartedAt: Date | null;
  readonly historyDays: number;
  readonly resyncInsightDays: number;
  readonly today: string;

  private readonly attempt: number;
  private readonly checkpoints: Record<string, unknown>;
  private readonly progress: Record<string, StepProgress>;
  private readonly finished: Set<string>;
  private pendingCalls = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: ConnectionTokens,
    private readonly options: ImportRunOptions,
  ) {
    const { row } = options;
    this.importId = row.id;
    this.account = options.account;
    this.mode = row.mode;
    this.lastSyncedAt = options.lastSyncedAt;
    this.lastSyncStartedAt = options.lastSyncStartedAt;
    this.historyDays = options.historyDays;
    this.resyncInsightDays = options.resyncInsightDays;
    this.today = localToday(options.now, options.account.timezone);
    this.attempt = row.attempts;
    this.checkpoints = { ...(row.checkpoints ?? {}) };
    this.progress = { ...(row.progress ?? {}) };
    this.finished = new Set(row.finished_steps ?? []);
  }

  checkpoint<T>(step: string): T | undefined {
    return this.checkpoints[step] as T | undefined;
  }

  isFinished(step: string): boolean {
    return this.finished.has(step);
  }

  async commitPage(step: string, write: (sql: SqlRunner) => Promise<number>, next: CommittedPage): Promise<void> {
    // Taken now: pages of one step may commit side by side (each counts the calls made before it).
    const calls = this.pendingCalls;
    this.pendingCalls = 0;
    try {
      const progress = await inTransaction(this.dataSource, async (queryRunner) => {
        const written = Math.max(0, await write(queryRunner));
        // Progress is added to the row's, and a part's checkpoint merged into the step's, under the row's lock:
        // side-by-side commits neither lose each other's counts nor commit each other's unwritten state.
        const updated: Array<{ progress: StepProgress }> = await queryRunner.query(
          `WITH x AS (
             UPDATE imports
                SET checkpoints = jsonb_set(checkpoints, ARRAY[$2::text],
                      CASE WHEN $8::text IS NULL THEN $3::jsonb
                           ELSE COALESCE(checkpoints -> $2::text, '{}'::jsonb) || jsonb_build_object('parts',
                                  COALESCE(checkpoints -> $2::text -> 'parts', '{}'::jsonb) || jsonb_build_object($8::text, $3::jsonb)) END),
                    progress = jsonb_set(progress, ARRAY[$2::text], jsonb_strip_nulls(jsonb_build_object(
                      'done', COALESCE((progress -> $2::text ->> 'done')::bigint, 0) + $4::bigint,
                      'total', COALESCE($9::bigint, (progress -> $2::text ->> 'total')::bigint)))),
                    platform_calls = platform_calls + $5, heartbeat_at = now(), updated_at = now()
              WHERE id = $1 AND tenant_id = $7 AND status = 'running' AND attempts = $6
             RETURNING progress -> $2::text AS progress
           ) SELECT progress FROM x`,
          [this.importId, step, JSON.stringify(next.checkpoint ?? null), written, calls, this.attempt, this.account.tenantId, next.part ?? null, next.total ?? null],
        );
        if (updated.length === 0) throw new ImportLeaseLost();
        return updated[0].progress;
      });
      this.progress[step] = progress;
      this.checkpoints[step] = next.part === undefined ? next.checkpoint : withPart(this.checkpoints[step], next.part, next.checkpoint);
    } catch (error) {
      this.pendingCalls += calls;
      throw error;
    }
    if (this.options.stopping()) throw new ImportInterrupted();
  }

  async finishStep(step: string): Promise<void> {
    if (this.finished.has(step)) return;
    const calls = this.pendingCalls;
    const updated: unknown[] = await this.dataSource.query(
      `WITH x AS (
         UPDATE imports
            SET finished_steps = array_append(finished_steps, $2::text),
                checkpoints = checkpoints - $2::text,
                progress = CASE WHEN progress ? $2::text THEN progress ELSE jsonb_set(progress, ARRAY[$2::text], '{"done":0}') END,
                platform_calls = platform_calls + $3, heartbeat_at = now(), updated_at = now()
          WHERE id = $1 AND tenant_id = $5 AND status = 'running' AND attempts = $4 AND NOT ($2::text = ANY(finished_steps))
         RETURNING id
       ) SELECT id FROM x`,
      [this.importId, step, calls, this.attempt, this.account.tenantId],
    );
    if (updated.length === 0) throw new ImportLeaseLost();
    this.pendingCalls -= calls;
    this.finished.add(step);
    delete this.checkpoints[step];
    this.progress[step] ??= { done: 0 };
  }

  withAccessToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    return this.tokens.withAccessToken(this.account.tenantId, this.account.connectionId, call);
  }

  countCalls(n = 1): void {
    this.pendingCalls += n;
  }

  /** Calls counted since the last write, for the final update of the row. */
  takePendingCalls(): number {
    const calls = this.pendingCalls;
    this.pendingCalls = 0;
    return calls;
  }

  get claim(): number {
    return this.attempt;
  }
}
