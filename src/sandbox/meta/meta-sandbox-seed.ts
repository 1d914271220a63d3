import { SandboxRandom } from '../sandbox-random';
import { META_SCOPES } from '../../platforms/meta/meta-oauth.client';
import type { SimRow } from './meta-sim-fields';
import { dayNumber, SimInsightsModel } from './meta-sim-insights-model';
import type { SimMetaAccountObjects } from './meta-sim-objects';
import type { SimMetaPage } from './meta-sim-pages';
import type { SimMetaUser } from './simulated-meta-platform';
import {
  SANDBOX_AD_FORMATS,
  SANDBOX_ADSET_AUDIENCES,
  SANDBOX_BRANDS,
  SANDBOX_CAMPAIGNS,
  SANDBOX_FIRST_NAMES,
  SANDBOX_LAST_NAMES,
  SANDBOX_MARKETS,
  SandboxMarket,
} from './meta-sandbox-names';

/** One seeded ad account: its objects and the model its insights are computed from. */
export interface MetaSandboxAccount {
  accountId: string;
  objects: Required<Pick<SimMetaAccountObjects, 'campaigns' | 'adsets' | 'ads' | 'adcreatives' | 'pixels' | 'savedAudiences' | 'customAudiences'>>;
  /** Without `deliversOn`: the world adds it (it depends on the current day). */
  insights: SimInsightsModel;
  /** Per campaign (same order as the model's): the first and last day (day numbers) it delivered; `last` undefined = still delivering. */
  delivery: Array<{ first: number; last?: number }>;
}

