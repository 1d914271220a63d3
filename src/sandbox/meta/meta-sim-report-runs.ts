import { SimAnswer, graphError, invalidParameter, unsupportedRequest } from './meta-sim-errors';
import { BREAKDOWNS, FIELDS, insightsRows, LEVELS, parseTimeRange } from './meta-sim-insights';
import {
  addNumbers,
  breakdownValues,
  campaignLeaves,
  campaignAt,
  campaignCount,
  dateOf,
  dayNumber,
  simDay,
  SimInsightsModel,
  SimNumbers,
  mix,
  splitDay,
  wireNumbers,
  ZERO,
} from './meta-sim-insights-model';
import { pageOf } from './meta-sim-paging';

type Row = Record<string, unknown>;
type Params = Record<string, string>;

export type SimReportOutcome = 'Job Completed' | 'Job Failed' | 'Job Skipped';

/** What the Graph fake tells the report runs about the caller and the request. */
export interface SimReportContext {
  userId: string;
  ownsAccount(accountId: string): boolean;
  currencyOf(accountId: string): string;
  /** Rows set with `setInsights` (canned answers), for accounts without a model. */
  cannedRows(accountId: string): Row[];
  pageSize: number;
  nextUrl(path: string, params: Params, after: string): string;
}

interface InsightsQuery {
  level: string;
  fields: string[];
  breakdown?: string;
  since: string;
  until: string;
  daily: boolean;
}

interface ReportRun {
  id: string;
  accountId: string;
  userId: string;
  query: InsightsQuery;
  params: Params;
  polls: number;
  pollsNeeded: number;
  outcome: SimReportOutcome;
  /** Canned accounts: the answer, fixed when the report was made. */
  canned?: Row[];
}

/** The ad set or ad whose part of a campaign a row sums. */
interface Scope {
  level: 'adset' | 'ad';
  index: number;
}

/** One object of an insights level: its campaign (none for the account), its scope, and the id/name keys of its rows. */
interface LevelObject {
  campaignIndex?: number;
  scope?: Scope;
  keys: Row;
}

/** What every row of one page shares, worked out once for the page. */
interface PageFrame {
  accountId: string;
  model: SimInsightsModel;
  query: InsightsQuery;
  values: readonly string[];
  objects: number;
  currency: string;
  firstDay: number;
  lastDay: number;
  /** The keys a row keeps when fields were asked, in the order sent; undefined: every key. */
  picked?: string[];
  dates: Map<number, string>;
  /** The object of the last row: the rows of its values come one after the other. */
  lastObject?: { index: number; object: LevelObject };
}

/** The split a row was last made from, and what it was made of: rows of one campaign and day come one value after the other. */
interface SplitMemo {
  accountId: string;
  campaignIndex: number;
  day: number;
  breakdown?: string;
  revision: number;
  scope?: Scope;
  parts: SimNumbers[] | undefined;
}

/** Rows per day and breakdown value at a level: one account, every campaign, or the model's ad sets or ads. */
function objectCount(model: SimInsightsModel, level: string): number {
  if (level === 'account') return 1;
  if (level === 'campaign') return campaignCount(model);
  if (level === 'adset') return model.adsets?.length ?? 0;
  return model.adsets?.length ? (model.ads?.length ?? 0) : 0;
}

function objectAt(model: SimInsightsModel, level: string, index: number): LevelObject {
  if (level === 'account') return { keys: {} };
  const campaignKeys = (campaignIndex: number) => {
    const campaign = campaignAt(model, campaignIndex);
    return { campaign_id: campaign.id, campaign_name: campaign.name };
  };
  if (level === 'campaign') return { campaignIndex: index, keys: campaignKeys(index) };
  const adsets = model.adsets ?? [];
  if (level === 'adset') {
    const adset = adsets[index];
    return { campaignIndex: adset.campaignIndex, scope: { level, index }, keys: { ...campaignKeys(adset.campaignIndex), adset_id: adset.id, adset_name: adset.name } };
  }
  const ad = (model.ads ?? [])[index];
  const adset = adsets[ad.adsetIndex];
  return {
    campaignIndex: adset.campaignIndex,
    scope: { level: 'ad', index },
    keys: { ...campaignKeys(adset.campaignIndex), adset_id: adset.id, adset_name: adset.name, ad_id: ad.id, ad_name: ad.name },
  };
}

