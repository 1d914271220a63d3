/**
 * Deterministic insights of a fake ad account, computed on demand (nothing is stored, so 2,000 campaigns x 90 days x
 * breakdowns cost no memory): daily numbers per campaign and day, split over each breakdown's values so that the
 * values of a breakdown add up exactly to the day's totals.
 */

export interface SimInsightsCampaign {
  id: string;
  name: string;
}

/** An ad set of the model, under the campaign at `campaignIndex`. */
export interface SimInsightsAdSet {
  id: string;
  name: string;
  campaignIndex: number;
}

/** An ad of the model, under the ad set at `adsetIndex`. */
export interface SimInsightsAd {
  id: string;
  name: string;
  adsetIndex: number;
}

export interface SimInsightsModel {
  /** The account's campaigns, or a count of generated ones (ids from `firstId`, names "Campaign N"). */
  campaigns: SimInsightsCampaign[] | { count: number; firstId?: number };
  /**
   * With ad sets (and ads), a campaign's day is split over its ad sets and their ads, so that the `adset` and `ad`
   * levels answer too and every level adds up; without, only the `account` and `campaign` levels have rows.
   */
  adsets?: SimInsightsAdSet[];
  ads?: SimInsightsAd[];
  /** Whether a campaign delivered on a day at all (e.g. not before it was created, not after today); default: always. */
  deliversOn?: (campaignIndex: number, day: number) => boolean;
  /** Changes every number (another account, other data). */
  seed?: number;
  /** Every campaign also skips a day now and then (no row that day), unless false. */
  gaps?: boolean;
}

/** A day's (or a range's) numbers: counts, and money in minor units. */
export interface SimNumbers {
  impressions: number;
  clicks: number;
  spend: number;
  reach: number;
  actions: Record<string, number>;
  /** Minor units. */
  actionValues: Record<string, number>;
}

export const SIM_BREAKDOWN_VALUES: Readonly<Record<string, readonly string[]>> = {
  gender: ['female', 'male', 'unknown'],
  age: ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
  country: ['DE', 'FR', 'GB', 'JP', 'US'],
  publisher_platform: ['audience_network', 'facebook', 'instagram', 'messenger'],
  impression_device: ['android_smartphone', 'desktop', 'ipad', 'iphone'],
  region: ['California', 'Texas'],
  platform_position: ['feed', 'story'],
  device_platform: ['desktop', 'mobile'],
};

const DAY_MS = 24 * 60 * 60 * 1000;
const ZERO_DECIMAL = ['CLP', 'COP', 'CRC', 'HUF', 'ISK', 'IDR', 'JPY', 'KRW', 'PYG', 'TWD', 'VND'];

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function breakdownValues(breakdown: string | undefined): readonly string[] {
  return breakdown ? (SIM_BREAKDOWN_VALUES[breakdown] ?? ['unknown']) : [''];
}

export function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193) >>> 0;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h ^= h >>> 12;
  }
  return h >>> 0;
}

export function campaignCount(model: SimInsightsModel): number {
  return Array.isArray(model.campaigns) ? model.campaigns.length : model.campaigns.count;
}

export function campaignAt(model: SimInsightsModel, index: number): SimInsightsCampaign {
  if (Array.isArray(model.campaigns)) return model.campaigns[index];
  return { id: String((model.campaigns.firstId ?? 120_000_000_000) + index), name: `Campaign ${index + 1}` };
}

/** Minor units per unit of the currency, as Meta counts them. */
export function currencyFactor(currency: string): number {
  return ZERO_DECIMAL.includes(currency.toUpperCase()) ? 1 : 100;
}

/**
 * The day's numbers of one campaign, or undefined when it did not deliver that day. `revision` multiplies them
 * (Meta revising a recent day).
 */
export function simDay(model: SimInsightsModel, campaignIndex: number, day: number, revision = 1): SimNumbers | undefined {
  if (model.deliversOn && !model.deliversOn(campaignIndex, day)) return undefined;
  const h = mix(model.seed ?? 1, campaignIndex, day);
  if (model.gaps !== false && h % 13 === 0) return undefined;
  const scale = (value: number) => Math.round(value * revision);
  const impressions = scale(300 + (h % 4700));
  const clicks = scale(1 + ((h >>> 7) % Math.max(1, Math.floor(impressions / 25))));
  const purchases = (h >>> 13) % 4;
  const actions: Record<string, number> = { link_click: Math.floor(clicks * 0.9), lead: (h >>> 11) % 3, purchase: scale(purchases) };
  const actionValues: Record<string, number> = { purchase: scale(purchases * (1500 + ((h >>> 5) % 4000))) };
  return {
    impressions,
    clicks,
    spend: scale(50 + ((h >>> 3) % 25_000)),
    reach: Math.floor(impressions * 0.8),
    actions: Object.fromEntries(Object.entries(actions).filter(([, value]) => value > 0)),
    actionValues: Object.fromEntries(Object.entries(actionValues).filter(([, value]) => value > 0)),
  };
}

/** `total` in parts proportional to `weights`, summing exactly to `total` (largest remainders first). */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index]++;
    left--;
  }
  return parts;
}

function splitRecord(record: Record<string, number>, weights: readonly number[]): Array<Record<string, number>> {
  const parts = weights.map(() => ({}) as Record<string, number>);
  for (const [key, value] of Object.entries(record)) {
    splitInteger(value, weights).forEach((part, index) => {
      if (part > 0) parts[index][key] = part;
    });
  }
  return parts;
}

