import { Injectable } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import type { ApiResult } from '../common/http/api-result';
import { pageResult } from '../common/pagination/keyset-page';
import { DEFAULT_PAGE_LIMIT } from '../common/pagination/page-query.dto';
import type { UsageQueryDto } from './dto/usage-query.dto';
import type { UsageDto } from './dto/usage.dto';
import { UsageRecorder } from './usage-recorder.service';
import { decodeUsageCursor, encodeUsageCursor } from './usage-cursor';
import { resolveUsageRange } from './usage-range';
import { UsageRow, UsageStore } from './usage-store.service';

const PLATFORMS = ['meta', 'google'] as const;

type PlatformCalls = UsageDto['totals']['platformCalls'];

const noCalls = (): PlatformCalls => ({ meta: 0, google: 0 });

/** Per (day, endpoint): requests to us, and platform calls made for them, from the stored `(…, platform)` rows. */
export function summarizeUsage(from: string, to: string, rows: UsageRow[]): UsageDto {
  const totals = { requests: 0, platformCalls: noCalls() };
  const items: UsageDto['items'] = [];
  for (const row of rows) {
    let item = items[items.length - 1];
    if (item === undefined || item.date !== row.date || item.endpoint !== row.endpoint) {
      item = { date: row.date, endpoint: row.endpoint, requests: 0, platformCalls: noCalls() };
      items.push(item);
    }
    item.requests += row.requests;
    totals.requests += row.requests;
    if ((PLATFORMS as readonly string[]).includes(row.platform)) {
      const platform = row.platform as (typeof PLATFORMS)[number];
      item.platformCalls[platform] += row.platformCalls;
      totals.platformCalls[platform] += row.platformCalls;
    }
  }
  return { from, to, totals, items };
}

@Injectable()
export class UsageService {
  constructor(
    private readonly recorder: UsageRecorder,
    private readonly store: UsageStore,
  ) {}

  /**
   * The tenant's usage: totals over the whole range, and one page of its items (by day, then endpoint). This
   * replica's not yet written counts are written first, so the answer is current here.
   */
  async forTenant(tenantId: string, query: UsageQueryDto): Promise<ApiResult<UsageDto>> {
    const range = resolveUsageRange(query.from, query.to);
    if ('problems' in range) throw AppException.badRequest('Validation failed', range.problems);
    const after = query.cursor === undefined ? undefined : decodeUsageCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    await this.recorder.flush();
    const [rows, totals] = await Promise.all([
      this.store.pageRows(tenantId, range.from, range.to, after, limit + 1),
      this.store.totals(tenantId, range.from, range.to),
    ]);
    const items = summarizeUsage(range.from, range.to, rows).items;
    const kept = items.slice(0, limit);
    const last = kept[kept.length - 1];
    const nextCursor = items.length > limit ? encodeUsageCursor({ date: last.date, endpoint: last.endpoint }) : null;
    return pageResult({ from: range.from, to: range.to, totals: summarizeUsage(range.from, range.to, totals).totals, items: kept }, nextCursor);
  }
}
