/** Fictional businesses, people and ad copy for the sandbox's seeded Meta data (any likeness is accidental). */

export interface SandboxBrand {
  name: string;
  /** Facebook page category. */
  category: string;
  /** What it sells, for ad copy and interests. */
  product: string;
  interest: string;
}

export const SANDBOX_BRANDS: readonly SandboxBrand[] = [
  { name: 'Northwind Coffee Roasters', category: 'Coffee Shop', product: 'single-origin coffee', interest: 'Coffee' },
  { name: 'Bluebird Yoga Studio', category: 'Yoga Studio', product: 'yoga classes', interest: 'Yoga' },
  { name: 'Harbor & Pine Outfitters', category: 'Outdoor & Sporting Goods Company', product: 'hiking gear', interest: 'Hiking' },
  { name: 'Luma Skincare', category: 'Health/Beauty', product: 'clean skincare', interest: 'Skin care' },
  { name: 'Copperleaf Bakery', category: 'Bakery', product: 'sourdough bread', interest: 'Baking' },
  { name: 'Atlas Bike Works', category: 'Bicycle Shop', product: 'city bikes', interest: 'Cycling' },
  { name: 'Meadowlark Home Goods', category: 'Home Decor', product: 'linen bedding', interest: 'Interior design' },
  { name: 'Tidewater Pet Supply', category: 'Pet Supplies', product: 'natural dog food', interest: 'Dogs' },
  { name: 'Foxglove Florals', category: 'Florist', product: 'seasonal bouquets', interest: 'Flowers' },
  { name: 'Ironclad Fitness', category: 'Gym/Physical Fitness Center', product: 'gym memberships', interest: 'Physical fitness' },
  { name: 'Saltwater Surf Co.', category: 'Sporting Goods Store', product: 'surfboards', interest: 'Surfing' },
  { name: 'Kinfolk Kitchenware', category: 'Kitchen/Cooking', product: 'cast-iron cookware', interest: 'Cooking' },
  { name: 'Paper Crane Stationery', category: 'Stationery Store', product: 'notebooks', interest: 'Stationery' },
  { name: 'Brightside Language School', category: 'Language School', product: 'language courses', interest: 'Language learning' },
  { name: 'Juniper Tea House', category: 'Tea Room', product: 'loose-leaf tea', interest: 'Tea' },
  { name: 'Orbit Board Games', category: 'Toy Store', product: 'board games', interest: 'Board games' },
];

export const SANDBOX_FIRST_NAMES: readonly string[] = [
  'Maya', 'Jonas', 'Priya', 'Lucas', 'Amara', 'Kenji', 'Sofia', 'Daniel', 'Leila', 'Mateo', 'Hannah', 'Tomás', 'Aiko', 'Noah', 'Ines', 'Samuel',
];

export const SANDBOX_LAST_NAMES: readonly string[] = [
  'Lindqvist', 'Okafor', 'Brennan', 'Tanaka', 'Moreau', 'Alvarez', 'Novak', 'Haddad', 'Fischer', 'Costa', 'Nakamura', 'Rossi', 'Walsh', 'Sato',
];

export interface SandboxMarket {
  label: string;
  currency: string;
  timezone: string;
  country: string;
  locale: string;
}

/** The three accounts' markets: one from each list; the last is always in yen (no minor units). */
export const SANDBOX_MARKETS: readonly (readonly SandboxMarket[])[] = [
  [
    { label: 'US', currency: 'USD', timezone: 'America/Los_Angeles', country: 'US', locale: 'EN_US' },
    { label: 'US East', currency: 'USD', timezone: 'America/New_York', country: 'US', locale: 'EN_US' },
    { label: 'Canada', currency: 'CAD', timezone: 'America/Toronto', country: 'CA', locale: 'EN_US' },
    { label: 'Australia', currency: 'AUD', timezone: 'Australia/Sydney', country: 'AU', locale: 'EN_GB' },
  ],
  [
    { label: 'Germany', currency: 'EUR', timezone: 'Europe/Berlin', country: 'DE', locale: 'DE_DE' },
    { label: 'France', currency: 'EUR', timezone: 'Europe/Paris', country: 'FR', locale: 'FR_FR' },
    { label: 'UK', currency: 'GBP', timezone: 'Europe/London', country: 'GB', locale: 'EN_GB' },
  ],
  [{ label: 'Japan', currency: 'JPY', timezone: 'Asia/Tokyo', country: 'JP', locale: 'JA_JP' }],
];

export interface SandboxCampaignTemplate {
  name: string;
  objective: string;
  optimizationGoal: string;
  billingEvent: string;
  callToAction: string;
}

export const SANDBOX_CAMPAIGNS: readonly SandboxCampaignTemplate[] = [
  { name: 'Always-on Prospecting', objective: 'OUTCOME_SALES', optimizationGoal: 'OFFSITE_CONVERSIONS', billingEvent: 'IMPRESSIONS', callToAction: 'SHOP_NOW' },
  { name: 'Retargeting – Site Visitors 30d', objective: 'OUTCOME_SALES', optimizationGoal: 'OFFSITE_CONVERSIONS', billingEvent: 'IMPRESSIONS', callToAction: 'SHOP_NOW' },
  { name: 'Seasonal Sale', objective: 'OUTCOME_SALES', optimizationGoal: 'OFFSITE_CONVERSIONS', billingEvent: 'IMPRESSIONS', callToAction: 'SHOP_NOW' },
  { name: 'Brand Awareness – Video', objective: 'OUTCOME_AWARENESS', optimizationGoal: 'REACH', billingEvent: 'IMPRESSIONS', callToAction: 'LEARN_MORE' },
  { name: 'Lead Gen – Newsletter Signup', objective: 'OUTCOME_LEADS', optimizationGoal: 'LEAD_GENERATION', billingEvent: 'IMPRESSIONS', callToAction: 'SIGN_UP' },
  { name: 'Traffic – Blog Content', objective: 'OUTCOME_TRAFFIC', optimizationGoal: 'LINK_CLICKS', billingEvent: 'IMPRESSIONS', callToAction: 'LEARN_MORE' },
  { name: 'Engagement – Page Posts', objective: 'OUTCOME_ENGAGEMENT', optimizationGoal: 'POST_ENGAGEMENT', billingEvent: 'IMPRESSIONS', callToAction: 'LEARN_MORE' },
  { name: 'Catalog – Best Sellers', objective: 'OUTCOME_SALES', optimizationGoal: 'OFFSITE_CONVERSIONS', billingEvent: 'IMPRESSIONS', callToAction: 'SHOP_NOW' },
  { name: 'Lookalike 1% – Purchasers', objective: 'OUTCOME_SALES', optimizationGoal: 'OFFSITE_CONVERSIONS', billingEvent: 'IMPRESSIONS', callToAction: 'SHOP_NOW' },
  { name: 'Local Awareness – Store Visits', objective: 'OUTCOME_AWARENESS', optimizationGoal: 'REACH', billingEvent: 'IMPRESSIONS', callToAction: 'GET_DIRECTIONS' },
];

export const SANDBOX_ADSET_AUDIENCES: readonly string[] = [
  'Broad – 25-54',
  'Advantage+ audience',
  'Interests – {interest}',
  'Lookalike 1% – Purchasers',
  'Retargeting – 30d visitors',
  'Women 25-44 – {interest}',
];

export const SANDBOX_AD_FORMATS: readonly string[] = [
  'Single image – Offer',
  'Carousel – Best sellers',
  'Video 15s – Brand story',
  'UGC testimonial',
  'Collection – New arrivals',
];
