import {
  GOOGLE_SANDBOX_AGENCIES,
  GOOGLE_SANDBOX_BUSINESSES,
  GOOGLE_SANDBOX_FIRST_NAMES,
  GOOGLE_SANDBOX_LAST_NAMES,
  GoogleSandboxBusiness,
  UNITS_PER_USD,
  ZERO_DECIMAL_CURRENCIES,
} from './google-sandbox-catalog';
import type { SimGoogleAd, SimGoogleAdGroup, SimGoogleAsset, SimGoogleCampaign } from './google-sim-objects';
import { SeededRandom, seededRandom } from './google-sim-random';
import type { SimGoogleCustomer, SimGoogleMetricRow, SimGoogleUser } from './simulated-google-platform';

/** One seeded ad account: what it is, what it holds, and its account-level metrics (the sum of its campaigns'). */
export interface GoogleSandboxAccountSeed {
  customer: SimGoogleCustomer;
  campaigns: SimGoogleCampaign[];
  adGroups: SimGoogleAdGroup[];
  ads: SimGoogleAd[];
  assets: SimGoogleAsset[];
  accountMetrics: SimGoogleMetricRow[];
}

/** The simulated Google of one sandbox tenant on one day. */
export interface GoogleSandboxSeed {
  user: SimGoogleUser;
  manager: SimGoogleCustomer;
  /** The manager's clients first, then the account the user reaches directly. */
  accounts: GoogleSandboxAccountSeed[];
}

/** Days of metrics, today (partly spent) included. */
export const GOOGLE_SANDBOX_HISTORY_DAYS = 90;
/** How much of a normal day's traffic "today" already has. */
const TODAY_SHARE = 0.4;
const CLIENT_ACCOUNTS = 3;
const NO_END = undefined;

type Channel = 'SEARCH' | 'DISPLAY' | 'PERFORMANCE_MAX' | 'VIDEO' | 'SHOPPING';

/** Per channel: daily impressions, CTR, CPC in USD, conversion rate, where it shows. */
const CHANNELS: Record<Channel, { impressions: [number, number]; ctr: [number, number]; cpcUsd: [number, number]; convRate: [number, number]; networks: Record<string, number>; devices: Record<string, number> }> = {
  SEARCH: { impressions: [400, 3500], ctr: [0.035, 0.085], cpcUsd: [0.9, 3.8], convRate: [0.03, 0.09], networks: { SEARCH: 0.86, SEARCH_PARTNERS: 0.14 }, devices: { MOBILE: 0.58, DESKTOP: 0.35, TABLET: 0.07 } },
  SHOPPING: { impressions: [2500, 15000], ctr: [0.008, 0.02], cpcUsd: [0.35, 1.1], convRate: [0.015, 0.05], networks: { SEARCH: 0.9, SEARCH_PARTNERS: 0.1 }, devices: { MOBILE: 0.66, DESKTOP: 0.28, TABLET: 0.06 } },
  DISPLAY: { impressions: [12000, 70000], ctr: [0.003, 0.009], cpcUsd: [0.25, 1.1], convRate: [0.004, 0.02], networks: { CONTENT: 1 }, devices: { MOBILE: 0.7, DESKTOP: 0.22, TABLET: 0.08 } },
  VIDEO: { impressions: [8000, 45000], ctr: [0.002, 0.007], cpcUsd: [0.08, 0.3], convRate: [0.002, 0.01], networks: { YOUTUBE: 1 }, devices: { MOBILE: 0.6, CONNECTED_TV: 0.22, DESKTOP: 0.14, TABLET: 0.04 } },
  PERFORMANCE_MAX: { impressions: [6000, 35000], ctr: [0.01, 0.03], cpcUsd: [0.4, 1.6], convRate: [0.02, 0.06], networks: { MIXED: 1 }, devices: { MOBILE: 0.64, DESKTOP: 0.29, TABLET: 0.07 } },
};

const BIDDING: Record<Channel, readonly string[]> = {
  SEARCH: ['MANUAL_CPC', 'MAXIMIZE_CONVERSIONS', 'TARGET_CPA', 'TARGET_IMPRESSION_SHARE'],
  SHOPPING: ['TARGET_ROAS', 'MANUAL_CPC'],
  DISPLAY: ['MAXIMIZE_CONVERSIONS', 'TARGET_CPA'],
  VIDEO: ['TARGET_CPM', 'MAXIMIZE_CONVERSIONS'],
  PERFORMANCE_MAX: ['MAXIMIZE_CONVERSION_VALUE', 'MAXIMIZE_CONVERSIONS'],
};