export interface MetaSandboxSeed {
  user: SimMetaUser;
  pages: SimMetaPage[];
  leadForms: Record<string, SimRow[]>;
  accounts: MetaSandboxAccount[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Meta's time format (`2026-01-05T10:00:00+0000`). */
function graphTime(day: number, hour: number, minute: number): string {
  return new Date(day * DAY_MS + (hour * 60 + minute) * 60_000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A budget of about `major` US dollars a day, in the currency's minor units (yen have none). */
function budget(random: SandboxRandom, currency: string): string {
  const major = random.int(2, 15) * 10;
  return currency === 'JPY' ? String(major * 150) : String(major * 100);
}

/** Ids in Meta's 17-digit shape, unique within one tenant's world. */
class IdSequence {
  private next: bigint;

  constructor(random: SandboxRandom) {
    this.next = BigInt(`238${random.digits(5)}000000000`);
  }

  take(): string {
    this.next += BigInt(1 + (Number(this.next % 7n) % 3));
    return String(this.next);
  }
}

function seasonName(today: number): string {
  const month = new Date(today * DAY_MS).getUTCMonth();
  return ['Winter', 'Winter', 'Spring', 'Spring', 'Spring', 'Summer', 'Summer', 'Summer', 'Autumn', 'Autumn', 'Autumn', 'Holiday'][month];
}

/**
 * A tenant's Meta, derived from its id alone (plus the current day, for dates): one signed-in user with three ad
 * accounts (the last in yen), two pages with lead forms, and per account a pixel, audiences and 5–8 campaigns with
 * their ad sets, ads, creatives and a daily insights model. Pure.
 */
export function metaSandboxSeed(tenantId: string, now: Date): MetaSandboxSeed {
  const random = SandboxRandom.of('meta', tenantId);
  const today = dayNumber(now.toISOString().slice(0, 10));
  const ids = new IdSequence(random);
  const brand = random.pick(SANDBOX_BRANDS);
  const markets = SANDBOX_MARKETS.map((choices) => random.pick(choices));
  const site = `https://www.${slug(brand.name)}.example`;

  const pages: SimMetaPage[] = [
    { id: random.digits(15), name: brand.name, category: brand.category },
    { id: random.digits(15), name: `${brand.name} ${markets[2].label}`, category: brand.category },
  ];
  const leadForms: Record<string, SimRow[]> = {};
  for (const [index, page] of pages.entries()) {
    const names = index === 0 ? ['Newsletter signup', `Free ${brand.product} sample`] : ['お問い合わせ (Contact request)'];
    leadForms[page.id] = names.map((name, formIndex) => ({
      id: random.digits(16),
      name,
      status: 'ACTIVE',
      locale: index === 0 ? 'EN_US' : 'JA_JP',
      leads_count: random.int(12, 480),
      created_time: graphTime(today - random.int(30, 300), random.int(8, 18), random.int(0, 59)),
      questions: [
        { key: 'full_name', label: 'Full name', type: 'FULL_NAME' },
        { key: 'email', label: 'Email', type: 'EMAIL' },
        ...(formIndex === 1 ? [{ key: 'phone_number', label: 'Phone number', type: 'PHONE' }] : []),
      ],
      privacy_policy_url: `${site}/privacy`,
      page_id: page.id,
    }));
  }

  const accounts = markets.map((market, index) => seedAccount(random, ids, { brand, market, index, today, site, pageId: pages[index === 2 ? 1 : 0].id }));
  const user: SimMetaUser = {
    id: random.digits(16),
    name: `${random.pick(SANDBOX_FIRST_NAMES)} ${random.pick(SANDBOX_LAST_NAMES)}`,
    scopes: [...META_SCOPES],
    adAccounts: accounts.map(({ accountId }, index) => ({
      account_id: accountId,
      name: `${brand.name} – ${markets[index].label}`,
      currency: markets[index].currency,
      timezone_name: markets[index].timezone,
      account_status: 1,
    })),
  };
  return { user, pages, leadForms, accounts };
}

interface AccountContext {
  brand: (typeof SANDBOX_BRANDS)[number];
  market: SandboxMarket;
  index: number;
  today: number;
  site: string;
  pageId: string;
}

function seedAccount(random: SandboxRandom, ids: IdSequence, ctx: AccountContext): MetaSandboxAccount {
  const { brand, market, today, site, pageId } = ctx;
  const accountId = random.digits(15);
  const pixelId = random.digits(15);
  const campaigns: SimRow[] = [];
  const adsets: SimRow[] = [];
  const ads: SimRow[] = [];
  const adcreatives: SimRow[] = [];
  const model: SimInsightsModel = { campaigns: [], adsets: [], ads: [], seed: random.int(1, 2 ** 31 - 1) };
  const delivery: MetaSandboxAccount['delivery'] = [];
  const campaignList = model.campaigns as Array<{ id: string; name: string }>;

  const templates = random.sample(SANDBOX_CAMPAIGNS, random.int(5, 8));
  for (const [campaignIndex, template] of templates.entries()) {
    const id = ids.take();
    // Most campaigns predate the 90 days an import copies; a couple started within them.
    const first = today - (campaignIndex < 2 && random.int(0, 1) === 1 ? random.int(10, 60) : random.int(95, 420));
    const paused = campaignIndex > 0 && random.int(0, 4) === 0;
    const last = paused ? today - random.int(3, 40) : undefined;
    const status = paused ? 'PAUSED' : 'ACTIVE';
    const name = template.name === 'Seasonal Sale' ? `${seasonName(today)} Sale ${new Date(today * DAY_MS).getUTCFullYear()}` : template.name;
    const fullName = `${name} – ${market.label}`;
    const campaignBudget = random.int(0, 1) === 1;
    const created = graphTime(first - 1, random.int(8, 18), random.int(0, 59));
    campaigns.push({
      id,
      name: fullName,
      objective: template.objective,
      status,
      configured_status: status,
      effective_status: status,
      buying_type: 'AUCTION',
      bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
      special_ad_categories: [],
      ...(campaignBudget ? { daily_budget: budget(random, market.currency), budget_remaining: budget(random, market.currency) } : {}),
      start_time: created,
      created_time: created,
      updated_time: last === undefined ? graphTime(today - random.int(1, 20), random.int(8, 18), random.int(0, 59)) : graphTime(last, 17, 30),
    });
    campaignList.push({ id, name: fullName });
    delivery.push({ first, last });

    for (const audienceName of random.sample(SANDBOX_ADSET_AUDIENCES, random.int(1, 3))) {
      const adsetId = ids.take();
      const adsetName = audienceName.replace('{interest}', brand.interest);
      const adsetIndex = model.adsets!.length;
      const ageMin = audienceName.startsWith('Women') ? 25 : 18;
      adsets.push({
        id: adsetId,
        name: adsetName,
        campaign_id: id,
        status,
        configured_status: status,
        effective_status: status,
        billing_event: template.billingEvent,
        optimization_goal: template.optimizationGoal,
        ...(campaignBudget ? {} : { daily_budget: budget(random, market.currency), budget_remaining: budget(random, market.currency) }),
        targeting: {
          geo_locations: { countries: [market.country] },
          age_min: ageMin,
          age_max: audienceName.startsWith('Women') ? 44 : 65,
          ...(audienceName.startsWith('Women') ? { genders: [2] } : {}),
          targeting_automation: { advantage_audience: audienceName.startsWith('Advantage') ? 1 : 0 },
        },
        ...(template.objective === 'OUTCOME_SALES' ? { promoted_object: { pixel_id: pixelId, custom_event_type: 'PURCHASE' } } : {}),
        attribution_spec: [{ event_type: 'CLICK_THROUGH', window_days: 7 }, { event_type: 'VIEW_THROUGH', window_days: 1 }],
        start_time: created,
        created_time: created,
        updated_time: campaigns.at(-1)!.updated_time,
      });
      model.adsets!.push({ id: adsetId, name: adsetName, campaignIndex });

      for (const format of random.sample(SANDBOX_AD_FORMATS, random.int(1, 2))) {
        const adId = ids.take();
        const creativeId = ids.take();
        const title = `${brand.product[0].toUpperCase()}${brand.product.slice(1)} from ${brand.name}`;
        const body = template.objective === 'OUTCOME_LEADS' ? `Sign up and get 10% off your first order of ${brand.product}.` : `Discover our ${brand.product}. Free shipping over 50.`;
        const image = `https://static.sandbox.adlyft.invalid/creatives/${creativeId}.jpg`;
        adcreatives.push({
          id: creativeId,
          name: `${adsetName} – ${format}`,
          status: 'ACTIVE',
          title,
          body,
          image_url: image,
          thumbnail_url: image.replace('.jpg', '_thumb.jpg'),
          call_to_action_type: template.callToAction,
          object_type: format.startsWith('Video') ? 'VIDEO' : 'SHARE',
          url_tags: `utm_source=facebook&utm_medium=paid&utm_campaign=${slug(name)}`,
          effective_object_story_id: `${pageId}_${random.digits(16)}`,
          object_story_spec: { page_id: pageId, link_data: { link: site, message: body, name: title, picture: image, call_to_action: { type: template.callToAction, value: { link: site } } } },
        });
        ads.push({
          id: adId,
          name: format,
          campaign_id: id,
          adset_id: adsetId,
          creative: { id: creativeId },
          status,
          configured_status: status,
          effective_status: status,
          created_time: created,
          updated_time: campaigns.at(-1)!.updated_time,
        });
        model.ads!.push({ id: adId, name: format, adsetIndex });
      }
    }
  }

  const pixels: SimRow[] = [
    {
      id: pixelId,
      name: `${brand.name} Pixel${ctx.index === 0 ? '' : ` (${market.label})`}`,
      code: `<!-- Meta Pixel Code -->\n<script>fbq('init', '${pixelId}');fbq('track', 'PageView');</script>`,
      creation_time: graphTime(today - random.int(400, 900), 9, 12),
      last_fired_time: graphTime(today, 0, random.int(0, 59)),
      is_unavailable: false,
    },
  ];
  const unixDay = (day: number) => Math.floor((day * DAY_MS) / 1000) + random.int(28_800, 64_800);
  const size = () => {
    const lower = random.int(8, 900) * 1000;
    return { approximate_count_lower_bound: lower, approximate_count_upper_bound: Math.round(lower * 1.18) };
  };
  const customAudiences: SimRow[] = [
    {
      id: ids.take(),
      name: 'Website visitors – last 30 days',
      description: `Everyone who visited ${site}`,
      subtype: 'WEBSITE',
      retention_days: 30,
      pixel_id: pixelId,
      rule: JSON.stringify({ inclusions: { operator: 'or', rules: [{ event_sources: [{ id: pixelId, type: 'pixel' }], retention_seconds: 2_592_000 }] } }),
      ...size(),
      delivery_status: { code: 200, description: 'This audience is ready for use.' },
      operation_status: { code: 200, description: 'Normal' },
      time_created: unixDay(today - random.int(200, 600)),
      time_updated: unixDay(today - random.int(0, 3)),
    },
    {
      id: ids.take(),
      name: 'Customer list – Purchasers',
      description: 'Uploaded from the shop system',
      subtype: 'CUSTOM',
      customer_file_source: 'USER_PROVIDED_ONLY',
      ...size(),
      delivery_status: { code: 200, description: 'This audience is ready for use.' },
      operation_status: { code: 200, description: 'Normal' },
      time_created: unixDay(today - random.int(100, 500)),
      time_updated: unixDay(today - random.int(5, 60)),
    },
    {
      id: ids.take(),
      name: `Lookalike (${market.country}, 1%) – Purchasers`,
      description: 'Similar to the customer list',
      subtype: 'LOOKALIKE',
      lookalike_spec: JSON.stringify({ country: market.country, ratio: 0.01, type: 'similarity' }),
      ...size(),
      delivery_status: { code: 200, description: 'This audience is ready for use.' },
      operation_status: { code: 200, description: 'Normal' },
      time_created: unixDay(today - random.int(60, 300)),
      time_updated: unixDay(today - random.int(1, 30)),
    },
  ];
  const savedAudiences: SimRow[] = [
    {
      id: ids.take(),
      name: `Core – 25-54 in ${market.label}`,
      description: 'Broad core audience',
      account: { id: `act_${accountId}` },
      targeting: { geo_locations: { countries: [market.country] }, age_min: 25, age_max: 54 },
      ...size(),
      run_status: 'ACTIVE',
      time_created: graphTime(today - random.int(100, 400), 10, 0),
      time_updated: graphTime(today - random.int(1, 90), 10, 0),
    },
    {
      id: ids.take(),
      name: `${brand.interest} fans – ${market.label}`,
      description: `People interested in ${brand.interest.toLowerCase()}`,
      account: { id: `act_${accountId}` },
      targeting: { geo_locations: { countries: [market.country] }, age_min: 18, age_max: 65, flexible_spec: [{ interests: [{ name: brand.interest }] }] },
      ...size(),
      run_status: 'ACTIVE',
      time_created: graphTime(today - random.int(100, 400), 11, 0),
      time_updated: graphTime(today - random.int(1, 90), 11, 0),
    },
  ];
  return { accountId, objects: { campaigns, adsets, ads, adcreatives, pixels, savedAudiences, customAudiences }, insights: model, delivery };
}
