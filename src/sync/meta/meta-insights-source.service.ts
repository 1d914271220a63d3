import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdAccountAccess } from '../../ad-accounts/ad-account-access.types';
import { ApiResult } from '../../common/http/api-result';
import type { MetaInsightBreakdown, MetaInsightLevel } from '../../platforms/meta/meta-read.fields';
import { LocalCopyState } from '../local-copy-state.service';
import { AppConfig } from '../../config/app-config';
import { cachedAnswer } from '../../common/http/envelope';
import { RawJsonBytes } from '../../common/http/raw-json';
import { LocalAnswerCache, localAnswerKey } from '../local-answer-cache';
import { MetaInsightsStore } from './meta-insights.store';
import { MetaInsightSeriesStore } from './meta-insight-series.store';
import { localInsightKeys, localInsightsJson } from './meta-local-insights.writer';

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
    if (cached !== undefined) {
      // Only right after a miss: its compressed copy is still being made off the event loop.
      if (cached.gzipPending) await cached.gzipReady;
      return cached;
    }
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
   * The answer as UTF-8 bytes (its gzip form follows off the event loop), made once per query and copy version and
   * written into each response as they are. Made in Node: PostgreSQL building the same text (json per row, action
   * lists subtracted per row, numbers written as JS writes them) measured 5-6 times slower on the bench account.
   */
  private async load(account: AdAccountAccess, read: MetaInsightsRead): Promise<RawJsonBytes | undefined> {
    const owner = { tenantId: account.tenantId, adAccountId: account.adsAccountId };
    const coverage = await MetaInsightsStore.coverage(this.dataSource, owner);
    if (!coverage || read.startDate < coverage.since || read.endDate > coverage.until) return undefined;
    const withActions = read.fields.includes('actions') || read.fields.includes('action_values');
    const ranges = await MetaInsightSeriesStore.rangeTotals(this.dataSource, owner, read.breakdown ?? 'none', read.startDate, read.endDate, withActions);
    return cachedAnswer(Buffer.from(localInsightsJson(ranges, read, coverage.currency)));
  }
}
