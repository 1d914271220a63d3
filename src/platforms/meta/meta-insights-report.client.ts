import { Inject, Injectable, Optional } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { PlatformError } from '../platform-error';
import { META_DAILY_INSIGHT_FIELDS, MetaCopiedBreakdown } from './meta-campaign-insights.mapper';
import { GraphParams, MetaGraphClient } from './meta-graph.client';

/** Calls Meta with a usable access token (the import's `withAccessToken`, which also counts the call). */
export type MetaTokenCaller = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

/** `async_status` of an AdReportRun. */
export const META_REPORT_STATUS = {
  notStarted: 'Job Not Started',
  started: 'Job Started',
  running: 'Job Running',
  completed: 'Job Completed',
  failed: 'Job Failed',
  skipped: 'Job Skipped',
} as const;

export interface MetaReportRunState {
  id: string;
  status: string;
  percent: number;
}

export interface MetaInsightsPage {
  rows: Array<Record<string, unknown>>;
  /** Cursor of the next page; undefined on the last. */
  after?: string;
}

/** Where the rows of one breakdown come from: a finished async report, or the synchronous edge for a short range. */
export type MetaInsightsSource = { reportRunId: string } | { accountId: string; params: GraphParams };

export interface MetaReportPolling {
  /** Waits before each status poll; the last one repeats. */
  delaysMs: readonly number[];
  /** Give up on a report that is not done after this long (Meta: "can take up to an hour"). */
  maxWaitMs: number;
}

export const META_REPORT_POLLING = Symbol('META_REPORT_POLLING');

const DEFAULT_POLLING: MetaReportPolling = { delaysMs: [100, 200, 400, 800, 1600, 3200, 6400, 10_000], maxWaitMs: 60 * 60 * 1000 };

/** Longer ranges go through an async report: a synchronous call over many days times out at Meta or is refused as too much data. */
export const META_SYNC_INSIGHTS_MAX_DAYS = 7;

/** Rows per results page: Meta's own default is 25, far too many calls for 90 days of daily rows. */
export const META_INSIGHTS_PAGE_LIMIT = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

export function metaRangeDays(since: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / DAY_MS) + 1;
}

export function metaUsesAsyncReport(since: string, until: string): boolean {
  return metaRangeDays(since, until) > META_SYNC_INSIGHTS_MAX_DAYS;
}

/** The request of daily campaign rows for one breakdown over [since, until]. Pure. */
export function metaCampaignDailyParams(breakdown: MetaCopiedBreakdown, since: string, until: string): GraphParams {
  const params: GraphParams = {
    level: 'campaign',
    fields: META_DAILY_INSIGHT_FIELDS.join(','),
    time_range: { since, until },
    time_increment: 1,
  };
  if (breakdown !== 'none') params.breakdowns = breakdown;
  return params;
}

function reportFailure(state: MetaReportRunState, body: Record<string, unknown>): PlatformError {
  const message = typeof body.error_message === 'string' && body.error_message ? `: ${body.error_message}` : '';
  return PlatformError.failed(`Meta's insights report ${state.id} ended with "${state.status}"${message}`, {
    platform: 'meta',
    platformCode: typeof body.error_code === 'number' || typeof body.error_code === 'string' ? body.error_code : undefined,
    platformSubcode: typeof body.error_subcode === 'number' || typeof body.error_subcode === 'string' ? body.error_subcode : undefined,
    platformMessage: typeof body.error_message === 'string' ? body.error_message : undefined,
  });
}

/** A report that failed or was skipped at Meta: a new report of the same request may succeed. */
export function isMetaReportFailure(error: unknown): boolean {
  return error instanceof PlatformError && error.platformDetails.platform === 'meta' && /insights report .* ended with/.test(error.message);
}

/**
 * Meta's asynchronous insights (AdReportRun): `POST /act_{id}/insights` → `report_run_id`, poll `GET /{id}` until
 * `Job Completed`, read `GET /{id}/insights` page by page. Pages carry their `after` cursor so a caller can commit
 * each page with the cursor of the next and resume there.
 */