/**
 * The day's numbers per value of a breakdown (same order as `breakdownValues`); they add up to `day`. `salt` varies
 * the shares (pass the campaign and day).
 */
export function splitDay(day: SimNumbers, salt: number, breakdown: string | undefined): SimNumbers[] {
  const values = breakdownValues(breakdown);
  if (!breakdown) return [day];
  return splitNumbers(day, values.map((_value, index) => 1 + (mix(salt, index, breakdown.length) % 9)));
}

/** `day` in parts proportional to `weights`; every number of the parts adds up to the day's. */
export function splitNumbers(day: SimNumbers, weights: readonly number[]): SimNumbers[] {
  const [impressions, clicks, spend, reach] = [day.impressions, day.clicks, day.spend, day.reach].map((total) => splitInteger(total, weights));
  const actions = splitRecord(day.actions, weights);
  const actionValues = splitRecord(day.actionValues, weights);
  return weights.map((_weight, index) => ({
    impressions: impressions[index],
    clicks: clicks[index],
    spend: spend[index],
    reach: reach[index],
    actions: actions[index],
    actionValues: actionValues[index],
  }));
}

/** One delivering leaf of a campaign's day: an ad (or an ad set without ads) and its numbers. */
export interface SimInsightsLeaf {
  adsetIndex: number;
  adIndex?: number;
  numbers: SimNumbers;
}

/**
 * A campaign's day split over its ad sets, and each ad set's part over its ads (weights from the model's seed); the
 * leaves add up exactly to `day`. Empty when the model has no ad set under the campaign.
 */
export function campaignLeaves(model: SimInsightsModel, campaignIndex: number, day: number, numbers: SimNumbers): SimInsightsLeaf[] {
  const adsets = (model.adsets ?? []).map((adset, index) => ({ adset, index })).filter(({ adset }) => adset.campaignIndex === campaignIndex);
  if (adsets.length === 0) return [];
  const weight = (index: number, kind: number) => 1 + (mix(model.seed ?? 1, kind, index, day) % 7);
  const adsetParts = splitNumbers(numbers, adsets.map(({ index }) => weight(index, 1)));
  const leaves: SimInsightsLeaf[] = [];
  adsets.forEach(({ index: adsetIndex }, position) => {
    const ads = (model.ads ?? []).map((ad, index) => ({ ad, index })).filter(({ ad }) => ad.adsetIndex === adsetIndex);
    if (ads.length === 0) {
      leaves.push({ adsetIndex, numbers: adsetParts[position] });
      return;
    }
    const adParts = splitNumbers(adsetParts[position], ads.map(({ index }) => weight(index, 2)));
    ads.forEach(({ index: adIndex }, adPosition) => leaves.push({ adsetIndex, adIndex, numbers: adParts[adPosition] }));
  });
  return leaves;
}

export function addNumbers(into: SimNumbers, more: SimNumbers): SimNumbers {
  const addRecord = (a: Record<string, number>, b: Record<string, number>) => {
    const out = { ...a };
    for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
    return out;
  };
  return {
    impressions: into.impressions + more.impressions,
    clicks: into.clicks + more.clicks,
    spend: into.spend + more.spend,
    reach: into.reach + more.reach,
    actions: addRecord(into.actions, more.actions),
    actionValues: addRecord(into.actionValues, more.actionValues),
  };
}

export const ZERO: SimNumbers = { impressions: 0, clicks: 0, spend: 0, reach: 0, actions: {}, actionValues: {} };

const decimal = (value: number) => String(Math.round(value * 1e6) / 1e6);

function money(minor: number, currency: string): string {
  const factor = currencyFactor(currency);
  return factor === 1 ? String(minor) : (minor / factor).toFixed(2);
}

function stats(record: Record<string, number>, render: (value: number) => string): Array<{ action_type: string; value: string }> | undefined {
  const entries = Object.entries(record).filter(([, value]) => value !== 0).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? undefined : entries.map(([action_type, value]) => ({ action_type, value: render(value) }));
}

/**
 * Numbers as Meta sends them: strings, spend and action values in major units, rates computed from the row's own
 * sums (cpc left out without clicks, like Meta). `uniqueShare` stands for reach over several days not adding up.
 */
export function wireNumbers(numbers: SimNumbers, currency: string, uniqueShare = 1): Record<string, unknown> {
  const spend = numbers.spend / currencyFactor(currency);
  const reach = Math.round(numbers.reach * uniqueShare);
  const row: Record<string, unknown> = {
    impressions: String(numbers.impressions),
    clicks: String(numbers.clicks),
    // Clicks on the ad's link are most clicks; unique clicks are fewer than clicks, like reach is fewer than impressions.
    inline_link_clicks: String(numbers.actions.link_click ?? 0),
    unique_clicks: String(Math.round(numbers.clicks * 0.9 * uniqueShare)),
    spend: money(numbers.spend, currency),
    reach: String(reach),
    frequency: decimal(reach ? numbers.impressions / reach : 0),
    cpm: decimal(numbers.impressions ? (spend / numbers.impressions) * 1000 : 0),
    ctr: decimal(numbers.impressions ? (numbers.clicks / numbers.impressions) * 100 : 0),
    actions: stats(numbers.actions, String),
    action_values: stats(numbers.actionValues, (value) => money(value, currency)),
  };
  if (numbers.clicks > 0) row.cpc = decimal(spend / numbers.clicks);
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}
