import {
  isMetaTargetingType,
  META_TARGETING_TYPES,
  metaTargetingRows,
  metaTargetingSearchParams,
  MetaTargetingType,
  normalizeMetaTargetingRow,
} from '../../src/platforms/meta/meta-targeting.mapper';

const GEO_TYPES = ['country', 'region', 'city', 'zip', 'geo_market'];

describe('Meta targeting search mapping', () => {
  const table: Array<[MetaTargetingType, Record<string, unknown>]> = [
    ['location', { type: 'adgeolocation', q: 'New York', location_types: GEO_TYPES, limit: 10 }],
    ['locale', { type: 'adlocale', q: 'New York', limit: 10 }],
    ['interest', { type: 'adinterest', q: 'New York', limit: 10 }],
    ['behavior', { type: 'adTargetingCategory', class: 'behaviors', q: 'New York', limit: 10 }],
    ['lifeEvent', { type: 'adTargetingCategory', class: 'life_events', q: 'New York', limit: 10 }],
    ['industry', { type: 'adTargetingCategory', class: 'industries', q: 'New York', limit: 10 }],
    ['income', { type: 'adTargetingCategory', class: 'income', q: 'New York', limit: 10 }],
    ['familyStatus', { type: 'adTargetingCategory', class: 'family_statuses', q: 'New York', limit: 10 }],
    ['educationSchool', { type: 'adeducationschool', q: 'New York', limit: 10 }],
    ['educationMajor', { type: 'adeducationmajor', q: 'New York', limit: 10 }],
    ['workEmployer', { type: 'adworkemployer', q: 'New York', limit: 10 }],
    ['workPosition', { type: 'adworkposition', q: 'New York', limit: 10 }],
  ];

  it('covers exactly the 12 seed types', () => {
    expect(table.map(([type]) => type).sort()).toEqual([...META_TARGETING_TYPES].sort());
    expect(META_TARGETING_TYPES).toHaveLength(12);
  });

  it.each(table)('maps %s to Graph /search params', (type, expected) => {
    expect(metaTargetingSearchParams(type, 'New York', 10)).toEqual(expected);
  });

  it('leaves limit out when none is given', () => {
    expect(metaTargetingSearchParams('interest', 'yoga')).toEqual({ type: 'adinterest', q: 'yoga' });
  });

  it('recognises the seed types only', () => {
    expect(META_TARGETING_TYPES.every(isMetaTargetingType)).toBe(true);
    expect(isMetaTargetingType('adinterest')).toBe(false);
    expect(isMetaTargetingType('Location')).toBe(false);
  });

  it.each<[MetaTargetingType, Record<string, unknown>, Record<string, unknown>]>([
    [
      'location',
      { key: 'GB', name: 'United Kingdom', type: 'country', country_code: 'GB', supports_city: false, supports_region: true },
      { id: 'GB', name: 'United Kingdom', type: 'country', country_code: 'GB' },
    ],
    [
      'location',
      { key: '2490299', name: 'New York', type: 'city', country_code: 'US', country_name: 'United States', region: 'New York', region_id: 3875 },
      { id: '2490299', name: 'New York', type: 'city', country_code: 'US', country_name: 'United States', region: 'New York', region_id: 3875 },
    ],
    ['locale', { key: 6, name: 'English (US)' }, { id: '6', name: 'English (US)', type: 'locales' }],
    [
      'interest',
      { id: '6003139266461', name: 'Movies', audience_size_lower_bound: 1000, audience_size_upper_bound: 2000, path: ['Entertainment', 'Movies'], topic: 'Entertainment' },
      { id: '6003139266461', name: 'Movies', type: 'interests', audience_size_lower_bound: 1000, audience_size_upper_bound: 2000, path: ['Entertainment', 'Movies'] },
    ],
    [
      'behavior',
      { id: '6002714895372', name: 'Frequent travellers', type: 'behaviors', description: 'People who travel', audience_size_lower_bound: 5 },
      { id: '6002714895372', name: 'Frequent travellers', type: 'behaviors', description: 'People who travel', audience_size_lower_bound: 5 },
    ],
    ['familyStatus', { id: '6023005458383', name: 'Parents (All)' }, { id: '6023005458383', name: 'Parents (All)', type: 'family_statuses' }],
    ['workEmployer', { id: 108, name: 'Acme', region: null }, { id: '108', name: 'Acme', type: 'work_employers' }],
  ])('normalises a %s row', (type, row, expected) => {
    expect(normalizeMetaTargetingRow(type, row)).toEqual(expected);
  });

  it('drops rows with neither id nor key, and names a nameless row by its id', () => {
    expect(normalizeMetaTargetingRow('interest', { name: 'No id' })).toBeUndefined();
    expect(normalizeMetaTargetingRow('educationMajor', { id: '', key: '' })).toBeUndefined();
    expect(normalizeMetaTargetingRow('educationMajor', { id: '77' })).toEqual({ id: '77', name: '77', type: 'education_majors' });
  });

  it('reads data given as a list or as a map', () => {
    expect(metaTargetingRows([{ id: '1' }, null, 'x', { id: '2' }])).toEqual([{ id: '1' }, { id: '2' }]);
    expect(metaTargetingRows({ a: { key: 'US' }, b: { key: 'GB' } })).toEqual([{ key: 'US' }, { key: 'GB' }]);
    expect(metaTargetingRows(undefined)).toEqual([]);
  });
});
