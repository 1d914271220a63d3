import { seedOf } from '../sandbox-random';
import type { SimRow } from './meta-sim-fields';

/**
 * The sandbox's targeting search catalog: the same for every tenant, like Meta's own. Rows are shaped like Meta's
 * `GET /search` answers for each type. Free-text types (interests, schools, majors, employers, positions) also find
 * something for words outside the catalog, as Meta does; locations, locales and categories do not.
 */

type SearchKey = { type: string; cls?: string };

function catalogId(kind: string, name: string, prefix = '6003'): string {
  return `${prefix}${String(seedOf('meta-targeting', kind, name.toLowerCase()) % 1_000_000_000).padStart(9, '0')}`;
}

function audience(kind: string, name: string): { audience_size_lower_bound: number; audience_size_upper_bound: number } {
  const lower = 200_000 + (seedOf('meta-audience', kind, name.toLowerCase()) % 180_000_000);
  return { audience_size_lower_bound: lower, audience_size_upper_bound: Math.round(lower * 1.18) };
}

const COUNTRIES: ReadonlyArray<[string, string]> = [
  ['US', 'United States'], ['CA', 'Canada'], ['GB', 'United Kingdom'], ['DE', 'Germany'], ['FR', 'France'], ['JP', 'Japan'], ['AU', 'Australia'],
  ['ES', 'Spain'], ['IT', 'Italy'], ['NL', 'Netherlands'], ['BR', 'Brazil'], ['MX', 'Mexico'], ['IN', 'India'], ['IE', 'Ireland'], ['AT', 'Austria'],
];
const REGIONS: ReadonlyArray<[string, string, string]> = [
  ['3847', 'California', 'US'], ['3886', 'Texas', 'US'], ['3875', 'New York', 'US'], ['3857', 'Florida', 'US'], ['534', 'Ontario', 'CA'],
  ['1150', 'Bavaria', 'DE'], ['1156', 'Berlin', 'DE'], ['1213', 'Île-de-France', 'FR'], ['2182', 'Tokyo', 'JP'], ['2170', 'Osaka', 'JP'],
  ['283', 'New South Wales', 'AU'], ['1276', 'England', 'GB'],
];
const CITIES: ReadonlyArray<[string, string, string]> = [
  ['San Francisco', 'California', 'US'], ['Los Angeles', 'California', 'US'], ['New York', 'New York', 'US'], ['Austin', 'Texas', 'US'],
  ['Miami', 'Florida', 'US'], ['Toronto', 'Ontario', 'CA'], ['London', 'England', 'GB'], ['Manchester', 'England', 'GB'], ['Berlin', 'Berlin', 'DE'],
  ['Munich', 'Bavaria', 'DE'], ['Paris', 'Île-de-France', 'FR'], ['Tokyo', 'Tokyo', 'JP'], ['Osaka', 'Osaka', 'JP'], ['Sydney', 'New South Wales', 'AU'],
];
const ZIPS: ReadonlyArray<[string, string, string]> = [
  ['94107', 'California', 'US'], ['10001', 'New York', 'US'], ['73301', 'Texas', 'US'], ['33101', 'Florida', 'US'],
];
const MARKETS: ReadonlyArray<[string, string]> = [
  ['807', 'San Francisco-Oakland-San Jose'], ['501', 'New York'], ['803', 'Los Angeles'], ['635', 'Austin'], ['528', 'Miami-Fort Lauderdale'],
];

function countryName(code: string): string {
  return COUNTRIES.find(([candidate]) => candidate === code)?.[1] ?? code;
}

function regionId(name: string): string {
  return REGIONS.find(([, candidate]) => candidate === name)?.[0] ?? '';
}

