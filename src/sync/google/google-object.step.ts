import type { GoogleAdsRow } from '../../platforms/google/google-ads.client';
import { googleChangedIds } from '../../platforms/google/google-import.mapper';
import { GOOGLE_CHANGE_STATUS_LIMIT, googleChangesQuery, googleChangeWindow, GoogleChangeType, GOOGLE_IDS_PER_QUERY } from '../../platforms/google/google-import.queries';
import type { ImportAccount, ImportRun, ImportStep, SqlRunner } from '../import-step';
import type { GoogleImportSearch } from './google-import-search';

/** What one object type of the Google import reads and writes. */
export interface GoogleObjectPlan<R> {
  name: string;
  /** GAQL for every object of the type, or only for `ids`. */
  query(ids?: readonly string[]): string;
  map(rows: readonly GoogleAdsRow[], account: ImportAccount): R[];
  write(sql: SqlRunner, account: ImportAccount, importId: string, records: R[]): Promise<number>;
  /** Set when a re-sync can read only the objects change_status names; unset: a re-sync copies them all again. */
  changes?: GoogleChangeType;
}

/** Where a step stands; committed with each page. */
export interface GoogleObjectCheckpoint {
  /** Resume the current listing here (a page token of the same query). */
  pageToken?: string;
  /** A re-sync of changed objects: the ids not yet read, the current query's chunk first. Absent: every object. */
  ids?: string[];
  total?: number;
  done?: boolean;
}

/**
 * Copies one object type page by page: each page is mapped, upserted and checkpointed in one transaction. A re-sync of
 * a type with `changes` reads change_status first and then only the objects it names, a chunk of ids at a time; when
 * change_status cannot answer (never synced, too long ago, or more changes than it returns) every object is copied.
 */
export class GoogleObjectStep<R> implements ImportStep {
  readonly name: string;

  constructor(
    private readonly search: GoogleImportSearch,
    private readonly plan: GoogleObjectPlan<R>,
  ) {
    this.name = plan.name;
  }

  async run(run: ImportRun): Promise<void> {
    const saved = run.checkpoint<GoogleObjectCheckpoint>(this.name);
    if (!saved?.done) {
      const ids = saved ? saved.ids : await this.changedIds(run);
      if (ids === undefined) await this.copy(run, undefined, [], saved?.pageToken, saved?.total);
      else if (ids.length === 0) await run.commitPage(this.name, async () => 0, { checkpoint: { done: true, total: 0 }, total: 0 });
      else await this.copyChanged(run, ids, saved?.pageToken, saved?.total ?? ids.length);
    }
    await run.finishStep(this.name);
  }

  private async copyChanged(run: ImportRun, ids: string[], pageToken: string | undefined, total: number): Promise<void> {
    let pending = ids;
    let resumeToken = pageToken;
    while (pending.length > 0) {
      const chunk = pending.slice(0, GOOGLE_IDS_PER_QUERY);
      const rest = pending.slice(GOOGLE_IDS_PER_QUERY);
      await this.copy(run, chunk, rest, resumeToken, total);
      pending = rest;
      resumeToken = undefined;
    }
  }

  /** Pages through one query (every object, or the `chunk` of ids); `rest` are the ids after it. */
  private async copy(run: ImportRun, chunk: string[] | undefined, rest: string[], pageToken: string | undefined, total: number | undefined): Promise<void> {
    const { account, importId } = run;
    let known = total;
    for await (const page of this.search.pages(run, this.plan.query(chunk), pageToken)) {
      if (!chunk) known = page.totalResultsCount ?? known;
      const records = this.plan.map(page.rows, account);
      const checkpoint: GoogleObjectCheckpoint = page.nextPageToken
        ? { pageToken: page.nextPageToken, ...(chunk ? { ids: [...chunk, ...rest] } : {}), total: known }
        : chunk && rest.length > 0
          ? { ids: rest, total: known }
          : { done: true, total: known };
      await run.commitPage(this.name, (sql) => this.plan.write(sql, account, importId, records), { checkpoint, total: known });
    }
  }

  /** The ids change_status names since the last sync, or undefined when every object has to be read. */
  private async changedIds(run: ImportRun): Promise<string[] | undefined> {
    const type = this.plan.changes;
    if (run.mode !== 'resync' || !type) return undefined;
    const window = googleChangeWindow({ startedAt: run.lastSyncStartedAt, endedAt: run.lastSyncedAt }, new Date(), run.account.timezone);
    if (!window) return undefined;
    const rows: GoogleAdsRow[] = [];
    for await (const page of this.search.pages(run, googleChangesQuery(type, window.since, window.until))) rows.push(...page.rows);
    // A full answer may have left changes out: only a complete copy is sure to catch them.
    if (rows.length >= GOOGLE_CHANGE_STATUS_LIMIT) return undefined;
    return googleChangedIds(rows, type);
  }
}
