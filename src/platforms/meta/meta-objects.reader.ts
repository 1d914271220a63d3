import { Injectable } from '@nestjs/common';
import { GraphParams, MetaGraphClient } from './meta-graph.client';
import type { MetaObjectKind } from './meta-object-pages.reader';
import { META_CUSTOM_AUDIENCE_FIELDS, META_PIXEL_FIELDS, META_SAVED_AUDIENCE_FIELDS } from './meta-read.fields';

export type MetaRow = Record<string, unknown>;

export interface MetaCampaignsQuery {
  ids?: string[];
  fields: string[];
}

export interface MetaAdsetsQuery {
  campaignIds?: string[];
  adsetIds?: string[];
  fields: string[];
}

export interface MetaAdsQuery {
  adIds?: string[];
  campaignIds?: string[];
  adsetIds?: string[];
  fields: string[];
}

export interface MetaAdcreativesQuery {
  ids?: string[];
  fields: string[];
}

/** Any of the object reads' filters, by kind. */
export type MetaObjectsQuery = MetaCampaignsQuery & MetaAdsQuery & MetaAdcreativesQuery;

/** One page of a live object read: at most `limit` rows, after Meta's own cursor. */
export interface MetaObjectsPageRequest {
  limit: number;
  after?: string;
}

export interface MetaObjectsPage {
  rows: MetaRow[];
  /** Meta's cursor of the next page; undefined on the last one. */
  after?: string;
}

interface GraphFilter {
  field: string;
  operator: 'IN';
  value: string[];
}

const PAGE_LIMIT = 100;
/** Money in minor units, sent by Meta as strings. */
const MINOR_UNIT_KEYS = ['daily_budget', 'lifetime_budget', 'budget_remaining', 'spend_cap', 'bid_amount'];
const ID_KEYS = ['id', 'account_id', 'campaign_id', 'adset_id'];
const INTEGER = /^-?\d+$/;

function inFilter(field: string, ids: string[] | undefined): GraphFilter[] {
  return ids && ids.length > 0 ? [{ field, operator: 'IN', value: [...new Set(ids)] }] : [];
}

/** The Graph `filtering` of an object read. Creatives have no parent object to filter by; their own id is the filter. */
function objectFilters(kind: MetaObjectKind, query: Partial<MetaObjectsQuery>): GraphFilter[] {
  switch (kind) {
    case 'campaigns':
      return inFilter('campaign.id', query.ids);
    case 'adsets':
      return [...inFilter('campaign.id', query.campaignIds), ...inFilter('adset.id', query.adsetIds)];
    case 'ads':
      return [...inFilter('campaign.id', query.campaignIds), ...inFilter('adset.id', query.adsetIds), ...inFilter('ad.id', query.adIds)];
    case 'adcreatives':
      return inFilter('id', query.ids);
  }
}

/** Meta's row with ids as strings and minor-unit money as numbers, under the same keys. */
export function normalizeMetaObjectRow(row: MetaRow): MetaRow {
  const out: MetaRow = { ...row };
  for (const key of ID_KEYS) if (typeof out[key] === 'number') out[key] = String(out[key]);
  for (const key of MINOR_UNIT_KEYS) {
    const value = out[key];
    if (typeof value === 'string' && INTEGER.test(value.trim())) out[key] = Number(value);
  }
  return out;
}

/**
 * Reads one ad account's campaigns, ad sets, ads, creatives, pixels and audiences. Id filters go on the account's
 * own edge, so an id that belongs to another account is simply not returned.
 */
@Injectable()
export class MetaObjectsReader {
  constructor(private readonly graph: MetaGraphClient) {}

  async campaigns(accessToken: string, accountId: string, query: MetaCampaignsQuery): Promise<MetaRow[]> {
    return this.edge(accessToken, accountId, 'campaigns', query.fields, objectFilters('campaigns', query));
  }

  async adsets(accessToken: string, accountId: string, query: MetaAdsetsQuery): Promise<MetaRow[]> {
    return this.edge(accessToken, accountId, 'adsets', query.fields, objectFilters('adsets', query));
  }

  async ads(accessToken: string, accountId: string, query: MetaAdsQuery): Promise<MetaRow[]> {
    return this.edge(accessToken, accountId, 'ads', query.fields, objectFilters('ads', query));
  }

  async adcreatives(accessToken: string, accountId: string, query: MetaAdcreativesQuery): Promise<MetaRow[]> {
    return this.edge(accessToken, accountId, 'adcreatives', query.fields, objectFilters('adcreatives', query));
  }

  /** One of Meta's pages of an object edge, with the same filters as the full reads above. */
  async objectPage(accessToken: string, accountId: string, kind: MetaObjectKind, query: Partial<MetaObjectsQuery> & { fields: string[] }, page: MetaObjectsPageRequest): Promise<MetaObjectsPage> {
    const params: GraphParams = { fields: query.fields.length > 0 ? query.fields.join(',') : undefined, limit: page.limit };
    const filters = objectFilters(kind, query);
    if (filters.length > 0) params.filtering = filters;
    const found = await this.graph.page<MetaRow>(`/act_${encodeURIComponent(accountId)}/${kind}`, params, accessToken, page.after);
    return { rows: found.data.filter((row) => !!row && typeof row === 'object').map(normalizeMetaObjectRow), after: found.after };
  }

  async pixels(accessToken: string, accountId: string): Promise<MetaRow[]> {
    return this.edge(accessToken, accountId, 'adspixels', [...META_PIXEL_FIELDS], []);
  }

  async savedAudiences(accessToken: string, accountId: string): Promise<MetaRow[]> {
    return this.edge(accessToken, accountId, 'saved_audiences', [...META_SAVED_AUDIENCE_FIELDS], []);
  }

  async customAudiences(accessToken: string, accountId: string): Promise<MetaRow[]> {
    return this.edge(accessToken, accountId, 'customaudiences', [...META_CUSTOM_AUDIENCE_FIELDS], []);
  }

  private async edge(accessToken: string, accountId: string, edge: string, fields: string[], filters: GraphFilter[]): Promise<MetaRow[]> {
    const params: GraphParams = { fields: fields.length > 0 ? fields.join(',') : undefined, limit: PAGE_LIMIT };
    if (filters.length > 0) params.filtering = filters;
    const rows = await this.graph.paginate<MetaRow>(`/act_${encodeURIComponent(accountId)}/${edge}`, params, accessToken);
    return rows.filter((row) => !!row && typeof row === 'object').map(normalizeMetaObjectRow);
  }
}