const LOCATIONS: SimRow[] = [
  ...COUNTRIES.map(([code, name]) => ({ key: code, name, type: 'country', country_code: code, country_name: name, supports_region: true, supports_city: true })),
  ...REGIONS.map(([key, name, code]) => ({ key, name, type: 'region', country_code: code, country_name: countryName(code), supports_region: true, supports_city: true })),
  ...CITIES.map(([name, region, code]) => ({
    key: catalogId('city', name, '2'),
    name,
    type: 'city',
    country_code: code,
    country_name: countryName(code),
    region,
    region_id: regionId(region),
    supports_region: true,
    supports_city: true,
  })),
  ...ZIPS.map(([zip, region, code]) => ({
    key: `${code}:${zip}`,
    name: zip,
    type: 'zip',
    country_code: code,
    country_name: countryName(code),
    region,
    region_id: regionId(region),
    supports_region: true,
    supports_city: true,
  })),
  ...MARKETS.map(([code, name]) => ({ key: `DMA:${code}`, name, type: 'geo_market', country_code: 'US', country_name: 'United States', supports_region: true, supports_city: true })),
];

const LOCALES: SimRow[] = (
  [
    [6, 'English (US)'], [24, 'English (UK)'], [5, 'German'], [9, 'French (France)'], [11, 'Japanese'], [23, 'Spanish'], [7, 'Spanish (Spain)'],
    [10, 'Italian'], [16, 'Portuguese (Brazil)'], [14, 'Dutch'], [12, 'Korean'], [20, 'Chinese (Simplified)'],
  ] as const
).map(([key, name]) => ({ key, name }));

const INTERESTS: ReadonlyArray<[string, string]> = [
  ['Coffee', 'Food and drink'], ['Tea', 'Food and drink'], ['Baking', 'Food and drink'], ['Cooking', 'Food and drink'], ['Veganism', 'Food and drink'],
  ['Wine', 'Food and drink'], ['Yoga', 'Fitness and wellness'], ['Physical fitness', 'Fitness and wellness'], ['Running', 'Fitness and wellness'],
  ['Meditation', 'Fitness and wellness'], ['Hiking', 'Sports and outdoors'], ['Cycling', 'Sports and outdoors'], ['Surfing', 'Sports and outdoors'],
  ['Camping', 'Sports and outdoors'], ['Skin care', 'Shopping and fashion'], ['Cosmetics', 'Shopping and fashion'], ['Fashion accessories', 'Shopping and fashion'],
  ['Online shopping', 'Shopping and fashion'], ['Interior design', 'Hobbies and activities'], ['Gardening', 'Hobbies and activities'],
  ['Flowers', 'Hobbies and activities'], ['Board games', 'Hobbies and activities'], ['Stationery', 'Hobbies and activities'],
  ['Language learning', 'Education'], ['Photography', 'Hobbies and activities'], ['Dogs', 'Hobbies and activities'], ['Cats', 'Hobbies and activities'],
  ['Travel', 'Hobbies and activities'], ['Small business', 'Business and industry'], ['Entrepreneurship', 'Business and industry'],
  ['Digital marketing', 'Business and industry'], ['Personal finance', 'Business and industry'], ['Video games', 'Entertainment'],
  ['Live music', 'Entertainment'], ['Movies', 'Entertainment'], ['Technology', 'Technology'], ['Smartphones', 'Technology'],
];

const CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  behaviors: [
    'Frequent travelers', 'Frequent international travelers', 'Engaged shoppers', 'Small business owners', 'Technology early adopters',
    'Facebook page admins', 'Commuters', 'Returned from travels 1 week ago',
  ],
  life_events: [
    'Newly engaged (6 months)', 'Newlywed (1 year)', 'Recently moved', 'New job', 'Upcoming birthday', 'Away from family', 'Long-distance relationship',
    'Anniversary (within 30 days)',
  ],
  industries: [
    'Arts, entertainment, sports and media', 'Business and finance', 'Computation and mathematics', 'Education and libraries', 'Food and restaurants',
    'Healthcare and medical services', 'IT and technical services', 'Retail', 'Sales', 'Construction and extraction',
  ],
  income: ['Household income: top 5% of ZIP codes (US)', 'Household income: top 10% of ZIP codes (US)', 'Household income: top 10%-25% of ZIP codes (US)', 'Household income: top 25%-50% of ZIP codes (US)'],
  family_statuses: [
    'Parents (All)', 'Parents with toddlers (01-02 years)', 'Parents with preschoolers (03-05 years)', 'Parents with early school-age children (06-08 years)',
    'Parents with teenagers (13-17 years)', 'Parents with adult children (18-26 years)',
  ],
};
const CATEGORY_PATHS: Readonly<Record<string, string[]>> = {
  behaviors: ['Behaviors'],
  life_events: ['Demographics', 'Life events'],
  industries: ['Demographics', 'Work', 'Industries'],
  income: ['Demographics', 'Financial', 'Income'],
  family_statuses: ['Demographics', 'Parents'],
};

