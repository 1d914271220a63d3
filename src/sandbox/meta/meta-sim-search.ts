import { SimAnswer, invalidParameter } from './meta-sim-errors';
import { SimRow } from './meta-sim-fields';

const TYPES = [
  'adgeolocation', 'adlocale', 'adinterest', 'adtargetingcategory', 'adeducationschool', 'adeducationmajor', 'adworkemployer',
  'adworkposition', 'adcountry', 'adzipcode', 'adinterestsuggestion', 'adinterestvalid', 'adgeolocationmeta', 'adradiussuggestion',
];
const CLASSES = ['interests', 'behaviors', 'demographics', 'life_events', 'industries', 'income', 'family_statuses', 'user_device', 'user_os'];
const LOCATION_TYPES = ['country', 'country_group', 'region', 'city', 'zip', 'geo_market', 'electoral_district'];
const DEFAULT_LIMIT = 25;

/** Canned answers of `GET /search`, validated like Meta: a known `type`, a `class` for categories, a `q` elsewhere. */
export class SimMetaSearchStore {
  private readonly results = new Map<string, SimRow[]>();
  /** Answers a search that matched none of the set rows (Meta finds something for most words); unset: nothing. */
  fallback: ((type: string, cls: string | undefined, q: string) => SimRow[]) | undefined;

  set(type: string, cls: string | undefined, rows: SimRow[]): void {
    this.results.set(this.key(type, cls), rows.map((row) => ({ ...row })));
  }

  answer(params: Record<string, string>): SimAnswer {
    const { type, q = '' } = params;
    if (!type) return invalidParameter('The parameter type is required');
    const lowerType = type.toLowerCase();
    if (!TYPES.includes(lowerType)) return invalidParameter(`Param type must be one of {${TYPES.join(', ')}}`);
    const category = lowerType === 'adtargetingcategory';
    if (category && !params.class) return invalidParameter('The parameter class is required');
    if (category && !CLASSES.includes(params.class)) return invalidParameter(`Param class must be one of {${CLASSES.join(', ')}}`);
    // Categories can be browsed without a query; every other type searches by name.
    if (!category && q.trim() === '') return invalidParameter('The parameter q is required');
    const limit = params.limit === undefined ? DEFAULT_LIMIT : Number(params.limit);
    if (!Number.isInteger(limit) || limit <= 0) return invalidParameter('Param limit must be a positive integer');
    const locationTypes = lowerType === 'adgeolocation' ? this.locationTypes(params.location_types) : undefined;
    if (locationTypes && !Array.isArray(locationTypes)) return locationTypes;

    const needle = q.trim().toLowerCase();
    let rows = (this.results.get(this.key(type, category ? params.class : undefined)) ?? [])
      .filter((row) => needle === '' || String(row.name ?? '').toLowerCase().includes(needle))
      .filter((row) => !locationTypes || typeof row.type !== 'string' || locationTypes.includes(row.type));
    if (rows.length === 0 && this.fallback) rows = this.fallback(lowerType, category ? params.class : undefined, q.trim());
    return { status: 200, body: { data: rows.slice(0, limit) } };
  }

  private locationTypes(value: string | undefined): string[] | SimAnswer | undefined {
    if (value === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return invalidParameter('Param location_types must be an array');
    }
    if (!Array.isArray(parsed) || parsed.some((item) => !LOCATION_TYPES.includes(item as string))) {
      return invalidParameter(`Param location_types[] must be one of {${LOCATION_TYPES.join(', ')}}`);
    }
    return parsed as string[];
  }

  private key(type: string, cls: string | undefined): string {
    return `${type.toLowerCase()}|${cls ?? ''}`;
  }
}
