import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdAccountAccess } from '../../ad-accounts/ad-account-access.types';
import { ApiResult } from '../../common/http/api-result';
import { metaCurrencyFactor } from '../../platforms/meta/meta-campaign-insights.mapper';
import type { MetaInsightBreakdown, MetaInsightLevel } from '../../platforms/meta/meta-read.fields';
import { LocalCopyState } from '../local-copy-state.service';
import { actionsBetween, round6 } from './meta-insights-rollup';
import { AppConfig } from '../../config/app-config';
import { cachedAnswer } from '../../common/http/envelope';
import { RawJsonBytes } from '../../common/http/raw-json';
import { LocalAnswerCache, localAnswerKey } from '../local-answer-cache';
import { MetaInsightsStore } from './meta-insights.store';
import { MetaInsightSeriesStore, RangeRow } from './meta-insight-series.store';

type Row = Record<string, unknown>;

/**
 * Fields the copy answers for any range. Reach and frequency count unique people, which do not add up over days, so
 * they (like adset/ad levels and every other field) are read live.
 */
export const META_LOCAL_INSIGHT_FIELDS: readonly string[] = [
  'impressions',
  'clicks',
  'spend',
  'cpm',
  'cpc',
  'ctr',
  'actions',
  'action_values',
  'date_start',
  'date_stop',
  'campaign_id',
  'campaign_name',
];

export interface MetaInsightsRead {
  level: MetaInsightLevel;
  breakdown?: MetaInsightBreakdown;
  fields: readonly string[];
  startDate: string;
  endDate: string;
  live: boolean;
}

/** Whether the copy could answer this read at all, before looking at what it holds. Pure. */
export function answerableLocally(read: MetaInsightsRead): boolean {
  return !read.live && read.level === 'campaign' && read.fields.every((field) => META_LOCAL_INSIGHT_FIELDS.includes(field));
}

const nonEmpty = <T>(list: T[]) => (list.length > 0 ? list : undefined);

type LocalField = (range: RangeRow, spend: number, read: MetaInsightsRead) => unknown;

/** How each field of a local row is made; `spend` is the range's spend in major units. */
const LOCAL_FIELDS: Readonly<Record<string, LocalField>> = {
  campaign_id: (range) => range.campaignId,
  campaign_name: (range) => range.campaignName ?? undefined,
  impressions: (range) => range.impressions,
  clicks: (range) => range.clicks,
  spend: (_range, spend) => spend,
  cpm: (range, spend) => (range.impressions ? round6((spend / range.impressions) * 1000) : 0),
  // Meta leaves out cpc without clicks, and action lists without actions.
  cpc: (range, spend) => (range.clicks ? round6(spend / range.clicks) : undefined),
  ctr: (range) => (range.impressions ? round6((range.clicks / range.impressions) * 100) : 0),
  actions: (range) => nonEmpty(actionsBetween(range.actionsEnd, range.actionsStart)),
  action_values: (range) => nonEmpty(actionsBetween(range.actionValuesEnd, range.actionValuesStart)),
  date_start: (_range, _spend, read) => read.startDate,
  date_stop: (_range, _spend, read) => read.endDate,
};

/** The keys of each local row, in the answer's order (the breakdown's comes last): part of the cache key. Pure. */
export function localInsightKeys(read: Pick<MetaInsightsRead, 'fields'>): string[] {
  return [...new Set(['campaign_id', 'campaign_name', ...read.fields, 'date_start', 'date_stop'])].filter((key) => LOCAL_FIELDS[key] !== undefined);
}

/**
 * The groups' rows over the range, shaped like the live read's: the requested fields plus the campaign's id and
 * name, the breakdown value and the range's dates; money in major units; rates from the range's sums. Only the
 * asked fields are computed (a read can be thousands of rows). Pure.
 */