const FREE_TEXT: Readonly<Record<string, { names: readonly string[]; variants: (q: string) => string[] }>> = {
  adeducationschool: {
    names: ['Harvard University', 'Stanford University', 'University of Tokyo', 'Technical University of Munich', 'University of Oxford', 'Sorbonne University', 'University of Toronto', 'University of Sydney'],
    variants: (q) => [`${q} University`, `${q} College`],
  },
  adeducationmajor: {
    names: ['Computer Science', 'Business Administration', 'Economics', 'Graphic Design', 'Marketing', 'Nursing', 'Mechanical Engineering', 'Psychology'],
    variants: (q) => [q, `${q} Studies`],
  },
  adworkemployer: {
    names: ['Initech', 'Globex Corporation', 'Hooli', 'Vandelay Industries', 'Wonka Industries', 'Cyberdyne Systems', 'Wayne Enterprises', 'Umbrella Logistics'],
    variants: (q) => [q, `${q} Inc.`, `${q} Group`],
  },
  adworkposition: {
    names: ['Software Engineer', 'Marketing Manager', 'Store Manager', 'Registered Nurse', 'Teacher', 'Graphic Designer', 'Product Manager', 'Barista', 'Chef', 'Sales Associate'],
    variants: (q) => [q, `Senior ${q}`, `${q} Assistant`],
  },
};

function titleCase(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/(^|\s)(\p{L})/gu, (_match, space: string, letter: string) => space + letter.toUpperCase());
}

function interestRow(name: string, topic: string): SimRow {
  return { id: catalogId('adinterest', name), name, ...audience('adinterest', name), path: ['Interests', topic, name], topic };
}

function freeTextRow(type: string, name: string): SimRow {
  return { id: catalogId(type, name, '1'), name, coverage: audience(type, name).audience_size_lower_bound };
}

/** Every catalog entry by `GET /search` type (and class for `adTargetingCategory`). */
export function metaSandboxSearchCatalog(): Array<SearchKey & { rows: SimRow[] }> {
  return [
    { type: 'adgeolocation', rows: LOCATIONS },
    { type: 'adlocale', rows: LOCALES },
    { type: 'adinterest', rows: INTERESTS.map(([name, topic]) => interestRow(name, topic)) },
    ...Object.entries(CATEGORIES).map(([cls, names]) => ({
      type: 'adTargetingCategory',
      cls,
      rows: names.map((name) => ({
        id: catalogId(cls, name, '6002'),
        name,
        type: cls,
        path: [...CATEGORY_PATHS[cls], name],
        description: `People in the "${name}" group, as Meta estimates it.`,
        ...audience(cls, name),
      })),
    })),
    ...Object.entries(FREE_TEXT).map(([type, { names }]) => ({ type, rows: names.map((name) => freeTextRow(type, name)) })),
  ];
}

/** What a free-text search finds outside the catalog: a few entries named after the words, stable for the same words. */
export function metaSandboxSearchFallback(type: string, _cls: string | undefined, q: string): SimRow[] {
  const words = titleCase(q.trim()).slice(0, 80);
  if (words === '') return [];
  if (type === 'adinterest') return [interestRow(words, 'Hobbies and activities'), interestRow(`${words} (hobby)`, 'Hobbies and activities')];
  const freeText = FREE_TEXT[type];
  return freeText ? freeText.variants(words).map((name) => freeTextRow(type, name)) : [];
}
