import { SimAnswer, invalidParameter, unsupportedRequest } from './meta-sim-errors';
import { SimRow, matchesFilters, parseFiltering, renderFields, requestedFields, unknownField } from './meta-sim-fields';

/** Rows as Meta returns them: ids and budgets as strings; ad sets carry campaign_id, ads campaign_id and adset_id. */
export interface SimMetaAccountObjects {
  campaigns?: SimRow[];
  adsets?: SimRow[];
  ads?: SimRow[];
  adcreatives?: SimRow[];
  pixels?: SimRow[];
  savedAudiences?: SimRow[];
  customAudiences?: SimRow[];
}

export type SimMetaObjectKind = keyof SimMetaAccountObjects;
type Kind = SimMetaObjectKind;

interface Entry {
  accountId: string;
  kind: Kind;
  row: SimRow;
}

const EDGES: Readonly<Record<string, Kind>> = {
  campaigns: 'campaigns',
  adsets: 'adsets',
  ads: 'ads',
  adcreatives: 'adcreatives',
  adspixels: 'pixels',
  saved_audiences: 'savedAudiences',
  customaudiences: 'customAudiences',
};

const NODE_TYPES: Readonly<Record<Kind, string>> = {
  campaigns: 'Campaign',
  adsets: 'AdSet',
  ads: 'Ad',
  adcreatives: 'AdCreative',
  pixels: 'AdsPixel',
  savedAudiences: 'SavedAudience',
  customAudiences: 'CustomAudience',
};

const COMMON = ['id', 'account_id', 'name', 'status', 'configured_status', 'effective_status', 'created_time', 'updated_time'];
const KNOWN_FIELDS: Readonly<Record<Kind, readonly string[]>> = {
  campaigns: [
    ...COMMON, 'objective', 'daily_budget', 'lifetime_budget', 'budget_remaining', 'spend_cap', 'bid_strategy', 'buying_type',
    'special_ad_categories', 'is_adset_budget_sharing_enabled', 'start_time', 'stop_time',
  ],
  adsets: [
    ...COMMON, 'campaign_id', 'campaign', 'adset_schedule', 'billing_event', 'optimization_goal', 'bid_amount', 'bid_strategy',
    'budget_remaining', 'daily_budget', 'lifetime_budget', 'start_time', 'end_time', 'attribution_spec', 'targeting', 'destination_type', 'promoted_object',
  ],
  ads: [...COMMON, 'campaign_id', 'adset_id', 'campaign', 'adset', 'creative', 'bid_amount', 'tracking_specs', 'conversion_specs'],
  adcreatives: [
    'id', 'account_id', 'name', 'status', 'object_story_spec', 'title', 'body', 'image_url', 'image_hash', 'thumbnail_url',
    'call_to_action_type', 'object_type', 'url_tags', 'effective_object_story_id', 'link_url', 'asset_feed_spec',
  ],
  pixels: ['id', 'name', 'code', 'last_fired_time', 'creation_time', 'is_unavailable', 'owner_business', 'data_use_setting', 'enable_automatic_matching'],
  savedAudiences: [
    'id', 'name', 'account', 'description', 'targeting', 'approximate_count_lower_bound', 'approximate_count_upper_bound', 'run_status',
    'sentence_lines', 'time_created', 'time_updated', 'operation_status',
  ],
  customAudiences: [
    'id', 'account_id', 'name', 'description', 'subtype', 'approximate_count_lower_bound', 'approximate_count_upper_bound', 'customer_file_source',
    'data_source', 'delivery_status', 'operation_status', 'retention_days', 'rule', 'lookalike_spec', 'pixel_id', 'time_created', 'time_updated',
  ],
};

const FILTER_FIELDS: Readonly<Record<Kind, readonly string[]>> = {
  campaigns: ['id', 'campaign.id', 'effective_status', 'campaign.updated_time'],
  adsets: ['id', 'campaign.id', 'adset.id', 'effective_status', 'adset.updated_time'],
  ads: ['id', 'campaign.id', 'adset.id', 'ad.id', 'effective_status', 'ad.updated_time'],
  adcreatives: ['id'],
  pixels: [],
  savedAudiences: [],
  customAudiences: [],
};

const UPDATABLE: readonly Kind[] = ['campaigns', 'adsets', 'ads'];
const STATUSES = ['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED'];
const HAS_ACCOUNT_ID: readonly Kind[] = ['campaigns', 'adsets', 'ads', 'adcreatives', 'customAudiences'];

function filterValue(kind: Kind, row: SimRow, field: string): unknown {
  if (field === 'campaign.id') return kind === 'campaigns' ? row.id : row.campaign_id;
  if (field === 'adset.id') return kind === 'adsets' ? row.id : row.adset_id;
  if (field === 'ad.id') return row.id;
  // Compared as unix seconds, like Meta's `updated_time` filters.
  if (field.endsWith('.updated_time')) return typeof row.updated_time === 'string' ? Math.floor(Date.parse(row.updated_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) / 1000) : undefined;
  return row[field];
}

