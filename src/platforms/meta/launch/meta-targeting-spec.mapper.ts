import type { GeoLocationInput, IdNameInput, LaunchTargetingInput } from './meta-launch.types';

/** Graph's TargetingGeoLocation, the part a launch fills. */
export interface MetaGeoLocations {
  countries?: string[];
  regions?: Array<{ key: string }>;
  cities?: Array<{ key: string }>;
}

type IdName = { id: string; name?: string };

/** One OR-group of detailed targeting (platform-apis.md A3 `flexible_spec`). */
export interface MetaFlexibleGroup {
  interests?: IdName[];
  behaviors?: IdName[];
  life_events?: IdName[];
  industries?: IdName[];
  income?: IdName[];
  family_statuses?: IdName[];
  education_schools?: IdName[];
  education_majors?: IdName[];
  work_employers?: IdName[];
  work_positions?: IdName[];
}

export interface MetaTargetingSpec {
  geo_locations: MetaGeoLocations;
  excluded_geo_locations?: MetaGeoLocations;
  age_min?: number;
  age_max?: number;
  genders?: number[];
  locales?: number[];
  relationship_statuses?: number[];
  education_statuses?: number[];
  flexible_spec?: MetaFlexibleGroup[];
  custom_audiences?: Array<{ id: string }>;
  /**
   * Since Graph v23 an ad set must opt in or out of Advantage+ audience explicitly. 0 keeps the audience exactly as
   * given (opting in would widen it, and Meta refuses it with a custom age range or a special ad category).
   */
  targeting_automation: { advantage_audience: 0 | 1 };
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** Meta's location keys: ISO 3166 alpha-2 for countries, numeric keys from `type=adgeolocation` search otherwise. */
export function geoLocationProblem(location: GeoLocationInput): string | undefined {
  if (location.type === 'country') return /^[A-Za-z]{2}$/.test(location.id) ? undefined : 'a country id must be an ISO 3166 two-letter code';
  return /^\d{1,20}$/.test(location.id) ? undefined : `a ${location.type} id must be a numeric Meta location key`;
}

export function metaGeoLocations(locations: GeoLocationInput[]): MetaGeoLocations {
  const countries = unique(locations.filter((l) => l.type === 'country').map((l) => l.id.toUpperCase()));
  const regions = unique(locations.filter((l) => l.type === 'region').map((l) => l.id));
  const cities = unique(locations.filter((l) => l.type === 'city').map((l) => l.id));
  return {
    ...(countries.length > 0 ? { countries } : {}),
    ...(regions.length > 0 ? { regions: regions.map((key) => ({ key })) } : {}),
    ...(cities.length > 0 ? { cities: cities.map((key) => ({ key })) } : {}),
  };
}

function idNames(items: IdNameInput[] | undefined): IdName[] | undefined {
  if (!items || items.length === 0) return undefined;
  const seen = new Set<string>();
  const out: IdName[] = [];
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item.name === undefined || item.name === '' ? { id: item.id } : { id: item.id, name: item.name });
  }
  return out;
}

function integers(values: Array<number | string> | undefined): number[] | undefined {
  if (!values || values.length === 0) return undefined;
  return unique(values.map(Number)).sort((a, b) => a - b);
}

/** 0 (or both 1 and 2) means everyone, which Meta expresses by leaving `genders` out. */
function genders(values: number[] | undefined): number[] | undefined {
  const set = unique(values ?? []);
  if (set.length === 0 || set.includes(0) || (set.includes(1) && set.includes(2))) return undefined;
  return set;
}

const FLEXIBLE_FIELDS: ReadonlyArray<[keyof LaunchTargetingInput, keyof MetaFlexibleGroup]> = [
  ['interests', 'interests'],
  ['behaviors', 'behaviors'],
  ['lifeEvents', 'life_events'],
  ['industries', 'industries'],
  ['income', 'income'],
  ['familyStatuses', 'family_statuses'],
  ['educationSchools', 'education_schools'],
  ['educationMajors', 'education_majors'],
  ['workEmployers', 'work_employers'],
  ['workPositions', 'work_positions'],
];

/**
 * The seed's targeting object (plus the body's `audienceId`) as a Graph targeting spec. The detailed-targeting lists
 * form one `flexible_spec` group (a person matching any of them qualifies), as Ads Manager builds it; demographics,
 * locales and audiences are top-level fields.
 */
export function metaTargetingSpec(targeting: LaunchTargetingInput, audienceIds?: string[]): MetaTargetingSpec {
  const group: MetaFlexibleGroup = {};
  for (const [from, to] of FLEXIBLE_FIELDS) {
    const items = idNames(targeting[from] as IdNameInput[] | undefined);
    if (items) group[to] = items;
  }
  const excluded = targeting.excludedGeoLocations && targeting.excludedGeoLocations.length > 0 ? metaGeoLocations(targeting.excludedGeoLocations) : undefined;
  const audiences = unique(audienceIds ?? []);
  const spec: MetaTargetingSpec = {
    geo_locations: metaGeoLocations(targeting.geoLocations),
    ...(excluded ? { excluded_geo_locations: excluded } : {}),
    ...(targeting.ageMin !== undefined ? { age_min: targeting.ageMin } : {}),
    ...(targeting.ageMax !== undefined ? { age_max: targeting.ageMax } : {}),
    ...(genders(targeting.genders) ? { genders: genders(targeting.genders) } : {}),
    ...(integers(targeting.locales) ? { locales: integers(targeting.locales) } : {}),
    ...(integers(targeting.relationshipStatuses) ? { relationship_statuses: integers(targeting.relationshipStatuses) } : {}),
    ...(integers(targeting.educationStatuses) ? { education_statuses: integers(targeting.educationStatuses) } : {}),
    ...(Object.keys(group).length > 0 ? { flexible_spec: [group] } : {}),
    ...(audiences.length > 0 ? { custom_audiences: audiences.map((id) => ({ id })) } : {}),
    targeting_automation: { advantage_audience: 0 },
  };
  return spec;
}
