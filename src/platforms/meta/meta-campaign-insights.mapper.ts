import { metaMinorUnitFactor } from './launch/meta-currency';
import type { MetaActionStat } from './meta-insights.mapper';
import { META_INSIGHT_BREAKDOWNS, MetaInsightBreakdown } from './meta-read.fields';

/** A breakdown the import copies: each of the seed's, and `none` for the plain daily rows. */
export type MetaCopiedBreakdown = 'none' | MetaInsightBreakdown;

export const META_COPIED_BREAKDOWNS: readonly MetaCopiedBreakdown[] = ['none', ...META_INSIGHT_BREAKDOWNS];

/**
 * Fields of the daily campaign rows the import asks Meta for: the seed's metrics plus ctr and reach, and what a row
 * needs to be stored (campaign, currency). `date_start`/`date_stop` always come.
 */
export const META_DAILY_INSIGHT_FIELDS: readonly string[] = [
  'campaign_id',
  'campaign_name',
  'account_currency',
  'impressions',
  'clicks',
  'spend',
  'reach',
  'cpm',
  'cpc',
  'ctr',
  'actions',
  'action_values',
];

/** One stored day of one campaign (and breakdown value): counts and money as integers, rates as numbers. */
export interface MetaDailyCampaignInsight {
  campaignId: string;
  campaignName: string | null;
  /** YYYY-MM-DD */
  date: string;
  /** '' without a breakdown. */
  breakdownValue: string;
  impressions: number;
  clicks: number;
  /** Minor units of `currency`. */
  spend: number;
  currency: string | null;
  reach: number | null;
  cpm: number | null;
  cpc: number | null;
  ctr: number | null;
  actions: MetaActionStat[] | null;
  actionValues: MetaActionStat[] | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const CURRENCY = /^[A-Za-z]{3}$/;

/** Minor units per unit; an unknown currency counts in hundredths (read back the same way, so nothing is lost). */
export function metaCurrencyFactor(currency: string | null | undefined): number {
  return currency && CURRENCY.test(currency.trim()) ? metaMinorUnitFactor(currency) : 100;
}

/**
 * Meta's money (`spend`: a decimal string in major units) as an integer of minor units, from the digits rather
 * than through floating point (`"0.29"` is 29 cents, not 28.999…); a finer fraction is rounded half up.
 */
export function metaMoneyToMinor(value: unknown, currency: string | null | undefined): number | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (/e/i.test(text)) return Math.round(Number(text) * metaCurrencyFactor(currency));
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const [, sign, whole, fraction = ''] = match;
  const digits = Math.round(Math.log10(metaCurrencyFactor(currency)));
  const kept = Number(`${whole || '0'}${fraction.slice(0, digits).padEnd(digits, '0')}`);
  const roundUp = (fraction[digits] ?? '0') >= '5' ? 1 : 0;
  const minor = kept + roundUp;
  return sign === '-' ? -minor : minor;
}

/** Minor units back to the major-unit number the live read answers (`1250` USD → `12.5`). */
export function metaMinorToMoney(minor: number, currency: string | null | undefined): number {
  const factor = metaCurrencyFactor(currency);
  return factor === 1 ? minor : Number((minor / factor).toFixed(Math.round(Math.log10(factor))));
}

function count(value: unknown): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? Math.round(number) : 0;
}

function decimal(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : null;
}

function actionStats(value: unknown): MetaActionStat[] | null {
  if (!Array.isArray(value)) return null;
  const stats = value
    .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object' && typeof (item as { action_type?: unknown }).action_type === 'string')
    .map((item) => ({ action_type: item.action_type as string, value: decimal(item.value) ?? 0 }));
  return stats.length > 0 ? stats : null;
}

/**
 * One daily campaign row of Meta's insights (`level=campaign`, `time_increment=1`) as stored. A row without a
 * campaign or a day cannot be keyed and is skipped (undefined). Pure.
 */
export function mapMetaDailyCampaignInsight(
  row: Record<string, unknown>,
  breakdown: MetaCopiedBreakdown,
  accountCurrency: string | null,
): MetaDailyCampaignInsight | undefined {
  const campaignId = typeof row.campaign_id === 'string' || typeof row.campaign_id === 'number' ? String(row.campaign_id) : '';
  const date = typeof row.date_start === 'string' ? row.date_start : '';
  if (!campaignId || !DAY.test(date)) return undefined;
  const currency = typeof row.account_currency === 'string' && row.account_currency !== '' ? row.account_currency : accountCurrency;
  const breakdownValue = breakdown === 'none' ? '' : row[breakdown] === undefined || row[breakdown] === null ? '' : String(row[breakdown]);
  return {
    campaignId,
    campaignName: typeof row.campaign_name === 'string' ? row.campaign_name : null,
    date,
    breakdownValue,
    impressions: count(row.impressions),
    clicks: count(row.clicks),
    spend: metaMoneyToMinor(row.spend, currency) ?? 0,
    currency,
    reach: row.reach === undefined ? null : count(row.reach),
    cpm: decimal(row.cpm),
    cpc: decimal(row.cpc),
    ctr: decimal(row.ctr),
    actions: actionStats(row.actions),
    actionValues: actionStats(row.action_values),
  };
}