const CURSOR_PREFIX = 'fake-insights:';
const DEFAULT_LIMIT = 25;

function list(value: string | undefined): string[] {
  return value ? value.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

function cursorOf(position: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${position}`).toString('base64');
}

function positionOf(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.startsWith(CURSOR_PREFIX) && /^\d+$/.test(text.slice(CURSOR_PREFIX.length)) ? Number(text.slice(CURSOR_PREFIX.length)) : undefined;
}

/** The insights request as Graph validates it (error 100 for a bad level, field, breakdown, increment or range). */
function parseQuery(params: Params): InsightsQuery | SimAnswer {
  const level = params.level ?? 'account';
  if (!LEVELS.has(level)) return invalidParameter(`Param level must be one of {${[...LEVELS].join(', ')}}`);
  const fields = list(params.fields);
  const badField = fields.find((field) => !FIELDS.has(field));
  if (badField) return invalidParameter(`${badField} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/`);
  const breakdowns = list(params.breakdowns);
  const badBreakdown = breakdowns.find((breakdown) => !BREAKDOWNS.includes(breakdown));
  if (badBreakdown) return invalidParameter(`breakdowns[0] must be one of the following values: ${BREAKDOWNS.join(', ')}`);
  if (breakdowns.length > 1) return invalidParameter('The simulator answers one breakdown at a time');
  const increment = params.time_increment;
  if (increment !== undefined && !/^(all_days|monthly|[1-9]\d?)$/.test(increment)) {
    return invalidParameter('Param time_increment must be all_days, monthly or a number of days between 1 and 90');
  }
  if (increment !== undefined && increment !== '1' && increment !== 'all_days') return invalidParameter('The simulator answers time_increment 1 or all_days only');
  const range = parseTimeRange(params.time_range);
  if (range && 'status' in range) return range;
  const until = range?.until ?? dateOf(dayNumber(new Date().toISOString().slice(0, 10)) - 1);
  const since = range?.since ?? dateOf(dayNumber(until) - 29);
  return { level, fields, breakdown: breakdowns[0], since, until, daily: increment === '1' };
}

/**
 * Asynchronous insights (AdReportRun) and model-backed insights of the Graph fake: `POST /act_{id}/insights` makes
 * a report run that goes Job Not Started → Job Running → Job Completed over `pollsToComplete` polls of
 * `GET /{id}` (or ends Failed/Skipped when told), then `GET /{id}/insights` pages its rows. Accounts given a model
 * answer from it, page by page, without holding the rows; others answer from the canned rows of `setInsights`.
 */
export class SimMetaReportRuns {
  /** Status polls a new report needs before its final status. */
  pollsToComplete = 3;
  /** Ids of the report runs made, oldest first. */
  readonly created: string[] = [];

  private readonly models = new Map<string, SimInsightsModel>();
  private readonly revisions = new Map<string, number>();
  private readonly runs = new Map<string, ReportRun>();
  private readonly outcomes: SimReportOutcome[] = [];
  private resultFailures: { skip: number; times: number; breakdown?: string } | undefined;
  private readonly repeating = new Set<string>();
  private lastSplit: SplitMemo | undefined;
  private nextId = 6_021_000_000_000;

  setModel(accountId: string, model: SimInsightsModel): void {
    this.models.set(accountId, model);
    this.lastSplit = undefined;
  }

  /** Meta revises a day: every number of that campaign's day is multiplied by `factor` from now on. */
  revise(accountId: string, campaignId: string, date: string, factor: number): void {
    this.revisions.set(`${accountId}|${campaignId}|${date}`, factor);
  }

  /** The next `times` reports end with `outcome` instead of completing. */
  failNextReports(times = 1, outcome: Exclude<SimReportOutcome, 'Job Completed'> = 'Job Failed'): void {
    for (let i = 0; i < times; i++) this.outcomes.push(outcome);
  }

  /**
   * After `skip` more result pages are served, the next `times` result-page reads fail with a transient 500; with
   * `breakdown` ('none' for none), only reads of that breakdown's reports count and fail.
   */
  failResultPages(times: number, skip = 0, breakdown?: string): void {
    this.resultFailures = { skip, times, breakdown };
  }

  /**
   * Report result pages of `breakdown` ('none' for none) start with the last row of the page before, as Meta's
   * paging now and then does: a reader must not count or store that row twice.
   */
  repeatRowsAcrossPages(breakdown: string): void {
    this.repeating.add(breakdown);
  }

  pollsOf(reportRunId: string): number {
    return this.runs.get(reportRunId)?.polls ?? 0;
  }

  /** Handles the report-run requests; undefined for anything else. */
  answer(method: string, path: string, params: Params, ctx: SimReportContext): SimAnswer | undefined {
    const edge = /^\/act_(\d+)\/insights$/.exec(path);
    if (method === 'POST' && edge) return this.create(edge[1], params, ctx);
    const node = /^\/(\d+)(\/insights)?$/.exec(path);
    const run = node ? this.runs.get(node[1]) : undefined;
    if (!node || !run) return undefined;
    if (method !== 'GET' || run.userId !== ctx.userId) return unsupportedRequest(method, path);
    return node[2] ? this.results(run, path, params, ctx) : this.status(run, params);
  }

  /** `GET /act_{id}/insights` of an account with a model; undefined when it has none (canned rows answer). */
  syncInsights(accountId: string, path: string, params: Params, ctx: SimReportContext): SimAnswer | undefined {
    if (!this.models.has(accountId)) return undefined;
    const query = parseQuery(params);
    if ('status' in query) return query;
    return this.modelPage(accountId, query, path, params, ctx);
  }

  private create(accountId: string, params: Params, ctx: SimReportContext): SimAnswer {
    if (!ctx.ownsAccount(accountId)) return unsupportedRequest('POST', `/act_${accountId}/insights`);
    const query = parseQuery(params);
    if ('status' in query) return query;
    const id = String(this.nextId++);
    const run: ReportRun = {
      id,
      accountId,
      userId: ctx.userId,
      query,
      params: { ...params },
      polls: 0,
      pollsNeeded: Math.max(1, this.pollsToComplete),
      outcome: this.outcomes.shift() ?? 'Job Completed',
    };
    if (!this.models.has(accountId)) {
      const rows = insightsRows(ctx.cannedRows(accountId), params, ctx.currencyOf(accountId));
      if (!Array.isArray(rows)) return rows;
      run.canned = rows;
    }
    this.runs.set(id, run);
    this.created.push(id);
    return { status: 200, body: { report_run_id: id } };
  }

  private status(run: ReportRun, params: Params): SimAnswer {
    run.polls++;
    const done = run.polls >= run.pollsNeeded;
    const status = done ? run.outcome : run.polls === 1 ? 'Job Not Started' : 'Job Running';
    const percent = done ? (run.outcome === 'Job Completed' ? 100 : Math.floor(100 / 2)) : Math.floor((100 * (run.polls - 1)) / run.pollsNeeded);
    const body: Row = {
      id: run.id,
      account_id: run.accountId,
      async_status: status,
      async_percent_completion: percent,
      date_start: run.query.since,
      date_stop: run.query.until,
      is_running: !done,
    };
    if (done && run.outcome === 'Job Failed') Object.assign(body, { error_code: -2, error_subcode: 2490547, error_message: 'Report Failed' });
    const fields = list(params.fields);
    return { status: 200, body: fields.length === 0 ? body : Object.fromEntries(Object.entries(body).filter(([key]) => key === 'id' || fields.includes(key))) };
  }

  private results(run: ReportRun, path: string, params: Params, ctx: SimReportContext): SimAnswer {
    if (run.polls < run.pollsNeeded || run.outcome !== 'Job Completed') {
      return graphError({ message: `(#100) The report run ${run.id} has no results: its status is not Job Completed`, code: 100 });
    }
    const failing = this.resultFailures && (this.resultFailures.breakdown ?? run.query.breakdown ?? 'none') === (run.query.breakdown ?? 'none') ? this.resultFailures : undefined;
    if (failing && failing.skip > 0) failing.skip--;
    else if (failing && failing.times > 0) {
      failing.times--;
      return graphError({ message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true }, 500);
    }
    if (run.canned) {
      return pageOf(run.canned, { query: params, maxPageSize: ctx.pageSize, nextUrl: (after) => ctx.nextUrl(path, params, after) });
    }
    return this.modelPage(run.accountId, run.query, path, params, ctx, this.repeating.has(run.query.breakdown ?? 'none'));
  }

  /** One page of model rows: rows are numbered (day, campaign, value) or (campaign, value) and made only for the page. */
  private modelPage(accountId: string, query: InsightsQuery, path: string, params: Params, ctx: SimReportContext, repeat = false): SimAnswer {
    const limit = params.limit === undefined ? DEFAULT_LIMIT : Number(params.limit);
    if (!Number.isInteger(limit) || limit <= 0) return invalidParameter('Param limit must be a positive integer');
    let start = 0;
    if (params.after !== undefined) {
      const position = positionOf(params.after);
      if (position === undefined) return invalidParameter('Invalid cursor', 'The after cursor is not valid.');
      start = position + 1;
    }
    const frame = this.frameOf(accountId, query, ctx.currencyOf(accountId));
    const total = (query.daily ? frame.lastDay - frame.firstDay + 1 : 1) * frame.objects * frame.values.length;
    const size = Math.min(limit, ctx.pageSize);
    const data: Row[] = [];
    const repeated = repeat && start > 0 ? this.rowAt(frame, start - 1) : undefined;
    if (repeated) data.push(repeated);
    let position = start;
    for (; position < total && data.length < size; position++) {
      const row = this.rowAt(frame, position);
      if (row) data.push(row);
    }
    if (position === start) return { status: 200, body: { data: [] } };
    const paging: Row = { cursors: { before: cursorOf(start), after: cursorOf(position - 1) } };
    if (position < total) paging.next = ctx.nextUrl(path, params, cursorOf(position - 1));
    return { status: 200, body: { data, paging } };
  }

  private frameOf(accountId: string, query: InsightsQuery, currency: string): PageFrame {
    const model = this.models.get(accountId)!;
    const picked = query.fields.length === 0 ? undefined : [...query.fields, ...(query.breakdown ? [query.breakdown] : []), 'date_start', 'date_stop'];
    return {
      accountId,
      model,
      query,
      values: breakdownValues(query.breakdown),
      objects: objectCount(model, query.level),
      currency,
      firstDay: dayNumber(query.since),
      lastDay: dayNumber(query.until),
      picked,
      dates: new Map(),
    };
  }

  /** A campaign's day per breakdown value: the whole campaign, or only one ad set's or ad's part of it (`scope`). */
  private splitOf(frame: PageFrame, campaignIndex: number, day: number, scope?: Scope): SimNumbers[] | undefined {
    const { accountId, model, query } = frame;
    const breakdown = query.breakdown;
    const revision = this.revisions.size === 0 ? 1 : (this.revisions.get(`${accountId}|${campaignAt(model, campaignIndex).id}|${dateIn(frame, day)}`) ?? 1);
    const last = this.lastSplit;
    const same =
      last?.accountId === accountId &&
      last.campaignIndex === campaignIndex &&
      last.day === day &&
      last.breakdown === breakdown &&
      last.revision === revision &&
      last.scope?.level === scope?.level &&
      last.scope?.index === scope?.index;
    if (same) return last.parts;
    const numbers = simDay(model, campaignIndex, day, revision);
    const parts = numbers && this.partsOf(model, campaignIndex, day, numbers, breakdown, scope);
    this.lastSplit = { accountId, campaignIndex, day, breakdown, revision, scope, parts };
    return parts;
  }

  /**
   * Without ad sets in the model the campaign's day is split by the breakdown directly. With them, each leaf (ad, or
   * ad set without ads) is split, and a scope sums its own leaves: every level and breakdown then adds up.
   */
  private partsOf(model: SimInsightsModel, campaignIndex: number, day: number, numbers: SimNumbers, breakdown: string | undefined, scope?: Scope): SimNumbers[] {
    const salt = mix(model.seed ?? 1, campaignIndex, day);
    if (!model.adsets?.length) return splitDay(numbers, salt, breakdown);
    const leaves = campaignLeaves(model, campaignIndex, day, numbers).filter(
      (leaf) => !scope || (scope.level === 'adset' ? leaf.adsetIndex === scope.index : leaf.adIndex === scope.index),
    );
    let parts = breakdownValues(breakdown).map(() => ZERO);
    for (const leaf of leaves) {
      const split = splitDay(leaf.numbers, mix(salt, leaf.adsetIndex, leaf.adIndex ?? -1), breakdown);
      parts = parts.map((part, index) => addNumbers(part, split[index]));
    }
    return parts;
  }

  private rowAt(frame: PageFrame, position: number): Row | undefined {
    const { accountId, model, query, values, objects, currency } = frame;
    const valueIndex = position % values.length;
    const objectIndex = Math.floor(position / values.length) % objects;
    const first = frame.firstDay;
    const [from, to] = query.daily ? [first + Math.floor(position / (values.length * objects)), undefined] : [first, frame.lastDay];
    const last = to ?? from;
    const object = objectIn(frame, objectIndex);
    const firstCampaign = object.campaignIndex ?? 0;
    const lastCampaign = object.campaignIndex ?? campaignCount(model) - 1;
    let sum: SimNumbers = ZERO;
    let delivered = 0;
    for (let campaignIndex = firstCampaign; campaignIndex <= lastCampaign; campaignIndex++) {
      for (let day = from; day <= last; day++) {
        const part = this.splitOf(frame, campaignIndex, day, object.scope)?.[valueIndex];
        if (!part || part.impressions === 0) continue;
        sum = delivered === 0 ? part : addNumbers(sum, part);
        delivered++;
      }
    }
    if (delivered === 0) return undefined;
    const full: Row = { account_id: accountId, account_currency: currency, ...object.keys };
    // Unique people over several days are fewer than the days' sum.
    wireNumbers(sum, currency, last > from ? 0.7 : 1, full);
    if (query.breakdown) full[query.breakdown] = values[valueIndex];
    full.date_start = dateIn(frame, from);
    full.date_stop = dateIn(frame, last);
    if (!frame.picked) return full;
    const out: Row = {};
    for (const key of frame.picked) if (full[key] !== undefined) out[key] = full[key];
    return out;
  }
}

function objectIn(frame: PageFrame, index: number): LevelObject {
  if (frame.lastObject?.index !== index) frame.lastObject = { index, object: objectAt(frame.model, frame.query.level, index) };
  return frame.lastObject.object;
}

function dateIn(frame: PageFrame, day: number): string {
  let date = frame.dates.get(day);
  if (date === undefined) frame.dates.set(day, (date = dateOf(day)));
  return date;
}