/** Meta's `updated_time` format. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** With the references Meta can expand (`campaign`, `adset`, `account_id`) filled in from the ids. */
function stored(accountId: string, kind: Kind, row: SimRow): SimRow {
  const out: SimRow = { ...row };
  if (HAS_ACCOUNT_ID.includes(kind) && out.account_id === undefined) out.account_id = accountId;
  if ((kind === 'adsets' || kind === 'ads') && out.campaign === undefined && out.campaign_id !== undefined) out.campaign = { id: out.campaign_id };
  if (kind === 'ads' && out.adset === undefined && out.adset_id !== undefined) out.adset = { id: out.adset_id };
  return out;
}

/** The objects of the fake's ad accounts: account edges with fields and filtering, nodes by id, status updates. */
export class SimMetaObjectStore {
  private readonly accounts = new Map<string, Map<Kind, SimRow[]>>();
  private readonly nodes = new Map<string, Entry>();

  static isEdge(edge: string): boolean {
    return Object.hasOwn(EDGES, edge);
  }

  set(accountId: string, objects: SimMetaAccountObjects): void {
    for (const [id, entry] of this.nodes) if (entry.accountId === accountId) this.nodes.delete(id);
    const byKind = new Map<Kind, SimRow[]>();
    for (const kind of Object.keys(NODE_TYPES) as Kind[]) {
      const rows = (objects[kind] ?? []).map((row) => stored(accountId, kind, row));
      byKind.set(kind, rows);
      for (const row of rows) this.nodes.set(String(row.id), { accountId, kind, row });
    }
    this.accounts.set(accountId, byKind);
  }

  /** One more object on an account's edge (created through the API), after the others. */
  add(accountId: string, kind: Kind, row: SimRow): void {
    const byKind = this.accounts.get(accountId) ?? new Map<Kind, SimRow[]>();
    this.accounts.set(accountId, byKind);
    const entryRow = stored(accountId, kind, row);
    byKind.set(kind, [...(byKind.get(kind) ?? []), entryRow]);
    this.nodes.set(String(entryRow.id), { accountId, kind, row: entryRow });
  }

  /** A status set elsewhere (a launched object's), as Meta shows it on reads. */
  setStatus(id: string, status: string, at: Date): void {
    const entry = this.nodes.get(id);
    if (!entry) return;
    Object.assign(entry.row, { status, configured_status: status, effective_status: status, updated_time: graphTime(at) });
  }

  /** The rows of `GET /act_{id}/{edge}`, rendered; deleted objects are not returned on edges. */
  edge(accountId: string, edge: string, params: Record<string, string>): SimRow[] | SimAnswer {
    const kind = EDGES[edge];
    const rows = this.accounts.get(accountId)?.get(kind) ?? [];
    const fields = requestedFields(params.fields);
    const bad = fields && unknownField(fields, KNOWN_FIELDS[kind], rows, NODE_TYPES[kind]);
    if (bad) return bad;
    const filters = parseFiltering(params.filtering, FILTER_FIELDS[kind]);
    if (!Array.isArray(filters)) return filters;
    return rows
      .filter((row) => row.status !== 'DELETED' && matchesFilters(row, filters, (candidate, field) => filterValue(kind, candidate, field)))
      .map((row) => renderFields(row, fields));
  }

  /** The ad account an object belongs to, for the caller's permission check. */
  ownerOf(id: string): string | undefined {
    return this.nodes.get(id)?.accountId;
  }

  read(id: string, params: Record<string, string>): SimAnswer {
    const entry = this.nodes.get(id);
    if (!entry) return unsupportedRequest('GET', `/${id}`);
    const fields = requestedFields(params.fields);
    const bad = fields && unknownField(fields, KNOWN_FIELDS[entry.kind], [entry.row], NODE_TYPES[entry.kind]);
    return bad ?? { status: 200, body: renderFields(entry.row, fields) };
  }

  update(id: string, params: Record<string, string>): SimAnswer {
    const entry = this.nodes.get(id);
    if (!entry || !UPDATABLE.includes(entry.kind)) return unsupportedRequest('POST', `/${id}`);
    const { status, name } = params;
    if (status === undefined && name === undefined) return invalidParameter('No fields to update were given');
    if (status !== undefined && !STATUSES.includes(status)) {
      return invalidParameter(`Param status must be one of {${STATUSES.join(', ')}}`, 'The status you chose is not valid.');
    }
    if (name !== undefined && name.trim() === '') return invalidParameter('Param name must be a non-empty string');
    if (status !== undefined) Object.assign(entry.row, { status, configured_status: status, effective_status: status });
    if (name !== undefined) entry.row.name = name;
    entry.row.updated_time = graphTime(new Date());
    return { status: 200, body: { success: true } };
  }

  status(id: string): string | undefined {
    const status = this.nodes.get(id)?.row.status;
    return typeof status === 'string' ? status : undefined;
  }
}
