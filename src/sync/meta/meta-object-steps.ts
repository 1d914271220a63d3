import { Injectable } from '@nestjs/common';
import {
  isMetaDataTooLarge,
  META_OBJECT_KINDS,
  META_OBJECT_PAGE_LIMIT,
  MetaObjectKind,
  MetaObjectPagesReader,
  metaUpdatedTimeFilterable,
} from '../../platforms/meta/meta-object-pages.reader';
import { ErrorCode } from '../../common/error-code';
import { PlatformError } from '../../platforms/platform-error';
import type { ImportRun, ImportStep } from '../import-step';
import { META_TABLES, metaPruneSql, metaUpsertParams, metaUpsertSql } from './meta-object-rows';

/** What an object step commits with each page: enough to continue after that page in another process. */
export interface MetaObjectCheckpoint {
  /** Cursor of the next page; undefined once the last page is written. */
  after?: string;
  limit: number;
  /** Resync only: objects updated after this unix time. Kept so a resumed run asks for the same set. */
  updatedAfter?: number;
  /** The last page is written (a full import still has to prune). */
  lastPage?: boolean;
  /** The step started over once because Meta refused a stored cursor. */
  restarted?: boolean;
}

const MIN_PAGE_LIMIT = 25;
/** Objects changed while the previous import ran, or under clock skew, are read again rather than missed. */
export const RESYNC_MARGIN_SECONDS = 15 * 60;

/** Where an object step starts: a committed checkpoint, or a fresh start for the run's mode. Pure. */
export function startCheckpoint(kind: MetaObjectKind, run: Pick<ImportRun, 'mode' | 'lastSyncStartedAt'>, saved: MetaObjectCheckpoint | undefined): MetaObjectCheckpoint {
  if (saved) return saved;
  const since = run.mode === 'resync' && run.lastSyncStartedAt && metaUpdatedTimeFilterable(kind) ? Math.floor(run.lastSyncStartedAt.getTime() / 1000) - RESYNC_MARGIN_SECONDS : undefined;
  return since === undefined ? { limit: META_OBJECT_PAGE_LIMIT } : { limit: META_OBJECT_PAGE_LIMIT, updatedAfter: since };
}

/**
 * Meta's cursors go stale when the object they point at is deleted; a resumed run may hold one. Reading the edge
 * again from the start is safe (rows are upserted), so a refused cursor restarts the step, once. Pure.
 */
export function staleCursor(error: unknown, checkpoint: MetaObjectCheckpoint): boolean {
  return error instanceof PlatformError && error.code === ErrorCode.BAD_REQUEST && checkpoint.after !== undefined && !checkpoint.restarted;
}

/** Only a full read of the edge knows which objects are gone; a filtered resync cannot prune. Pure. */
export function prunes(checkpoint: MetaObjectCheckpoint): boolean {
  return checkpoint.updatedAfter === undefined;
}

/**
 * Copies one object edge of the account page by page: each page is upserted together with the cursor of the next,
 * so a run that dies resumes after the last written page. A full read then removes the rows Meta no longer returns.
 */
export class MetaObjectStep implements ImportStep {
  constructor(
    readonly name: string,
    private readonly kind: MetaObjectKind,
    private readonly reader: MetaObjectPagesReader,
  ) {}

  async run(run: ImportRun): Promise<void> {
    const spec = META_TABLES[this.kind];
    const ids = { tenantId: run.account.tenantId, adAccountId: run.account.id, importId: run.importId };
    let checkpoint = startCheckpoint(this.kind, run, run.checkpoint<MetaObjectCheckpoint>(this.name));
    const upsert = metaUpsertSql(spec);

    while (!checkpoint.lastPage) {
      const current = checkpoint;
      let page;
      try {
        run.countCalls();
        page = await run.withAccessToken((token) =>
          this.reader.page(token, run.account.accountId, this.kind, { after: current.after, limit: current.limit, updatedAfter: current.updatedAfter, withTotal: current.after === undefined }),
        );
      } catch (error) {
        if (isMetaDataTooLarge(error) && current.limit > MIN_PAGE_LIMIT) {
          checkpoint = { ...current, limit: Math.max(MIN_PAGE_LIMIT, Math.floor(current.limit / 2)) };
          continue;
        }
        if (staleCursor(error, current)) {
          checkpoint = { limit: current.limit, updatedAfter: current.updatedAfter, restarted: true };
          continue;
        }
        throw error;
      }
      const rows = page.rows;
      const next: MetaObjectCheckpoint = page.after ? { ...current, after: page.after } : { ...current, after: undefined, lastPage: true };
      await run.commitPage(
        this.name,
        async (sql) => {
          if (rows.length > 0) await sql.query(upsert, metaUpsertParams(spec, ids, rows, run.account.currency));
          return rows.length;
        },
        { checkpoint: next, total: page.total },
      );
      checkpoint = next;
    }
    if (prunes(checkpoint)) {
      await run.commitPage(this.name, async (sql) => (await sql.query(metaPruneSql(spec), [ids.tenantId, ids.adAccountId, ids.importId]), 0), { checkpoint });
    }
    await run.finishStep(this.name);
  }
}

/** The four object steps, in the order the copy needs them (parents first). */
@Injectable()
export class MetaObjectSteps {
  readonly steps: MetaObjectStep[];

  constructor(reader: MetaObjectPagesReader) {
    this.steps = META_OBJECT_KINDS.map((kind) => new MetaObjectStep(kind, kind, reader));
  }
}
