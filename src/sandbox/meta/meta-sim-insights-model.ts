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
const ZERO_DECIMAL = new Set(['CLP', 'COP', 'CRC', 'HUF', 'ISK', 'IDR', 'JPY', 'KRW', 'PYG', 'TWD', 'VND']);

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
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 1 : 100;
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
  const actions: Record<string, number> = {};
  const linkClicks = Math.floor(clicks * 0.9);
  const leads = (h >>> 11) % 3;
  const purchased = scale(purchases);
  if (linkClicks > 0) actions.link_click = linkClicks;
  if (leads > 0) actions.lead = leads;
  if (purchased > 0) actions.purchase = purchased;
  const purchaseValue = scale(purchases * (1500 + ((h >>> 5) % 4000)));
  return {
    impressions,
    clicks,
    spend: scale(50 + ((h >>> 3) % 25_000)),
    reach: Math.floor(impressions * 0.8),
    actions,
    actionValues: purchaseValue > 0 ? { purchase: purchaseValue } : {},
  };
}

/** `total` in parts proportional to `weights`, summing exactly to `total` (largest remainders first). */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const weight of weights) sum += weight;
  const parts: number[] = [];
  const rests: number[] = [];
  let partSum = 0;
  for (const weight of weights) {
    const exact = (total * weight) / sum;
    const part = Math.floor(exact);
    parts.push(part);
    rests.push(exact - part);
    partSum += part;
  }
  let left = total - partSum;
  // Same as sorting by rest (largest first, then index) and topping up in that order, without a sort per split.
  const given = rests.map(() => false);
  for (let round = 0; round < parts.length && left > 0; round++, left--) {
    let best = -1;
    for (let index = 0; index < rests.length; index++) {
      if (!given[index] && (best < 0 || rests[index] > rests[best])) best = index;
    }
    given[best] = true;
    parts[best]++;
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

/**
 * `value` rounded to 6 decimals, printed like `String(Math.round(value * 1e6) / 1e6)`. Below 1e15 millionths the
 * number has at most 15 significant digits, so its shortest round-trip form is exactly those digits: they are
 * printed from the integer, which is cheaper than printing the double.
 */
export function wireDecimal(value: number): string {
  const millionths = Math.round(value * 1e6);
  if (!(millionths >= 0 && millionths < 1e15)) return String(millionths / 1e6);
  const units = Math.floor(millionths / 1e6);
  let rest = millionths - units * 1e6;
  if (rest === 0) return String(units);
  let digits = 6;
  while (rest % 10 === 0) {
    rest /= 10;
    digits--;
  }
  return `${units}.${String(rest).padStart(digits, '0')}`;
}

function money(minor: number, factor: number): string {
  return factor === 1 ? String(minor) : (minor / factor).toFixed(2);
}

/** `localeCompare` of two keys, remembered: the same few action types are compared for every row. */
const keyOrder = new Map<string, Map<string, number>>();

function compareKeys(a: string, b: string): number {
  let known = keyOrder.get(a);
  if (!known) keyOrder.set(a, (known = new Map()));
  let order = known.get(b);
  if (order === undefined) known.set(b, (order = a.localeCompare(b)));
  return order;
}

function stats(record: Record<string, number>, render: (value: number) => string): Array<{ action_type: string; value: string }> | undefined {
  const keys: string[] = [];
  for (const key in record) if (record[key] !== 0) keys.push(key);
  if (keys.length === 0) return undefined;
  if (keys.length > 1) keys.sort(compareKeys);
  return keys.map((action_type) => ({ action_type, value: render(record[action_type]) }));
}

/**
 * Numbers as Meta sends them: strings, spend and action values in major units, rates computed from the row's own
 * sums (cpc left out without clicks, like Meta). `uniqueShare` stands for reach over several days not adding up.
 * Written into `row` (after its keys), so that a caller's row is not copied.
 */
export function wireNumbers(numbers: SimNumbers, currency: string, uniqueShare = 1, row: Record<string, unknown> = {}): Record<string, unknown> {
  const factor = currencyFactor(currency);
  const spend = numbers.spend / factor;
  const reach = Math.round(numbers.reach * uniqueShare);
  row.impressions = String(numbers.impressions);
  row.clicks = String(numbers.clicks);
  // Clicks on the ad's link are most clicks; unique clicks are fewer than clicks, like reach is fewer than impressions.
  row.inline_link_clicks = String(numbers.actions.link_click ?? 0);
  row.unique_clicks = String(Math.round(numbers.clicks * 0.9 * uniqueShare));
  row.spend = money(numbers.spend, factor);
  row.reach = String(reach);
  row.frequency = wireDecimal(reach ? numbers.impressions / reach : 0);
  row.cpm = wireDecimal(numbers.impressions ? (spend / numbers.impressions) * 1000 : 0);
  row.ctr = wireDecimal(numbers.impressions ? (numbers.clicks / numbers.impressions) * 100 : 0);
  const actions = stats(numbers.actions, String);
  if (actions) row.actions = actions;
  const actionValues = stats(numbers.actionValues, (value) => money(value, factor));
  if (actionValues) row.action_values = actionValues;
  if (numbers.clicks > 0) row.cpc = wireDecimal(spend / numbers.clicks);
  return row;
}
