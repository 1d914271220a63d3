import { Injectable } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import type { UsageDto } from './dto/usage.dto';
import { UsageRecorder } from './usage-recorder.service';
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

  /** The tenant's usage; this replica's not yet written counts are written first, so the answer is current here. */
  async forTenant(tenantId: string, from: string | undefined, to: string | undefined): Promise<UsageDto> {
    const range = resolveUsageRange(from, to);
    if ('problems' in range) throw AppException.badRequest('Validation failed', range.problems);
    await this.recorder.flush();
    return summarizeUsage(range.from, range.to, await this.store.rows(tenantId, range.from, range.to));
  }
}
