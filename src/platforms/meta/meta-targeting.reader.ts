import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { MetaGraphClient } from './meta-graph.client';
import {
  isMetaTargetingType,
  META_TARGETING_TYPES,
  metaTargetingRows,
  metaTargetingSearchParams,
  MetaTargetingOption,
  MetaTargetingType,
  normalizeMetaTargetingRow,
} from './meta-targeting.mapper';

export interface MetaTargetingSearchOptions {
  limit?: number;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 200;
const MAX_QUERY_LENGTH = 200;

/** Targeting search (`GET /search`): one page of the best matches, which is what a search box needs. */
@Injectable()
export class MetaTargetingReader {
  constructor(private readonly graph: MetaGraphClient) {}

  async search(accessToken: string, type: MetaTargetingType, query: string, options: MetaTargetingSearchOptions = {}): Promise<MetaTargetingOption[]> {
    if (!isMetaTargetingType(type)) throw AppException.badRequest(`type must be one of: ${META_TARGETING_TYPES.join(', ')}`);
    const q = typeof query === 'string' ? query.trim() : '';
    if (q === '' || q.length > MAX_QUERY_LENGTH) throw AppException.badRequest(`query must be 1 to ${MAX_QUERY_LENGTH} characters`);
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);

    const body = await this.graph.get<{ data?: unknown }>('/search', metaTargetingSearchParams(type, q, limit), accessToken);
    return metaTargetingRows(body?.data)
      .map((row) => normalizeMetaTargetingRow(type, row))
      .filter((option): option is MetaTargetingOption => option !== undefined);
  }
}
