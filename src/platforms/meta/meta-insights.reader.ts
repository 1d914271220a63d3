import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import type { AccountInsightsQuery, AccountInsightsResult } from '../platform-grant';
import { META_CONNECTION_BREAKDOWNS, META_CONNECTION_METRICS } from './meta-insights.fields';
import { metaInsightsCurrency, normalizeMetaInsightsRow } from './meta-insights.mapper';
import { GraphParams, MetaGraphClient } from './meta-graph.client';

const PAGE_LIMIT = 500;

/** Reads account-level insights (sync endpoint) for one ad account. */
@Injectable()
export class MetaInsightsReader {
  constructor(private readonly graph: MetaGraphClient) {}

  async accountInsights(accessToken: string, accountId: string, query: AccountInsightsQuery): Promise<AccountInsightsResult> {
    const unknown = query.metrics.filter((metric) => !META_CONNECTION_METRICS.includes(metric));
    if (unknown.length > 0) throw AppException.badRequest(`Unsupported Meta metrics: ${unknown.join(', ')}`);
    if (query.breakdown !== undefined && !META_CONNECTION_BREAKDOWNS.includes(query.breakdown)) {
      throw AppException.badRequest(`Unsupported Meta breakdown: ${query.breakdown}`);
    }
    const params: GraphParams = {
      level: 'account',
      fields: [...new Set([...query.metrics, 'account_currency'])].join(','),
      time_range: { since: query.startDate, until: query.endDate },
      limit: PAGE_LIMIT,
    };
    if (query.breakdown === 'date') params.time_increment = 1;
    else if (query.breakdown) params.breakdowns = query.breakdown;

    const rows = await this.graph.paginate<Record<string, unknown>>(`/act_${encodeURIComponent(accountId)}/insights`, params, accessToken);
    return { currency: metaInsightsCurrency(rows), rows: rows.map((row) => normalizeMetaInsightsRow(row, query.breakdown)) };
  }
}