/** Monday-first traffic shape of a week (Date.getUTCDay order: Sunday first). */
const WEEKDAY = [0.82, 1.05, 1.08, 1.06, 1.02, 0.97, 0.8];

const DAY_MS = 24 * 60 * 60 * 1000;
const dateAt = (today: string, offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const fits = (limit: number) => (text: string) => text.length <= limit;

/** Money of one account: micros rounded to the currency's smallest unit, amounts scaled from US dollars. */
class Money {
  readonly unitMicros: number;
  private readonly perUsd: number;
  constructor(readonly currencyCode: string) {
    this.unitMicros = ZERO_DECIMAL_CURRENCIES.has(currencyCode) ? 1_000_000 : 10_000;
    this.perUsd = UNITS_PER_USD[currencyCode] ?? 1;
  }
  /** `usd` in this currency, in its smallest units (cents, yen). */
  minorUnits(usd: number): number {
    return Math.max(1, Math.round((usd * this.perUsd * 1_000_000) / this.unitMicros));
  }
  /** A round amount (budgets, bids): 2 significant digits in the smallest units, as micros. */
  roundMicros(usd: number): number {
    const units = this.minorUnits(usd);
    const step = 10 ** Math.max(0, String(units).length - 2);
    return Math.max(step, Math.round(units / step) * step) * this.unitMicros;
  }
  /** A conversion value in currency units, to the currency's precision. */
  value(usd: number): number {
    const units = usd * this.perUsd;
    return this.unitMicros === 1_000_000 ? Math.round(units) : Math.round(units * 100) / 100;
  }
}

class Ids {
  private readonly used = new Set<string>();
  constructor(private readonly random: SeededRandom) {}
  next(length: number): string {
    for (;;) {
      const id = this.random.digits(length);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/** Sums metric rows per (date, device, network): what a higher level of the account reports. */
class MetricTotals {
  private readonly rows = new Map<number | string, SimGoogleMetricRow>();
  /** `key` stands for the row's (date, device, network). */
  add(key: number | string, row: SimGoogleMetricRow): void {
    const total = this.rows.get(key);
    if (!total) {
      this.rows.set(key, { ...row });
      return;
    }
    total.impressions += row.impressions;
    total.clicks += row.clicks;
    total.costMicros += row.costMicros;
    total.conversions = (total.conversions ?? 0) + (row.conversions ?? 0);
    total.conversionsValue = (total.conversionsValue ?? 0) + (row.conversionsValue ?? 0);
  }
  list(): SimGoogleMetricRow[] {
    return [...this.rows.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}

interface CampaignPlan {
  channel: Channel;
  name: string;
  status: 'ENABLED' | 'PAUSED' | 'REMOVED';
  /** Day offsets from today: first and last day with traffic. */
  firstDay: number;
  lastDay: number;
  /** When the campaign started (may be long before the metrics window). */
  startOffset: number;
  endOffset?: number;
  themes: string[];
}

function campaignPlans(business: GoogleSandboxBusiness, random: SeededRandom): CampaignPlan[] {
  const themes = random.sample(business.themes, business.themes.length);
  const old = () => -random.int(120, 700);
  const plans: CampaignPlan[] = [
    { channel: 'SEARCH', name: `${business.brand} | Search | Brand`, status: 'ENABLED', firstDay: -89, lastDay: 0, startOffset: old(), themes: [business.brand] },
    { channel: 'SEARCH', name: `${business.brand} | Search | ${themes[0]}`, status: 'ENABLED', firstDay: -89, lastDay: 0, startOffset: old(), themes: [themes[0]] },
  ];
  const pausedOn = -random.int(6, 40);
  plans.push({ channel: 'SEARCH', name: `${business.brand} | Search | ${themes[1]}`, status: 'PAUSED', firstDay: -89, lastDay: pausedOn, startOffset: old(), themes: [themes[1]] });
  plans.push({ channel: 'PERFORMANCE_MAX', name: `${business.brand} | PMax | All Products`, status: 'ENABLED', firstDay: -89, lastDay: 0, startOffset: old(), themes: [] });
  plans.push({ channel: 'DISPLAY', name: `${business.brand} | Display | Remarketing`, status: random.chance(0.8) ? 'ENABLED' : 'PAUSED', firstDay: -89, lastDay: 0, startOffset: old(), themes: ['Remarketing'] });
  if (random.chance(0.6)) {
    const start = -random.int(20, 45);
    plans.push({ channel: 'VIDEO', name: `${business.brand} | YouTube | Awareness`, status: 'ENABLED', firstDay: start, lastDay: 0, startOffset: start, themes: ['Awareness'] });
  }
  if (random.chance(0.5)) plans.push({ channel: 'SHOPPING', name: `${business.brand} | Shopping | Bestsellers`, status: 'ENABLED', firstDay: -89, lastDay: 0, startOffset: old(), themes: ['All Products'] });
  if (random.chance(0.6)) {
    const start = -random.int(70, 85);
    const end = start + random.int(10, 20);
    plans.push({ channel: 'SEARCH', name: `${business.brand} | Search | Seasonal Promo`, status: 'REMOVED', firstDay: start, lastDay: end, startOffset: start, endOffset: end, themes: [themes[2] ?? themes[0]] });
  }
  if (themes[2] && random.chance(0.5)) {
    plans.push({ channel: 'SEARCH', name: `${business.brand} | Search | ${themes[2]}`, status: 'ENABLED', firstDay: -89, lastDay: 0, startOffset: old(), themes: [themes[2]] });
  }
  // Plans with the last day in the past stopped then: the pause or removal is their last change.
  for (const plan of plans) if (plan.status === 'PAUSED' && plan.lastDay === 0) plan.lastDay = -random.int(3, 25);
  return plans;
}

function headlines(business: GoogleSandboxBusiness, theme: string, random: SeededRandom): string[] {
  const all = [
    `${theme}`,
    theme === business.brand ? business.name : `${business.brand} ${theme}`,
    `Shop ${theme} Online`,
    `${business.brand} Official Site`,
    `Top-Rated ${theme}`,
    `New ${theme} In Stock`,
    'Free Delivery Over 50',
    'Order Today, Ships Fast',
    'Easy 30-Day Returns',
    `Compare ${theme}`,
    'Trusted by 10,000+ Customers',
    `${theme} Sale On Now`,
  ].filter(fits(30));
  return random.sample([...new Set(all)], random.int(6, 10));
}

function descriptions(business: GoogleSandboxBusiness, theme: string, random: SeededRandom): string[] {
  const lower = (theme === business.brand ? business.themes.slice(0, 2).join(' and ') : theme).toLowerCase();
  const all = [
    `Discover our range of ${lower}. Fast delivery and easy returns on every order.`,
    `${business.name}: quality ${lower} chosen by experts. Order online today.`,
    `Looking for ${lower}? Compare styles, read reviews and find the right fit.`,
    `Rated 4.8/5 by our customers. Friendly support, secure checkout.`,
    `${business.brand}: fast delivery, easy returns and a team that is happy to help.`,
  ].filter(fits(90));
  return random.sample(all, random.int(2, Math.min(4, all.length)));
}

const YOUTUBE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function accountSeed(customer: SimGoogleCustomer, business: GoogleSandboxBusiness, today: string, random: SeededRandom): GoogleSandboxAccountSeed {
  const ids = new Ids(random.fork('ids'));
  const money = new Money(customer.currencyCode);
  const site = `https://www.${business.domain}`;
  const campaigns: SimGoogleCampaign[] = [];
  const adGroups: SimGoogleAdGroup[] = [];
  const ads: SimGoogleAd[] = [];
  const account = new MetricTotals();
  const totals = new Map<SimGoogleAdGroup, MetricTotals>();
  const plans = campaignPlans(business, random.fork('plans'));
  const stamp = (offset: number) => `${dateAt(today, offset)}T${String(9 + (Math.abs(offset) % 8)).padStart(2, '0')}:${String(Math.abs(offset * 7) % 60).padStart(2, '0')}:00.000Z`;

  for (const plan of plans) {
    const shape = CHANNELS[plan.channel];
    const traits = random.fork(`campaign-traits/${plan.name}`);
    const campaignId = ids.next(11);
    const dailyImpressions = traits.between(...shape.impressions);
    const ctr = traits.between(...shape.ctr);
    const cpcMinor = money.minorUnits(traits.between(...shape.cpcUsd));
    const convRate = traits.between(...shape.convRate);
    const orderValueUsd = traits.between(35, 160);
    const budgetUsd = (dailyImpressions * ctr * (cpcMinor / money.minorUnits(1))) * traits.between(1.1, 1.6);
    const lastChange = plan.status === 'ENABLED' ? plan.startOffset : plan.lastDay + 1;
    campaigns.push({
      id: campaignId,
      name: plan.name,
      status: plan.status,
      advertisingChannelType: plan.channel,
      biddingStrategyType: traits.pick(BIDDING[plan.channel]),
      budgetMicros: money.roundMicros(Math.max(5, budgetUsd)),
      startDateTime: `${dateAt(today, plan.startOffset)} 00:00:00`,
      endDateTime: plan.endOffset === undefined ? NO_END : `${dateAt(today, plan.endOffset)} 23:59:59`,
      metrics: [],
      changedAt: stamp(Math.max(lastChange, -400)),
    });

    // Units that carry traffic: the ads, or the campaign itself for Performance Max (no ad groups).
    const units: Array<{ weight: number; rows: SimGoogleMetricRow[]; parents: MetricTotals[] }> = [];
    const campaignTotals = new MetricTotals();
    if (plan.channel === 'PERFORMANCE_MAX') {
      units.push({ weight: 1, rows: [], parents: [campaignTotals] });
    } else {
      const groupNames = adGroupNames(plan, random.fork(`groups/${plan.name}`));
      for (const groupName of groupNames) {
        const adGroupId = ids.next(12);
        const groupTraits = random.fork(`group-traits/${plan.name}/${groupName}`);
        const groupTotals = new MetricTotals();
        const manual = plan.channel === 'SEARCH' || plan.channel === 'SHOPPING';
        adGroups.push({
          id: adGroupId,
          campaignId,
          name: groupName,
          status: groupTraits.chance(0.12) ? 'PAUSED' : 'ENABLED',
          type: { SEARCH: 'SEARCH_STANDARD', SHOPPING: 'SHOPPING_PRODUCT_ADS', DISPLAY: 'DISPLAY_STANDARD', VIDEO: 'VIDEO_RESPONSIVE', PERFORMANCE_MAX: 'UNKNOWN' }[plan.channel],
          cpcBidMicros: manual ? money.roundMicros((cpcMinor / money.minorUnits(1)) * groupTraits.between(1.0, 1.5)) : undefined,
          changedAt: stamp(Math.max(plan.startOffset, -400)),
        });
        const adGroup = adGroups[adGroups.length - 1];
        const groupWeight = adGroup.status === 'PAUSED' ? 0 : groupTraits.between(0.5, 1.5);
        const adCount = plan.channel === 'SHOPPING' ? 1 : groupTraits.int(1, 3);
        for (let n = 0; n < adCount; n++) {
          const adTraits = random.fork(`ad-traits/${plan.name}/${groupName}/${n}`);
          const ad = adOf(plan, business, groupName, n, site, ids.next(12), adGroupId, adTraits);
          ad.changedAt = stamp(Math.max(plan.startOffset, -400));
          ads.push(ad);
          const adRows: SimGoogleMetricRow[] = [];
          units.push({ weight: ad.status === 'PAUSED' ? 0 : groupWeight * adTraits.between(0.4, 1.6), rows: adRows, parents: [groupTotals, campaignTotals] });
          ad.metrics = adRows;
        }
        totals.set(adGroup, groupTotals);
      }
    }

    const totalWeight = units.reduce((sum, unit) => sum + unit.weight, 0) || 1;
    const segments = Object.entries(shape.devices).flatMap(([device, deviceShare]) =>
      Object.entries(shape.networks).map(([network, networkShare]) => ({ device, network, share: deviceShare * networkShare })),
    );
    for (let offset = Math.max(plan.firstDay, 1 - GOOGLE_SANDBOX_HISTORY_DAYS); offset <= Math.min(plan.lastDay, 0); offset++) {
      const date = dateAt(today, offset);
      // One stream per campaign and day: a day's numbers do not depend on which day the world was made.
      const day = random.fork(`day/${campaignId}/${date}`);
      const dayFactor = WEEKDAY[new Date(`${date}T00:00:00Z`).getUTCDay()] * day.between(0.8, 1.2) * (offset === 0 ? TODAY_SHARE : 1);
      for (const unit of units) {
        for (const [index, segment] of segments.entries()) {
          const impressions = Math.round(dailyImpressions * dayFactor * (unit.weight / totalWeight) * segment.share * day.between(0.85, 1.15));
          if (impressions === 0) continue;
          const clicks = Math.min(impressions, Math.round(impressions * ctr * day.between(0.7, 1.3)));
          const costMicros = Math.round(clicks * cpcMinor * day.between(0.8, 1.2)) * money.unitMicros;
          const conversions = Math.round(clicks * convRate * day.between(0.5, 1.5));
          const conversionsValue = conversions === 0 ? 0 : money.value(conversions * orderValueUsd * day.between(0.7, 1.3));
          const row: SimGoogleMetricRow = { date, device: segment.device, adNetworkType: segment.network, impressions, clicks, costMicros, conversions, conversionsValue };
          unit.rows.push(row);
          for (const parent of unit.parents) parent.add(offset * segments.length - index, row);
        }
      }
    }
    const campaignRows = campaignTotals.list();
    campaigns[campaigns.length - 1].metrics = campaignRows;
    for (const row of campaignRows) account.add(`${row.date}|${row.device}|${row.adNetworkType}`, row);
  }
  for (const [entity, rows] of totals) entity.metrics = rows.list();

  return { customer, campaigns, adGroups, ads, assets: assetsOf(business, site, campaigns, adGroups, ids, random.fork('assets')), accountMetrics: account.list() };
}

function adGroupNames(plan: CampaignPlan, random: SeededRandom): string[] {
  switch (plan.channel) {
    case 'SEARCH':
      if (plan.name.endsWith('| Brand')) return ['Brand - Exact', 'Brand - Phrase'];
      return random.sample([`${plan.themes[0]} - Exact`, `${plan.themes[0]} - Phrase`, `${plan.themes[0]} - Broad`], random.int(2, 3));
    case 'DISPLAY':
      return ['Remarketing - All Visitors', 'Remarketing - Cart Abandoners'];
    case 'VIDEO':
      return random.sample(['In-Market Audiences', 'Custom Segments', 'Lookalike Viewers'], 2);
    case 'SHOPPING':
      return ['All Products'];
    default:
      return [];
  }
}

function adOf(plan: CampaignPlan, business: GoogleSandboxBusiness, groupName: string, n: number, site: string, id: string, adGroupId: string, random: SeededRandom): SimGoogleAd {
  const theme = plan.themes[0] ?? business.brand;
  const status = n > 0 && random.chance(0.15) ? 'PAUSED' : 'ENABLED';
  const landing = theme === business.brand ? `${site}/` : `${site}/${slug(theme)}`;
  switch (plan.channel) {
    case 'SEARCH':
      return { id, adGroupId, status, type: 'RESPONSIVE_SEARCH_AD', finalUrls: [landing], headlines: headlines(business, theme, random), descriptions: descriptions(business, theme, random) };
    case 'DISPLAY':
      return { id, adGroupId, status, type: 'RESPONSIVE_DISPLAY_AD', name: `${business.brand} - ${groupName} - Banner ${n + 1}`, finalUrls: [site] };
    case 'VIDEO':
      return { id, adGroupId, status, type: 'VIDEO_RESPONSIVE_AD', name: `${business.brand} - ${random.pick(['15s Bumper', '30s Story', '6s Teaser'])} ${n + 1}`, finalUrls: [site] };
    default:
      return { id, adGroupId, status, type: 'SHOPPING_PRODUCT_AD' };
  }
}

function assetsOf(business: GoogleSandboxBusiness, site: string, campaigns: SimGoogleCampaign[], adGroups: SimGoogleAdGroup[], ids: Ids, random: SeededRandom): SimGoogleAsset[] {
  const search = campaigns.filter((campaign) => campaign.advertisingChannelType === 'SEARCH');
  const firstSearchGroup = adGroups.find((adGroup) => search.some((campaign) => campaign.id === adGroup.campaignId));
  const videoGroup = adGroups.find((adGroup) => campaigns.find((campaign) => campaign.id === adGroup.campaignId)?.advertisingChannelType === 'VIDEO');
  const sitelinks = [
    ['Best Sellers', 'best-sellers'],
    ['Free Delivery', 'delivery'],
    ['Contact Us', 'contact'],
    ['Gift Cards', 'gift-cards'],
    ['About Us', 'about'],
  ] as const;
  const assets: SimGoogleAsset[] = random.sample(sitelinks, 4).map(([name, path], index) => ({
    id: ids.next(11),
    name,
    type: 'SITELINK',
    finalUrls: [`${site}/${path}`],
    campaigns: search.map((campaign) => ({ campaignId: campaign.id, fieldType: 'SITELINK', status: index === 3 && campaign === search[0] ? 'REMOVED' : 'ENABLED' })),
    adGroups: index === 0 && firstSearchGroup ? [{ adGroupId: firstSearchGroup.id, fieldType: 'SITELINK' }] : [],
  }));
  for (const text of random.sample(['Free Shipping Over 50', '24/7 Customer Support', 'Price Match Promise', 'Family Owned Since 1998'], 2)) {
    assets.push({ id: ids.next(11), name: text, type: 'CALLOUT', campaigns: search.map((campaign) => ({ campaignId: campaign.id, fieldType: 'CALLOUT' })) });
  }
  for (const text of [`${business.brand} Official Store`, `Shop ${business.themes[0]}`, `${business.name} - Since 1998`].filter(fits(30))) {
    assets.push({ id: ids.next(11), type: 'TEXT', text });
  }
  assets.push({
    id: ids.next(11),
    name: `${slug(business.brand)}-logo-1200x1200.png`,
    type: 'IMAGE',
    imageUrl: `https://tpc.googlesyndication.com/simgad/${random.digits(19)}`,
    campaigns: search.slice(0, 2).map((campaign) => ({ campaignId: campaign.id, fieldType: 'BUSINESS_LOGO' })),
  });
  assets.push({
    id: ids.next(11),
    name: `${slug(business.brand)}-hero-1200x628.jpg`,
    type: 'IMAGE',
    imageUrl: `https://tpc.googlesyndication.com/simgad/${random.digits(19)}`,
    campaigns: search.slice(0, 1).map((campaign) => ({ campaignId: campaign.id, fieldType: 'AD_IMAGE' })),
  });
  if (videoGroup) {
    assets.push({
      id: ids.next(11),
      name: `${business.brand} brand film`,
      type: 'YOUTUBE_VIDEO',
      youtubeVideoId: Array.from({ length: 11 }, () => random.pick([...YOUTUBE_ALPHABET])).join(''),
      youtubeVideoTitle: `${business.name} | Brand Film 2026`,
      adGroups: [{ adGroupId: videoGroup.id, fieldType: 'YOUTUBE_VIDEO' }],
    });
  }
  return assets;
}

/**
 * The simulated Google of a sandbox tenant: one signed-in user with a manager account of an agency, three client
 * accounts under it and one account of their own, in several currencies (always one without minor units). The same
 * tenant id and day give the same data; the metrics cover the last 90 days, today partly.
 */
export function googleSandboxSeed(tenantId: string, today: string): GoogleSandboxSeed {
  const random = seededRandom(`google-sandbox/${tenantId}`);
  const people = random.fork('user');
  const agency = random.fork('agency').pick(GOOGLE_SANDBOX_AGENCIES);
  const first = people.pick(GOOGLE_SANDBOX_FIRST_NAMES);
  const last = people.pick(GOOGLE_SANDBOX_LAST_NAMES);
  const customerIds = new Ids(random.fork('customer-ids'));

  const pick = random.fork('businesses');
  const zeroDecimal = pick.pick(GOOGLE_SANDBOX_BUSINESSES.filter((business) => ZERO_DECIMAL_CURRENCIES.has(business.currencyCode)));
  const others = pick.sample(
    GOOGLE_SANDBOX_BUSINESSES.filter((business) => !ZERO_DECIMAL_CURRENCIES.has(business.currencyCode)),
    CLIENT_ACCOUNTS,
  );
  const businesses = pick.sample([zeroDecimal, ...others], CLIENT_ACCOUNTS + 1);

  const manager: SimGoogleCustomer = {
    id: customerIds.next(10),
    descriptiveName: `${agency.name} (MCC)`,
    currencyCode: agency.currencyCode,
    timeZone: agency.timeZone,
    manager: true,
  };
  const accounts = businesses.map((business, index) => {
    const customer: SimGoogleCustomer = {
      id: customerIds.next(10),
      descriptiveName: business.name,
      currencyCode: business.currencyCode,
      timeZone: business.timeZone,
      ...(index < CLIENT_ACCOUNTS ? { managerId: manager.id } : {}),
    };
    return accountSeed(customer, business, today, random.fork(`account/${index}`));
  });
  const direct = accounts[CLIENT_ACCOUNTS].customer;
  return {
    user: {
      sub: `1${people.digits(20)}`,
      email: `${first}.${last}@${agency.domain}`.toLowerCase(),
      customers: [manager.id, direct.id],
    },
    manager,
    accounts,
  };
}
