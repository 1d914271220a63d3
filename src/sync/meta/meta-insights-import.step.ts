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
  MetaInsightsPage,
  MetaInsightsReportClient,
  MetaInsightsSource,
  MetaTokenCaller,
  metaUsesAsyncReport,
} from '../../platforms/meta/meta-insights-report.client';
import type { ImportRun, ImportStep } from '../import-step';
import { lanes } from '../lanes';
import { readAhead } from '../read-ahead';
import { addDays, InsightsCoverage, MetaInsightsStore } from './meta-insights.store';
import { MetaInsightSeriesStore } from './meta-insight-series.store';

/** Where one breakdown's copy stands, committed with each of its pages. */
export interface MetaInsightsPart {
  /** Async: the report run being read. */
  report?: string;
  /** Reports made so far for this breakdown (a failed one is asked again, a few times). */
  attempts: number;
  phase: 'pages' | 'rollup' | 'done';
  /** Cursor of the next page. */
  after?: string;
  currency: string | null;
  /**
   * No day of the breakdown was stored when its copy began, so every stored day is this import's: pages go in with
   * plain inserts (until a key repeats) and the roll-up has nothing to prune.
   */
  fresh?: boolean;
}

/** What the insights step commits: the run's plan, and a part per breakdown that each of its pages replaces. */
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
  /** Async: the report run first asked for each breakdown. */
  reports: Partial<Record<MetaCopiedBreakdown, string>>;
  /** Each breakdown's part once its copy began (the key is the breakdown). */
  parts?: Partial<Record<MetaCopiedBreakdown, MetaInsightsPart>>;
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
 * Breakdowns copied side by side. Each has its own transactions and checkpoint part, so PostgreSQL writes one
 * breakdown's page while the app prepares another's and Meta serves the next: one at a time left a core idle, and
 * with two the app still waited on both about a fifth of the time.
 */
const INSIGHTS_LANES = 3;

/**
 * The order breakdowns are taken in: those with the most values first (country for an account that runs in many,
 * then the age brackets, devices, placements), so that no lane is left copying a large one alone at the end. A
 * breakdown not listed comes last.
 */
const LARGEST_FIRST: readonly MetaCopiedBreakdown[] = ['country', 'age', 'impression_device', 'publisher_platform', 'gender', 'none'];
const takenAt = (breakdown: MetaCopiedBreakdown) => (LARGEST_FIRST.includes(breakdown) ? LARGEST_FIRST.indexOf(breakdown) : LARGEST_FIRST.length);

