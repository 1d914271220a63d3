import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { GraphParams, MetaGraphClient } from './meta-graph.client';
import { normalizeMetaInsightsRow } from './meta-insights.mapper';
import { isMetaInsightBreakdown, isMetaInsightLevel, META_READ_FIELDS, MetaInsightBreakdown, MetaInsightLevel } from './meta-read.fields';

export interface MetaInsightsQuery {
  level: MetaInsightLevel;
  breakdown?: MetaInsightBreakdown;
  /** Already picked with `pickFields('insights', …)`. */
  fields: string[];
  /** YYYY-MM-DD, startDate <= endDate. */
  startDate: string;
  endDate: string;
}

const PAGE_LIMIT = 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A row per object is only useful with the object's id and name, which Meta sends only when asked. */
const LEVEL_KEYS: Readonly<Record<MetaInsightLevel, readonly string[]>> = {
  account: [],
  campaign: ['campaign_id', 'campaign_name'],
  adset: ['adset_id', 'adset_name'],
  ad: ['ad_id', 'ad_name'],
};

/** Reads `/act_{id}/insights` at any level with one of the seed's breakdowns (sync endpoint, every page). */
@Injectable()
export class MetaInsightsQueryReader {
  constructor(private readonly graph: MetaGraphClient) {}

  async insights(accessToken: string, accountId: string, query: MetaInsightsQuery): Promise<Array<Record<string, unknown>>> {
    if (!isMetaInsightLevel(query.level)) throw AppException.badRequest(`Unsupported Meta insights level: ${String(query.level)}`);
    if (query.breakdown !== undefined && !isMetaInsightBreakdown(query.breakdown)) {
      throw AppException.badRequest(`Unsupported Meta breakdown: ${String(query.breakdown)}`);
    }
    const unknown = query.fields.filter((field) => !META_READ_FIELDS.insights.includes(field));
    if (unknown.length > 0) throw AppException.badRequest(`Unsupported Meta insights fields: ${unknown.join(', ')}`);
    if (!DAY.test(query.startDate) || !DAY.test(query.endDate) || query.startDate > query.endDate) {
      throw AppException.badRequest('startDate and endDate must be YYYY-MM-DD with startDate <= endDate');
    }

    const fields = [...new Set([...LEVEL_KEYS[query.level], ...query.fields])];
    const params: GraphParams = {
      level: query.level,
      fields: fields.length > 0 ? fields.join(',') : undefined,
      time_range: { since: query.startDate, until: query.endDate },
      limit: PAGE_LIMIT,
    };
    if (query.breakdown) params.breakdowns = query.breakdown;

    const rows = await this.graph.paginate<Record<string, unknown>>(`/act_${encodeURIComponent(accountId)}/insights`, params, accessToken);
    return rows.map((row) => normalizeMetaInsightsRow(row, query.breakdown));
  }
}
