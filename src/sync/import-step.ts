import type { PlatformName } from '../platforms/platform-error';

/** Something that runs SQL inside the transaction of one page (a TypeORM EntityManager or QueryRunner fits). */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** The ad account being imported (a row of `ad_accounts`). */
export interface ImportAccount {
  /** `ad_accounts.id` (our uuid): every local-copy row is keyed by it and carries `tenantId`. */
  id: string;
  tenantId: string;
  teamId: string;
  connectionId: string;
  platform: PlatformName;
  /** The platform's own account id as stored in `ad_accounts.account_id`. */
  accountId: string;
  currency: string | null;
  timezone: string | null;
  loginCustomerId: string | null;
}

/** Progress of one step: rows written so far and, when the platform tells, how many there are in all. */
export interface StepProgress {
  done: number;
  total?: number;
}

/** What a committed page leaves behind: the step's checkpoint (or, with `part`, one of its parts) and the total if known. */
export interface CommittedPage {
  checkpoint: unknown;
  total?: number;
  /** The entry of the step checkpoint's `parts` that this page replaces, leaving the others as committed. */
  part?: string;
}

/**
 * What an import step gets from the import runner. A step streams page by page: it reads one platform page, then
 * calls `commitPage`, which writes the rows and the step's checkpoint in one transaction, so a run that dies at any
 * point resumes from the last committed page and, since rows are upserted by platform id, never duplicates.
 */
export interface ImportRun {
  readonly importId: string;
  readonly account: ImportAccount;
  /** `full` on the first import or when asked; `resync` for the scheduled refresh of an already imported account. */
  readonly mode: 'full' | 'resync';
  /** End of the previous successful import of this account, or null. */
  readonly lastSyncedAt: Date | null;
  /** Start of that previous successful import: what changed after it may be missing from the copy (resync filters on it). */
  readonly lastSyncStartedAt?: Date | null;
  /** Days of daily insights a full import copies (config `IMPORT_HISTORY_DAYS`, default 90). */
  readonly historyDays: number;
  /** Days of recent insights a resync copies again (28: Meta keeps changing recent numbers). */
  readonly resyncInsightDays: number;
  /** Today's date (YYYY-MM-DD) in the account's time zone, fixed for the whole run. */
  readonly today: string;
  /** The checkpoint this step last committed in this import (a crashed attempt's), or undefined on a fresh start. */
  checkpoint<T>(step: string): T | undefined;
  /**
   * Writes one page (`write` returns the rows it wrote) and the step's checkpoint and progress in one transaction.
   * Pages of one step may commit side by side only when each names its own `part`.
   */
  commitPage(step: string, write: (sql: SqlRunner) => Promise<number>, next: CommittedPage): Promise<void>;
  /** Marks the step done; a resumed run skips done steps. */
  finishStep(step: string): Promise<void>;
  /** Calls the platform with a usable access token of the account's connection (refresh and expiry handled). */
  withAccessToken<T>(call: (accessToken: string) => Promise<T>): Promise<T>;
  /** Counts platform HTTP calls made by the step (reported in the import's progress and by the benchmark). */
  countCalls(n?: number): void;
}

/** One object type copied for one platform (e.g. Meta campaigns). Steps of a platform run in the order given. */
export interface ImportStep {
  readonly name: string;
  run(run: ImportRun): Promise<void>;
}

/**
 * The ordered steps of one platform's import: `MetaImportSteps` (src/sync/meta/meta-import-steps.ts) and
 * `GoogleImportSteps` (src/sync/google/google-import-steps.ts) implement it; the runner picks one by platform.
 */
export interface PlatformImportSteps {
  readonly platform: PlatformName;
  readonly steps: ImportStep[];
}
