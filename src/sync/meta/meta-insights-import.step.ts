import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../../common/error-code';
import { PlatformError } from '../../platforms/platform-error';
import {
  mapMetaDailyCampaignInsight,
  META_COPIED_BREAKDOWNS,
  MetaCopiedBreakdown,
  MetaDailyCampaignInsight,
} from '../../platforms/meta/meta-campaign-insights.mapper';
import {
  isMetaReportFailure,
  metaCampaignDailyParams,
  MetaInsightsReportClient,
  MetaInsightsSource,
  MetaTokenCaller,
  metaUsesAsyncReport,
} from '../../platforms/meta/meta-insights-report.client';
import type { ImportRun, ImportStep } from '../import-step';
import { readAhead } from '../read-ahead';
import { addDays, InsightsCoverage, MetaInsightsStore } from './meta-insights.store';
import { MetaInsightSeriesStore } from './meta-insight-series.store';

/** What the insights step commits with each page: enough for another process to carry on after it. */
export interface MetaInsightsCheckpoint {
  /** The days this run copies (inclusive), fixed when it starts. */
  since: string;
  until: string;
  /** First day of the whole copy once this run is done (older days kept by earlier runs, when contiguous). */
  coverageSince: string;
  async: boolean;
  currency: string | null;
  /** The reports are asked for. */
  started: boolean;
  /** Async: the report run of each breakdown. */
  reports: Partial<Record<MetaCopiedBreakdown, string>>;
  /** Reports made so far for the current breakdown (a failed one is asked again, a few times). */
  attempts: number;
  /** Index in META_COPIED_BREAKDOWNS of the breakdown being copied; their count once all are. */
  index: number;
  phase: 'pages' | 'rollup';
  /** Cursor of the next page of the current breakdown. */
  after?: string;
}

/** Reports a breakdown may take: Meta fails a report now and then, and a new one of the same request usually works. */
export const MAX_REPORT_ATTEMPTS = 3;

/** Where a run starts: the window to copy, and the first day of the copy once it is done. Pure. */
export function planInsightsWindow(
  run: Pick<ImportRun, 'mode' | 'today' | 'historyDays' | 'resyncInsightDays'>,
  coverage: Pick<InsightsCoverage, 'since' | 'until'> | undefined,
): { since: string; until: string; coverageSince: string } {
  const until = run.today;
  const fullSince = addDays(until, -(run.historyDays - 1));
  let since = fullSince;
  if (run.mode === 'resync' && coverage) {
    // Recent days again, and every day since the copy's end when the last sync is older than that.
    const recent = addDays(until, -(Math.min(run.resyncInsightDays, run.historyDays) - 1));
    const afterCopy = addDays(coverage.until, 1);
    const from = afterCopy < recent ? afterCopy : recent;
    since = from > fullSince ? from : fullSince;
  }
  const contiguous = coverage !== undefined && coverage.since <= since && coverage.until >= addDays(since, -1);
  return { since, until, coverageSince: contiguous ? coverage.since : since };
}

/** A report Meta no longer knows (expired between a crash and the resume): ask a new one. */
function isUnknownReport(error: unknown): boolean {
  return error instanceof PlatformError && error.code === ErrorCode.BAD_REQUEST && Number(error.platformDetails.platformCode) === 100;
}

/**
 * Daily campaign insights, plain and per seed breakdown, over `historyDays` (full) or the last `resyncInsightDays`
 * (resync). Long windows go through Meta's async reports (all asked at once, read one after the other). Each page is
 * upserted with the cursor of the next; once a breakdown's pages are in, the window's days this import did not write
 * are dropped and its running totals recomputed in one transaction, so local reads see either the old or the new
 * copy of a breakdown, never half of it.
 */
@Injectable()
export class MetaInsightsImportStep implements ImportStep {
  readonly name = 'insights';

