import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UsageCount } from './usage-counters';
import type { UsagePosition } from './usage-cursor';

const MAX_ROWS_PER_STATEMENT = 1000;

export interface UsageRow {
  date: string;
  endpoint: string;
  platform: string;
  requests: number;
  platformCalls: number;
}

/** The `usage_counters` table: batched additive upserts, and a tenant's rows for a range of days, a page at a time. */
@Injectable()
export class UsageStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds counts; rows of a tenant that no longer exists are dropped (the join), not allowed to fail the batch. */
  async add(counts: UsageCount[]): Promise<void> {
    for (let start = 0; start < counts.length; start += MAX_ROWS_PER_STATEMENT) {
      const batch = counts.slice(start, start + MAX_ROWS_PER_STATEMENT);
      await this.dataSource.query(
        `INSERT INTO usage_counters AS u (tenant_id, day, endpoint, platform, requests, platform_calls)
         SELECT c.tenant_id, c.day, c.endpoint, c.platform, c.requests, c.platform_calls
           FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
                WITH ORDINALITY AS c(tenant_id, day, endpoint, platform, requests, platform_calls, n)
           JOIN tenants t ON t.id = c.tenant_id
          ORDER BY c.n
         ON CONFLICT (tenant_id, day, endpoint, platform) DO UPDATE
            SET requests = u.requests + EXCLUDED.requests,
                platform_calls = u.platform_calls + EXCLUDED.platform_calls,
                updated_at = now()`,
        [
          batch.map((count) => count.tenantId),
          batch.map((count) => count.day),
          batch.map((count) => count.endpoint),
          batch.map((count) => count.platform),
          batch.map((count) => count.requests),
          batch.map((count) => count.platformCalls),
        ],
      );
    }
  }

  /**
   * The rows of the first `count` (day, endpoint) pairs of the range after `after`, by day then endpoint: one page of
   * items, as a keyset on the table's key (new pairs or growing counts never shift the pages after a position).
   */
  async pageRows(tenantId: string, from: string, to: string, after: UsagePosition | undefined, count: number): Promise<UsageRow[]> {
    const rows: { date: string; endpoint: string; platform: string; requests: string; platform_calls: string }[] = await this.dataSource.query(
      `WITH keys AS (
         SELECT DISTINCT day, endpoint FROM usage_counters
          WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::date IS NULL OR (day, endpoint) > ($4::date, $5::text))
          ORDER BY day, endpoint
          LIMIT $6
       )
       SELECT to_char(u.day, 'YYYY-MM-DD') AS date, u.endpoint, u.platform, u.requests, u.platform_calls
         FROM usage_counters u JOIN keys k ON k.day = u.day AND k.endpoint = u.endpoint
        WHERE u.tenant_id = $1
        ORDER BY u.day, u.endpoint, u.platform`,
      [tenantId, from, to, after?.date ?? null, after?.endpoint ?? null, count],
    );
    return rows.map(usageRow);
  }

  /** The range's sums per platform ('' = requests to this API), for the totals over every page. */
  async totals(tenantId: string, from: string, to: string): Promise<UsageRow[]> {
    const rows: { date: string; endpoint: string; platform: string; requests: string; platform_calls: string }[] = await this.dataSource.query(
      `SELECT $2::text AS date, '' AS endpoint, platform, sum(requests) AS requests, sum(platform_calls) AS platform_calls
         FROM usage_counters
        WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date
        GROUP BY platform
        ORDER BY platform`,
      [tenantId, from, to],
    );
    return rows.map(usageRow);
  }
}

function usageRow(row: { date: string; endpoint: string; platform: string; requests: string; platform_calls: string }): UsageRow {
  return {
    date: row.date,
    endpoint: row.endpoint,
    platform: row.platform,
    requests: Number(row.requests),
    platformCalls: Number(row.platform_calls),
  };
}
