import type { LaunchTargetingInput } from '../../src/platforms/meta/launch/meta-launch.types';
import { geoLocationProblem, metaGeoLocations, metaTargetingSpec } from '../../src/platforms/meta/launch/meta-targeting-spec.mapper';

const US = { geoLocations: [{ type: 'country', id: 'US' }] } as LaunchTargetingInput;
const AUTOMATION = { targeting_automation: { advantage_audience: 0 } };

describe('seed targeting → Graph targeting spec', () => {
  it.each<[string, LaunchTargetingInput, string[] | undefined, Record<string, unknown>]>([
    ['countries only', US, undefined, { geo_locations: { countries: ['US'] }, ...AUTOMATION }],
    [
      'countries, regions and cities (lower-case country, duplicates dropped)',
      {
        geoLocations: [
          { type: 'country', id: 'us' },
          { type: 'country', id: 'US' },
          { type: 'region', id: '4081' },
          { type: 'city', id: '2490299' },
        ],
      },
      undefined,
      { geo_locations: { countries: ['US'], regions: [{ key: '4081' }], cities: [{ key: '2490299' }] }, ...AUTOMATION },
    ],
    [
      'excluded locations',
      { ...US, excludedGeoLocations: [{ type: 'region', id: '3847' }] },
      undefined,
      { geo_locations: { countries: ['US'] }, excluded_geo_locations: { regions: [{ key: '3847' }] }, ...AUTOMATION },
    ],
    ['gender 0 (all) is left out', { ...US, genders: [0] }, undefined, { geo_locations: { countries: ['US'] }, ...AUTOMATION }],
    ['genders 1 and 2 are everyone', { ...US, genders: [1, 2] }, undefined, { geo_locations: { countries: ['US'] }, ...AUTOMATION }],
    ['women only', { ...US, genders: [2] }, undefined, { geo_locations: { countries: ['US'] }, genders: [2], ...AUTOMATION }],
    ['ages', { ...US, ageMin: 18, ageMax: 35 }, undefined, { geo_locations: { countries: ['US'] }, age_min: 18, age_max: 35, ...AUTOMATION }],
    [
      'detailed targeting as one flexible_spec group, names kept when given',
      {
        ...US,
        interests: [{ id: '6003', name: 'Running' }, { id: '6003', name: 'dup' }],
        behaviors: [{ id: '6007' }],
        lifeEvents: [{ id: '6002', name: 'Newly engaged' }],
        industries: [{ id: '6009', name: 'IT' }],
        income: [{ id: '6107', name: 'Top 10%' }],
        familyStatuses: [{ id: '6023', name: 'Parents' }],
        educationSchools: [{ id: '105', name: 'MIT' }],
        educationMajors: [{ id: '106', name: 'Physics' }],
        workEmployers: [{ id: '107', name: 'Acme' }],
        workPositions: [{ id: '108', name: 'Engineer' }],
      },
      undefined,
      {
        geo_locations: { countries: ['US'] },
        flexible_spec: [
          {
            interests: [{ id: '6003', name: 'Running' }],
            behaviors: [{ id: '6007' }],
            life_events: [{ id: '6002', name: 'Newly engaged' }],
            industries: [{ id: '6009', name: 'IT' }],
            income: [{ id: '6107', name: 'Top 10%' }],
            family_statuses: [{ id: '6023', name: 'Parents' }],
            education_schools: [{ id: '105', name: 'MIT' }],
            education_majors: [{ id: '106', name: 'Physics' }],
            work_employers: [{ id: '107', name: 'Acme' }],
            work_positions: [{ id: '108', name: 'Engineer' }],
          },
        ],
        ...AUTOMATION,
      },
    ],
    [
      'statuses and locales as integers, audiences as custom_audiences',
      { ...US, relationshipStatuses: [3, 1], educationStatuses: ['9', 2, 9], locales: [6, 24], interests: [] },
      ['2384', '2384', '9911'],
      {
        geo_locations: { countries: ['US'] },
        locales: [6, 24],
        relationship_statuses: [1, 3],
        education_statuses: [2, 9],
        custom_audiences: [{ id: '2384' }, { id: '9911' }],
        ...AUTOMATION,
      },
    ],
  ])('%s', (_name, targeting, audiences, expected) => {
    expect(metaTargetingSpec(targeting, audiences)).toEqual(expected);
  });

  it.each([
    [{ type: 'country', id: 'US' }, undefined],
    [{ type: 'country', id: 'USA' }, 'a country id must be an ISO 3166 two-letter code'],
    [{ type: 'region', id: '4081' }, undefined],
    [{ type: 'region', id: 'California' }, 'a region id must be a numeric Meta location key'],
    [{ type: 'city', id: '777934' }, undefined],
    [{ type: 'city', id: 'NYC' }, 'a city id must be a numeric Meta location key'],
  ] as const)('location %j → %p', (location, problem) => {
    expect(geoLocationProblem(location)).toBe(problem);
  });

  it('leaves empty location kinds out', () => {
    expect(metaGeoLocations([{ type: 'city', id: '1' }])).toEqual({ cities: [{ key: '1' }] });
  });
});