/**
 * Daily campaign insights, plain and per seed breakdown, over `historyDays` (full) or the last `resyncInsightDays`
 * (resync). Long windows go through Meta's async reports (all asked at once, read three at a time). Each page is
 * written with the cursor of the next (inserted into a fresh copy, upserted otherwise); once a breakdown's pages are
 * in, the window's days this import did not write are dropped and its running totals recomputed in one transaction,
 * so local reads see either the old or the new copy of a breakdown, never half of it. The copy's coverage moves once
 * every breakdown is done.
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
    const saved = run.checkpoint<MetaInsightsCheckpoint>(this.name);
    const plan = saved?.started && saved.parts ? saved : await this.start(run, caller);
    const parts = { ...plan.parts };
    const todo = META_COPIED_BREAKDOWNS.filter((breakdown) => parts[breakdown]?.phase !== 'done').sort((a, b) => takenAt(a) - takenAt(b));
    const completed = await this.awaitReports(caller, plan, todo);
    await lanes(todo, INSIGHTS_LANES, (breakdown, stop) => this.copyBreakdown(run, caller, plan, breakdown, parts[breakdown], completed, stop));
    const done = run.checkpoint<MetaInsightsCheckpoint>(this.name);
    // The rows tell the currency when the account did not.
    const currency = META_COPIED_BREAKDOWNS.map((breakdown) => done?.parts?.[breakdown]?.currency).find(Boolean) ?? plan.currency ?? run.account.currency;
    await run.commitPage(
      this.name,
      async (sql) => {
        await MetaInsightsStore.saveCoverage(sql, this.owner(run), { since: plan.coverageSince, until: plan.until, currency });
        return 0;
      },
      { checkpoint: done },
    );
    await run.finishStep(this.name);
  }

  private owner(run: ImportRun) {
    return { tenantId: run.account.tenantId, adAccountId: run.account.id };
  }

  /**
   * Plans the window and asks every report at once (Meta builds them side by side). A checkpoint of an older
   * version of this step is planned anew: its pages are the same rows again, and upserts make that harmless.
   */
  private async start(run: ImportRun, caller: MetaTokenCaller): Promise<MetaInsightsCheckpoint> {
    const window = planInsightsWindow(run, await MetaInsightsStore.coverage(this.dataSource, this.owner(run)));
    const plan: MetaInsightsCheckpoint = {
      since: window.since,
      until: window.until,
      coverageSince: window.coverageSince,
      async: metaUsesAsyncReport(window.since, window.until),
      currency: run.account.currency,
      started: true,
      reports: {},
      parts: {},
    };
    if (plan.async) {
      for (const breakdown of META_COPIED_BREAKDOWNS) plan.reports[breakdown] = await this.ask(run, caller, plan, breakdown);
    }
    await run.commitPage(this.name, async () => 0, { checkpoint: plan });
    return plan;
  }

  /**
   * Waits for the reports still to be read side by side (one wait instead of one per breakdown) and returns those
   * that completed; a failed one is dealt with when its turn comes.
   */
  private async awaitReports(caller: MetaTokenCaller, plan: MetaInsightsCheckpoint, todo: readonly MetaCopiedBreakdown[]): Promise<Set<string>> {
    if (!plan.async) return new Set();
    const pending = todo.flatMap((breakdown) => plan.parts?.[breakdown]?.report ?? plan.reports[breakdown] ?? []);
    const waits = await Promise.allSettled(pending.map((id) => this.reports.waitForReport(caller, id)));
    return new Set(pending.filter((_id, i) => waits[i].status === 'fulfilled'));
  }

  private ask(run: ImportRun, caller: MetaTokenCaller, plan: MetaInsightsCheckpoint, breakdown: MetaCopiedBreakdown): Promise<string> {
    return this.reports.startReport(caller, run.account.accountId, metaCampaignDailyParams(breakdown, plan.since, plan.until));
  }

  private async copyBreakdown(
    run: ImportRun,
    caller: MetaTokenCaller,
    plan: MetaInsightsCheckpoint,
    breakdown: MetaCopiedBreakdown,
    resumed: MetaInsightsPart | undefined,
    completed: ReadonlySet<string>,
    stop: () => boolean,
  ): Promise<void> {
    let part: MetaInsightsPart = resumed ?? {
      report: plan.reports[breakdown],
      attempts: 1,
      phase: 'pages',
      currency: plan.currency,
      fresh: !(await MetaInsightsStore.hasDays(this.dataSource, this.owner(run), breakdown)),
    };
    if (part.phase === 'pages') part = await this.copyPages(run, caller, plan, breakdown, part, completed, stop);
    if (part.phase === 'rollup' && !stop()) await this.rollUp(run, plan, breakdown, part);
  }

  /** The finished report of the breakdown, asking a new one when Meta failed (or forgot) it. */
  private async readySource(
    run: ImportRun,
    caller: MetaTokenCaller,
    plan: MetaInsightsCheckpoint,
    breakdown: MetaCopiedBreakdown,
    part: MetaInsightsPart,
    completed: ReadonlySet<string>,
  ): Promise<{ source: MetaInsightsSource; part: MetaInsightsPart }> {
    if (!plan.async) return { source: { accountId: run.account.accountId, params: metaCampaignDailyParams(breakdown, plan.since, plan.until) }, part };
    let current = part;
    for (;;) {
      if (current.report) {
        try {
          if (!completed.has(current.report)) await this.reports.waitForReport(caller, current.report);
          return { source: { reportRunId: current.report }, part: current };
        } catch (error) {
          if (!(isMetaReportFailure(error) || isUnknownReport(error)) || current.attempts >= MAX_REPORT_ATTEMPTS) throw error;
        }
      }
      const failed = current.report !== undefined;
      const report = await this.ask(run, caller, plan, breakdown);
      // Pages of the failed report that were written are the same rows again: upserts make the restart harmless.
      current = { ...current, report, attempts: current.attempts + (failed ? 1 : 0), after: undefined };
      await run.commitPage(this.name, async () => 0, { checkpoint: current, part: breakdown });
    }
  }

  private async copyPages(
    run: ImportRun,
    caller: MetaTokenCaller,
    plan: MetaInsightsCheckpoint,
    breakdown: MetaCopiedBreakdown,
    part: MetaInsightsPart,
    completed: ReadonlySet<string>,
    stop: () => boolean,
  ): Promise<MetaInsightsPart> {
    const ready = await this.readySource(run, caller, plan, breakdown, part, completed);
    let current = ready.part;
    const owner = this.owner(run);
    let currency = current.currency;
    let insert = current.fresh === true;
    // Mapped and prepared in the read-ahead: page n+1 is made ready while page n is written.
    const prepared = async function* (pages: AsyncIterable<MetaInsightsPage>) {
      for await (const page of pages) {
        const records = page.rows
          .map((row) => mapMetaDailyCampaignInsight(row, breakdown, currency ?? run.account.currency))
          .filter((record): record is MetaDailyCampaignInsight => record !== undefined);
        currency = currency ?? records.find((record) => record.currency)?.currency ?? null;
        yield { after: page.after, currency, days: MetaInsightsStore.prepareDays(owner, run.importId, breakdown, records) };
      }
    };
    for await (const page of readAhead(prepared(this.reports.pages(caller, ready.source, current.after)))) {
      if (stop()) break;
      const next: MetaInsightsPart =
        page.after === undefined ? { ...current, currency: page.currency, after: undefined, phase: 'rollup' } : { ...current, currency: page.currency, after: page.after };
      await run.commitPage(
        this.name,
        async (sql) => {
          await MetaInsightsStore.commitLazily(sql);
          const written = await MetaInsightsStore.writeDays(sql, page.days, insert);
          // A repeated key (a report asked again, a day in two pages): upserts from here on.
          if (written.conflicted) insert = false;
          return written.rows;
        },
        { checkpoint: next, part: breakdown },
      );
      current = next;
    }
    return current;
  }

  /**
   * Drops the window's days Meta no longer reports (only another import can have left them, so a fresh copy has none)
   * and recomputes the breakdown's running totals.
   */
  private async rollUp(run: ImportRun, plan: MetaInsightsCheckpoint, breakdown: MetaCopiedBreakdown, part: MetaInsightsPart): Promise<void> {
    await run.commitPage(
      this.name,
      async (sql) => {
        await MetaInsightsStore.commitLazily(sql);
        if (!part.fresh) await MetaInsightsStore.pruneDays(sql, this.owner(run), breakdown, plan.since, plan.until, run.importId);
        await MetaInsightSeriesStore.rollUp(sql, this.owner(run), breakdown, plan.since, plan.until);
        return 0;
      },
      { checkpoint: { ...part, phase: 'done', after: undefined }, part: breakdown },
    );
  }
}
