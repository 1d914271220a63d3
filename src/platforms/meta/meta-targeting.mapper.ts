import type { GraphParams } from './meta-graph.client';

export const META_TARGETING_TYPES = [
  'location',
  'locale',
  'interest',
  'behavior',
  'educationSchool',
  'educationMajor',
  'workEmployer',
  'workPosition',
  'familyStatus',
  'lifeEvent',
  'industry',
  'income',
] as const;

export type MetaTargetingType = (typeof META_TARGETING_TYPES)[number];

export interface MetaTargetingSearchSpec {
  /** Graph `/search` `type`. */
  type: string;
  /** `class` of an `adTargetingCategory` search. */
  class?: string;
  /** The targeting-spec key the results go under; also the result `type` when Meta's row carries none. */
  specKey: string;
}

export const META_GEO_LOCATION_TYPES: readonly string[] = ['country', 'region', 'city', 'zip', 'geo_market'];

export const META_TARGETING_SEARCH: Readonly<Record<MetaTargetingType, MetaTargetingSearchSpec>> = {
  location: { type: 'adgeolocation', specKey: 'geo_locations' },
  locale: { type: 'adlocale', specKey: 'locales' },
  interest: { type: 'adinterest', specKey: 'interests' },
  behavior: { type: 'adTargetingCategory', class: 'behaviors', specKey: 'behaviors' },
  lifeEvent: { type: 'adTargetingCategory', class: 'life_events', specKey: 'life_events' },
  industry: { type: 'adTargetingCategory', class: 'industries', specKey: 'industries' },
  income: { type: 'adTargetingCategory', class: 'income', specKey: 'income' },
  familyStatus: { type: 'adTargetingCategory', class: 'family_statuses', specKey: 'family_statuses' },
  educationSchool: { type: 'adeducationschool', specKey: 'education_schools' },
  educationMajor: { type: 'adeducationmajor', specKey: 'education_majors' },
  workEmployer: { type: 'adworkemployer', specKey: 'work_employers' },
  workPosition: { type: 'adworkposition', specKey: 'work_positions' },
};

/** Kept from Meta's row when present; the rest (supports_city, topic, …) is dropped. */
const EXTRA_KEYS = [
  'audience_size_lower_bound',
  'audience_size_upper_bound',
  'path',
  'description',
  'country_code',
  'country_name',
  'region',
  'region_id',
] as const;

export interface MetaTargetingOption {
  id: string;
  name: string;
  /** Meta's row type (geo: country, region, city…; categories: behaviors…) or else the targeting-spec key. */
  type: string;
  [extra: string]: unknown;
}

export function isMetaTargetingType(value: string): value is MetaTargetingType {
  return (META_TARGETING_TYPES as readonly string[]).includes(value);
}

/** The query parameters of `GET /search` for one of the seed's search types. */
export function metaTargetingSearchParams(type: MetaTargetingType, query: string, limit?: number): GraphParams {
  const spec = META_TARGETING_SEARCH[type];
  const params: GraphParams = { type: spec.type, q: query };
  if (spec.class) params.class = spec.class;
  if (type === 'location') params.location_types = [...META_GEO_LOCATION_TYPES];
  if (limit !== undefined) params.limit = limit;
  return params;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** One search result as we return it; geo and locale rows are keyed by `key`, the others by `id`. Rows without either are dropped. */
export function normalizeMetaTargetingRow(type: MetaTargetingType, row: Record<string, unknown>): MetaTargetingOption | undefined {
  const id = idOf(row.id) ?? idOf(row.key);
  if (id === undefined) return undefined;
  const out: MetaTargetingOption = {
    id,
    name: typeof row.name === 'string' ? row.name : id,
    type: typeof row.type === 'string' && row.type !== '' ? row.type : META_TARGETING_SEARCH[type].specKey,
  };
  for (const key of EXTRA_KEYS) if (row[key] !== undefined && row[key] !== null) out[key] = row[key];
  return out;
}

/** Meta answers some search types with a map instead of a list; both come back as rows. */
export function metaTargetingRows(data: unknown): Array<Record<string, unknown>> {
  const items = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.values(data) : [];
  return items.filter((item): item is Record<string, unknown> => !!item && typeof item === 'object' && !Array.isArray(item));
}