  constructor(
    private readonly reports: MetaInsightsReportClient,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(run: ImportRun): Promise<void> {
    const caller: MetaTokenCaller = (call) => {
      run.countCalls();
      return run.withAccessToken(call);
    };
    let checkpoint = run.checkpoint<MetaInsightsCheckpoint>(this.name) ?? (await this.plan(run));
    if (!checkpoint.started) checkpoint = await this.start(run, caller, checkpoint);
    const completed = await this.awaitReports(caller, checkpoint);
    while (checkpoint.index < META_COPIED_BREAKDOWNS.length) {
      checkpoint = checkpoint.phase === 'pages' ? await this.copyPages(run, caller, checkpoint, completed) : await this.rollUp(run, checkpoint);
    }
    await run.finishStep(this.name);
  }

  private owner(run: ImportRun) {
    return { tenantId: run.account.tenantId, adAccountId: run.account.id };
  }

  private async plan(run: ImportRun): Promise<MetaInsightsCheckpoint> {
    const coverage = await MetaInsightsStore.coverage(this.dataSource, this.owner(run));
    const window = planInsightsWindow(run, coverage);
    return {
      ...window,
      async: metaUsesAsyncReport(window.since, window.until),
      currency: run.account.currency,
      started: false,
      reports: {},
      attempts: 1,
      index: 0,
      phase: 'pages',
    };
  }

  /** Asks every report at once: Meta builds them side by side. */
  private async start(run: ImportRun, caller: MetaTokenCaller, checkpoint: MetaInsightsCheckpoint): Promise<MetaInsightsCheckpoint> {
    const reports: MetaInsightsCheckpoint['reports'] = {};
    if (checkpoint.async) {
      for (const breakdown of META_COPIED_BREAKDOWNS) reports[breakdown] = await this.ask(run, caller, checkpoint, breakdown);
    }
    const next: MetaInsightsCheckpoint = { ...checkpoint, started: true, reports };
    await run.commitPage(this.name, async () => 0, { checkpoint: next });
    return next;
  }

  /**
   * Waits for the reports still to be read side by side (one wait instead of one per breakdown) and returns those
   * that completed; a failed one is dealt with when its turn comes.
   */
  private async awaitReports(caller: MetaTokenCaller, checkpoint: MetaInsightsCheckpoint): Promise<Set<string>> {
    if (!checkpoint.async) return new Set();
    const pending = META_COPIED_BREAKDOWNS.slice(checkpoint.index).flatMap((breakdown) => checkpoint.reports[breakdown] ?? []);
    const waits = await Promise.allSettled(pending.map((id) => this.reports.waitForReport(caller, id)));
    return new Set(pending.filter((_id, i) => waits[i].status === 'fulfilled'));
  }

  private ask(run: ImportRun, caller: MetaTokenCaller, checkpoint: MetaInsightsCheckpoint, breakdown: MetaCopiedBreakdown): Promise<string> {
    return this.reports.startReport(caller, run.account.accountId, metaCampaignDailyParams(breakdown, checkpoint.since, checkpoint.until));
  }

  /** The finished report of the current breakdown, asking a new one when Meta failed (or forgot) it. */
  private async readySource(
    run: ImportRun,
    caller: MetaTokenCaller,
    checkpoint: MetaInsightsCheckpoint,
    completed: ReadonlySet<string>,
  ): Promise<{ source: MetaInsightsSource; checkpoint: MetaInsightsCheckpoint }> {
    const breakdown = META_COPIED_BREAKDOWNS[checkpoint.index];
    if (!checkpoint.async) {
      return { source: { accountId: run.account.accountId, params: metaCampaignDailyParams(breakdown, checkpoint.since, checkpoint.until) }, checkpoint };
    }
    let current = checkpoint;
    let reportRunId = current.reports[breakdown];
    for (;;) {
      if (reportRunId) {
        try {
          if (!completed.has(reportRunId)) await this.reports.waitForReport(caller, reportRunId);
          return { source: { reportRunId }, checkpoint: current };
        } catch (error) {
          if (!(isMetaReportFailure(error) || isUnknownReport(error)) || current.attempts >= MAX_REPORT_ATTEMPTS) throw error;
        }
      }
      const failed = reportRunId !== undefined;
      reportRunId = await this.ask(run, caller, current, breakdown);
      // Pages of the failed report that were written are the same rows again: upserts make the restart harmless.
      current = { ...current, reports: { ...current.reports, [breakdown]: reportRunId }, attempts: current.attempts + (failed ? 1 : 0), after: undefined };
      await run.commitPage(this.name, async () => 0, { checkpoint: current });
    }
  }

  private async copyPages(run: ImportRun, caller: MetaTokenCaller, checkpoint: MetaInsightsCheckpoint, completed: ReadonlySet<string>): Promise<MetaInsightsCheckpoint> {
    const breakdown = META_COPIED_BREAKDOWNS[checkpoint.index];
    const ready = await this.readySource(run, caller, checkpoint, completed);
    let current = ready.checkpoint;
    for await (const page of readAhead(this.reports.pages(caller, ready.source, current.after))) {
      const records = page.rows
        .map((row) => mapMetaDailyCampaignInsight(row, breakdown, current.currency ?? run.account.currency))
        .filter((record): record is MetaDailyCampaignInsight => record !== undefined);
      const currency = current.currency ?? records.find((record) => record.currency)?.currency ?? null;
      const next: MetaInsightsCheckpoint = page.after === undefined ? { ...current, currency, after: undefined, phase: 'rollup' } : { ...current, currency, after: page.after };
      await run.commitPage(
        this.name,
        async (sql) => {
          await MetaInsightsStore.commitLazily(sql);
          return MetaInsightsStore.upsertDays(sql, this.owner(run), run.importId, breakdown, records);
        },
        { checkpoint: next },
      );
      current = next;
    }
    return current;
  }

  /** Running totals of the breakdown; the last one also records what the copy now covers. */
  private async rollUp(run: ImportRun, checkpoint: MetaInsightsCheckpoint): Promise<MetaInsightsCheckpoint> {
    const breakdown = META_COPIED_BREAKDOWNS[checkpoint.index];
    const last = checkpoint.index === META_COPIED_BREAKDOWNS.length - 1;
    const next: MetaInsightsCheckpoint = { ...checkpoint, index: checkpoint.index + 1, phase: 'pages', after: undefined, attempts: 1 };
    await run.commitPage(
      this.name,
      async (sql) => {
        await MetaInsightsStore.commitLazily(sql);
        await MetaInsightsStore.pruneDays(sql, this.owner(run), breakdown, checkpoint.since, checkpoint.until, run.importId);
        await MetaInsightSeriesStore.rollUp(sql, this.owner(run), breakdown, checkpoint.since, checkpoint.until);
        if (last) {
          await MetaInsightsStore.saveCoverage(sql, this.owner(run), { since: checkpoint.coverageSince, until: checkpoint.until, currency: checkpoint.currency ?? run.account.currency });
        }
        return 0;
      },
      { checkpoint: next },
    );
    return next;
  }
}
