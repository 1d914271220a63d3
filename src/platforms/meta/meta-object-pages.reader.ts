import { Injectable } from '@nestjs/common';
import { PlatformError } from '../platform-error';
import { GraphParams, MetaGraphClient } from './meta-graph.client';
import { MetaRow, normalizeMetaObjectRow } from './meta-objects.reader';
import { META_READ_FIELDS } from './meta-read.fields';

export type MetaObjectKind = 'campaigns' | 'adsets' | 'ads' | 'adcreatives';

export const META_OBJECT_KINDS: readonly MetaObjectKind[] = ['campaigns', 'adsets', 'ads', 'adcreatives'];

export interface MetaObjectPageQuery {
  /** Cursor of the page to read; undefined for the first. */
  after?: string;
  limit: number;
  /** Only objects updated after this time (unix seconds); campaigns, ad sets and ads only. */
  updatedAfter?: number;
  /** Ask Meta for the edge's `total_count` (done on the first page only: it costs Meta a count). */
  withTotal?: boolean;
}

export interface MetaObjectPage {
  /** Rows with every field of the seed's list, as the live read normalizes them. */
  rows: MetaRow[];
  after?: string;
  total?: number;
}

/**
 * Meta documents no maximum `limit` for these edges; 500 rows per page with the seed's fields stays well under the
 * "reduce the amount of data" threshold in practice, and the step halves it when Meta says otherwise.
 */
export const META_OBJECT_PAGE_LIMIT = 500;

/** The `filtering` field an edge's objects are filtered by on `updated_time` (creatives have none: they are immutable). */
const UPDATED_TIME_FIELD: Partial<Record<MetaObjectKind, string>> = {
  campaigns: 'campaign.updated_time',
  adsets: 'adset.updated_time',
  ads: 'ad.updated_time',
};

export function metaUpdatedTimeFilterable(kind: MetaObjectKind): boolean {
  return UPDATED_TIME_FIELD[kind] !== undefined;
}

/** The request of one page, without credentials. Pure. */
export function metaObjectPageParams(kind: MetaObjectKind, query: MetaObjectPageQuery): GraphParams {
  const params: GraphParams = { fields: META_READ_FIELDS[kind].join(','), limit: query.limit };
  const field = UPDATED_TIME_FIELD[kind];
  if (query.updatedAfter !== undefined && field) params.filtering = [{ field, operator: 'GREATER_THAN', value: query.updatedAfter }];
  if (query.withTotal) params.summary = 'total_count';
  return params;
}

/** Meta's "Please reduce the amount of data you're asking for" (code 1, or 100 with subcode 1487534). */
export function isMetaDataTooLarge(error: unknown): boolean {
  if (!(error instanceof PlatformError) || error.platformDetails.platform !== 'meta') return false;
  const { platformCode, platformSubcode, platformMessage } = error.platformDetails;
  if (Number(platformSubcode) === 1487534) return true;
  return Number(platformCode) === 1 && /reduce the amount of data/i.test(platformMessage ?? '');
}

/** Campaigns, ad sets, ads and creatives of one ad account, one page at a time (for the import). */
@Injectable()
export class MetaObjectPagesReader {
  constructor(private readonly graph: MetaGraphClient) {}

  async page(accessToken: string, accountId: string, kind: MetaObjectKind, query: MetaObjectPageQuery): Promise<MetaObjectPage> {
    const page = await this.graph.page<MetaRow>(`/act_${encodeURIComponent(accountId)}/${kind}`, metaObjectPageParams(kind, query), accessToken, query.after);
    const rows = page.data.filter((row) => !!row && typeof row === 'object' && row.id !== undefined && row.id !== null).map(normalizeMetaObjectRow);
    const total = Number(page.summary?.total_count);
    return { rows, after: page.after, total: Number.isInteger(total) && total >= 0 ? total : undefined };
  }
}