export function localInsightsRows(ranges: readonly RangeRow[], read: MetaInsightsRead, currency: string | null): Row[] {
  const keys = localInsightKeys(read);
  const makers = keys.map((key) => [key, LOCAL_FIELDS[key]] as const);
  // minor / 100 is the same double as the decimal "12.34" the live read parses.
  const factor = metaCurrencyFactor(currency);
  return ranges.map((range) => {
    const spend = factor === 1 ? range.spend : range.spend / factor;
    const out: Row = {};
    for (const [key, make] of makers) {
      const value = make(range, spend, read);
      if (value !== undefined) out[key] = value;
    }
    if (read.breakdown) out[read.breakdown] = range.breakdownValue;
    return out;
  });
}

/**
 * Where a Meta insights read is served from: the copy for campaign-level reads of copied fields over copied days of
 * an imported account (so it keeps working while Meta is down or the token expired), live otherwise. The
 * envelope's `meta.source` tells which.
 *
 * A local answer is serialized once and kept in a per-process LRU bounded by bytes (LOCAL_READ_CACHE_MB)
 * under the tenant, the account, the copy's version and the normalized query: the copy changes only when an import
 * commits, which changes the version, so an entry is never served after that. The guard has authorized the caller
 * for this account before the controller runs, on every request. Concurrent misses of one key share one query.
 */
@Injectable()
export class MetaInsightsSource {
  private readonly cache: LocalAnswerCache<RawJsonBytes>;
  private readonly loading = new Map<string, Promise<RawJsonBytes | undefined>>();

  constructor(
    private readonly state: LocalCopyState,
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.cache = new LocalAnswerCache<RawJsonBytes>(config.localReadCacheBytes);
  }

  /** For monitoring and tests: how many answers the cache holds and their bytes. */
  get cached(): { answers: number; bytes: number } {
    return { answers: this.cache.size, bytes: this.cache.bytes };
  }

  async read(account: AdAccountAccess, read: MetaInsightsRead, readLive: () => Promise<Row[]>): Promise<ApiResult<Row[] | RawJsonBytes>> {
    if (answerableLocally(read)) {
      const copy = await this.state.version(account.tenantId, account.teamId, account.adsAccountId);
      const json = copy.syncedAt ? await this.local(account, read, copy.version) : undefined;
      if (copy.syncedAt && json !== undefined) return new ApiResult(json, undefined, { source: 'local', syncedAt: copy.syncedAt.toISOString() });
    }
    return new ApiResult(await readLive(), undefined, { source: 'live' });
  }

  /** The answer's JSON from the cache or the copy, or undefined when the range reaches outside the copied days. */
  private async local(account: AdAccountAccess, read: MetaInsightsRead, version: string): Promise<RawJsonBytes | undefined> {
    const scope = { tenantId: account.tenantId, adAccountId: account.adsAccountId, version };
    const key = localAnswerKey(scope, [read.level, read.breakdown ?? 'none', read.startDate, read.endDate, localInsightKeys(read)]);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const load = this.load(account, read).then((json) => {
      if (json !== undefined) this.cache.set(scope, key, json);
      return json;
    });
    this.loading.set(key, load);
    try {
      return await load;
    } finally {
      this.loading.delete(key);
    }
  }

  /**
   * The answer as UTF-8 bytes (and gzip), made once per query and copy version and written into each response as they are. Made
   * in Node: PostgreSQL building the same text (json per row, action lists subtracted per row, numbers written as JS
   * writes them) measured 5-6 times slower on the bench account (600 ms against ~100 ms for 6,000 rows).
   */
  private async load(account: AdAccountAccess, read: MetaInsightsRead): Promise<RawJsonBytes | undefined> {
    const owner = { tenantId: account.tenantId, adAccountId: account.adsAccountId };
    const coverage = await MetaInsightsStore.coverage(this.dataSource, owner);
    if (!coverage || read.startDate < coverage.since || read.endDate > coverage.until) return undefined;
    const withActions = read.fields.includes('actions') || read.fields.includes('action_values');
    const ranges = await MetaInsightSeriesStore.rangeTotals(this.dataSource, owner, read.breakdown ?? 'none', read.startDate, read.endDate, withActions);
    return cachedAnswer(Buffer.from(JSON.stringify(localInsightsRows(ranges, read, coverage.currency))));
  }
}