@Injectable()
export class MetaInsightsReportClient {
  private readonly polling: MetaReportPolling;

  constructor(
    private readonly graph: MetaGraphClient,
    @Optional() @Inject(META_REPORT_POLLING) polling?: MetaReportPolling,
  ) {
    this.polling = polling ?? DEFAULT_POLLING;
  }

  /** Starts a report; a POST, so never retried by the client on a transient error (a retry could start two). */
  async startReport(caller: MetaTokenCaller, accountId: string, params: GraphParams): Promise<string> {
    const body = await caller((token) => this.graph.post<{ report_run_id?: unknown; id?: unknown }>(`/act_${encodeURIComponent(accountId)}/insights`, params, token));
    const id = body?.report_run_id ?? body?.id;
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
      throw PlatformError.failed('Meta did not return a report_run_id for the insights report', { platform: 'meta' });
    }
    return String(id);
  }

  async reportState(caller: MetaTokenCaller, reportRunId: string): Promise<{ state: MetaReportRunState; body: Record<string, unknown> }> {
    const body = await caller((token) =>
      this.graph.get<Record<string, unknown>>(`/${encodeURIComponent(reportRunId)}`, { fields: 'id,async_status,async_percent_completion,error_code,error_subcode,error_message' }, token),
    );
    const percent = Number(body?.async_percent_completion);
    return {
      state: { id: reportRunId, status: typeof body?.async_status === 'string' ? body.async_status : '', percent: Number.isFinite(percent) ? percent : 0 },
      body: body ?? {},
    };
  }

  /** Polls with growing waits until the report is complete; a failed, skipped or endless report is an error. */
  async waitForReport(caller: MetaTokenCaller, reportRunId: string, onPoll?: (state: MetaReportRunState) => void): Promise<MetaReportRunState> {
    const started = Date.now();
    for (let poll = 0; ; poll++) {
      const delay = this.polling.delaysMs[Math.min(poll, this.polling.delaysMs.length - 1)] ?? 1000;
      if (delay > 0) await sleep(delay);
      const { state, body } = await this.reportState(caller, reportRunId);
      onPoll?.(state);
      if (state.status === META_REPORT_STATUS.completed) return state;
      if (state.status === META_REPORT_STATUS.failed || state.status === META_REPORT_STATUS.skipped) throw reportFailure(state, body);
      if (Date.now() - started > this.polling.maxWaitMs) {
        throw PlatformError.failed(`Meta's insights report ${reportRunId} was not done after ${Math.round(this.polling.maxWaitMs / 1000)} s`, { platform: 'meta' }, true);
      }
    }
  }

  /** One page of rows, from the start or after a cursor. */
  async page(caller: MetaTokenCaller, source: MetaInsightsSource, after?: string, limit = META_INSIGHTS_PAGE_LIMIT): Promise<MetaInsightsPage> {
    const page =
      'reportRunId' in source
        ? await caller((token) => this.graph.page<Record<string, unknown>>(`/${encodeURIComponent(source.reportRunId)}/insights`, { limit }, token, after))
        : await caller((token) => this.graph.page<Record<string, unknown>>(`/act_${encodeURIComponent(source.accountId)}/insights`, { ...source.params, limit }, token, after));
    const rows = page.data.filter((row): row is Record<string, unknown> => !!row && typeof row === 'object');
    return page.after === undefined ? { rows } : { rows, after: page.after };
  }

  /** Every page from `after` on (the first page when undefined), each with the cursor of the page that follows it. */
  async *pages(caller: MetaTokenCaller, source: MetaInsightsSource, after?: string, limit = META_INSIGHTS_PAGE_LIMIT): AsyncGenerator<MetaInsightsPage> {
    let cursor = after;
    for (;;) {
      const page = await this.page(caller, source, cursor, limit);
      yield page;
      if (page.after === undefined) return;
      cursor = page.after;
    }
  }
}
