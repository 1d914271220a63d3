/** A made-up advertiser the sandbox can seed an account for. */
export interface GoogleSandboxBusiness {
  name: string;
  /** Short brand for headlines (at most 12 characters). */
  brand: string;
  currencyCode: string;
  timeZone: string;
  domain: string;
  /** Product lines: each becomes a search campaign theme, an ad group, a landing page. */
  themes: readonly string[];
}

/** Micros in one unit of the currency's smallest denomination: 1 for yen and won, 1/100 for the others. */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['JPY', 'KRW']);

/** Roughly how many units of the currency one US dollar buys: keeps bids and budgets plausible in every currency. */
export const UNITS_PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.37,
  AUD: 1.52,
  CHF: 0.88,
  JPY: 150,
  KRW: 1380,
};

export const GOOGLE_SANDBOX_BUSINESSES: readonly GoogleSandboxBusiness[] = [
  {
    name: 'Alpine Trail Outfitters',
    brand: 'Alpine Trail',
    currencyCode: 'USD',
    timeZone: 'America/Denver',
    domain: 'alpinetrail-outfitters.example',
    themes: ['Hiking Boots', 'Rain Jackets', 'Trail Backpacks', 'Camping Tents'],
  },
  {
    name: 'Kirschbaum Möbelhaus GmbH',
    brand: 'Kirschbaum',
    currencyCode: 'EUR',
    timeZone: 'Europe/Berlin',
    domain: 'kirschbaum-moebel.example',
    themes: ['Oak Dining Tables', 'Corner Sofas', 'Box Spring Beds', 'Office Chairs'],
  },
  {
    name: 'Sakura Tea House',
    brand: 'Sakura Tea',
    currencyCode: 'JPY',
    timeZone: 'Asia/Tokyo',
    domain: 'sakura-teahouse.example',
    themes: ['Ceremonial Matcha', 'Sencha Green Tea', 'Tea Gift Sets', 'Cast Iron Teapots'],
  },
  {
    name: 'Seoul Glow Skincare',
    brand: 'Seoul Glow',
    currencyCode: 'KRW',
    timeZone: 'Asia/Seoul',
    domain: 'seoulglow-skin.example',
    themes: ['Sheet Masks', 'Vitamin C Serum', 'Sunscreen SPF 50', 'Cleansing Oil'],
  },
  {
    name: 'Harbour & Pine Bakery',
    brand: 'Harbour&Pine',
    currencyCode: 'GBP',
    timeZone: 'Europe/London',
    domain: 'harbourandpine.example',
    themes: ['Sourdough Delivery', 'Celebration Cakes', 'Bakery Gift Boxes'],
  },
  {
    name: 'Maple Ridge Home Services',
    brand: 'Maple Ridge',
    currencyCode: 'CAD',
    timeZone: 'America/Toronto',
    domain: 'mapleridge-home.example',
    themes: ['Furnace Repair', 'Heat Pump Install', 'Plumbing Service', 'Water Heaters'],
  },
  {
    name: 'Southern Cross Surf Co.',
    brand: 'SouthernX',
    currencyCode: 'AUD',
    timeZone: 'Australia/Sydney',
    domain: 'southerncross-surf.example',
    themes: ['Surfboards', 'Wetsuits', 'Surf Lessons', 'Board Shorts'],
  },
  {
    name: 'Lumière Atelier Genève',
    brand: 'Lumière',
    currencyCode: 'CHF',
    timeZone: 'Europe/Zurich',
    domain: 'lumiere-atelier.example',
    themes: ['Swiss Watches', 'Leather Straps', 'Watch Repair'],
  },
  {
    name: 'Brightside Dental Studio',
    brand: 'Brightside',
    currencyCode: 'USD',
    timeZone: 'America/Los_Angeles',
    domain: 'brightside-dental.example',
    themes: ['Teeth Whitening', 'Invisible Aligners', 'Emergency Dentist'],
  },
];

/** Agencies that hold the sandbox user's manager (MCC) account. */
export const GOOGLE_SANDBOX_AGENCIES: readonly { name: string; domain: string; currencyCode: string; timeZone: string }[] = [
  { name: 'Northwind Digital', domain: 'northwind-digital.example', currencyCode: 'USD', timeZone: 'America/New_York' },
  { name: 'Bluefin Performance Marketing', domain: 'bluefin-pm.example', currencyCode: 'EUR', timeZone: 'Europe/Amsterdam' },
  { name: 'Copperleaf Media', domain: 'copperleaf.example', currencyCode: 'GBP', timeZone: 'Europe/London' },
  { name: 'Tidewater Growth Partners', domain: 'tidewater-growth.example', currencyCode: 'USD', timeZone: 'America/Chicago' },
];

export const GOOGLE_SANDBOX_FIRST_NAMES: readonly string[] = ['Alex', 'Priya', 'Jonas', 'Mei', 'Carlos', 'Hannah', 'Tomasz', 'Aiko', 'Samir', 'Lena'];
export const GOOGLE_SANDBOX_LAST_NAMES: readonly string[] = ['Morgan', 'Patel', 'Becker', 'Chen', 'Alvarez', 'Okafor', 'Nowak', 'Tanaka', 'Haddad', 'Lindqvist'];
