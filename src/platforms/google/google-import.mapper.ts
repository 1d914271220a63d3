import { PlatformError } from '../platform-error';
import type { GoogleAdsRow } from './google-ads.client';
import {
  GOOGLE_AD_COLUMNS,
  GOOGLE_AD_GROUP_COLUMNS,
  GOOGLE_CAMPAIGN_COLUMNS,
  GOOGLE_CAMPAIGN_METRIC_COLUMNS,
  GOOGLE_CHANGE_TYPES,
  GOOGLE_CURRENCY_FIELD,
  GoogleChangeType,
} from './google-import.queries';
import type { GoogleColumn } from './google-report.fields';
import { googleRowValue, normalizeGoogleRow } from './google-row.mapper';

/**
 * Google Ads rows of the import as records of the local copy. Keys are the copy's column names; `data` is the whole
 * row (`data`), flat and snake_case (ids as strings, money in micros and in currency units, metrics as numbers).
 */

type Fields = Record<string, unknown>;

export interface GoogleCampaignRecord {
  campaign_id: string;
  name: string | null;
  status: string | null;
  advertising_channel_type: string | null;
  bidding_strategy_type: string | null;
  budget_micros: number | null;
  currency: string | null;
  data: Fields;
}

export interface GoogleAdGroupRecord {
  ad_group_id: string;
  campaign_id: string | null;
  name: string | null;
  status: string | null;
  type: string | null;
  cpc_bid_micros: number | null;
  currency: string | null;
  data: Fields;
}

export interface GoogleAdRecord {
  ad_group_id: string;
  ad_id: string;
  campaign_id: string | null;
  name: string | null;
  status: string | null;
  type: string | null;
  data: Fields;
}

export interface GoogleCampaignMetricRecord {
  campaign_id: string;
  date: string;
  impressions: number;
  clicks: number;
  cost_micros: number;
  conversions: number;
  conversions_value: number;
  all_conversions: number;
  interactions: number;
  ctr: number;
  average_cpc_micros: number;
  average_cpm_micros: number;
  currency: string | null;
  data: Fields;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The row's currency, else the account's. */
function currencyOf(row: GoogleAdsRow, fallback: string | null): string | null {
  return str(googleRowValue(row, GOOGLE_CURRENCY_FIELD)) ?? fallback;
}

function normalized(row: GoogleAdsRow, columns: readonly GoogleColumn[], fallbackCurrency: string | null): { fields: Fields; currency: string | null } {
  const currency = currencyOf(row, fallbackCurrency);
  return { fields: normalizeGoogleRow(row, columns, currency), currency };
}

/** Rows without their key are dropped; a key seen twice keeps its last row (one upsert may touch a row once). */
function keyed<T>(rows: readonly GoogleAdsRow[], map: (row: GoogleAdsRow) => T | null, key: (record: T) => string): T[] {
  const records = new Map<string, T>();
  for (const row of rows) {
    const record = map(row);
    if (record) records.set(key(record), record);
  }
  return [...records.values()];
}

export function mapGoogleCampaigns(rows: readonly GoogleAdsRow[], fallbackCurrency: string | null): GoogleCampaignRecord[] {
  return keyed(
    rows,
    (row) => {
      const { fields, currency } = normalized(row, GOOGLE_CAMPAIGN_COLUMNS, fallbackCurrency);
      const campaignId = str(fields.campaign_id);
      if (!campaignId) return null;
      return {
        campaign_id: campaignId,
        name: str(fields.campaign_name),
        status: str(fields.campaign_status),
        advertising_channel_type: str(fields.advertising_channel_type),
        bidding_strategy_type: str(fields.bidding_strategy_type),
        budget_micros: num(fields.budget_amount_micros),
        currency,
        data: fields,
      };
    },
    (record) => record.campaign_id,
  );
}

export function mapGoogleAdGroups(rows: readonly GoogleAdsRow[], fallbackCurrency: string | null): GoogleAdGroupRecord[] {
  return keyed(
    rows,
    (row) => {
      const { fields, currency } = normalized(row, GOOGLE_AD_GROUP_COLUMNS, fallbackCurrency);
      const adGroupId = str(fields.ad_group_id);
      if (!adGroupId) return null;
      return {
        ad_group_id: adGroupId,
        campaign_id: str(fields.campaign_id),
        name: str(fields.ad_group_name),
        status: str(fields.ad_group_status),
        type: str(fields.ad_group_type),
        cpc_bid_micros: num(fields.cpc_bid_micros),
        currency,
        data: fields,
      };
    },
    (record) => record.ad_group_id,
  );
}

/** An ad is keyed by its ad group and its id, as Google keys ad_group_ad (`adGroupAds/{adGroupId}~{adId}`). */
export function mapGoogleAds(rows: readonly GoogleAdsRow[]): GoogleAdRecord[] {
  return keyed(
    rows,
    (row) => {
      const fields = normalizeGoogleRow(row, GOOGLE_AD_COLUMNS);
      const adId = str(fields.ad_id);
      const adGroupId = str(fields.ad_group_id);
      if (!adId || !adGroupId) return null;
      return { ad_group_id: adGroupId, ad_id: adId, campaign_id: str(fields.campaign_id), name: str(fields.ad_name), status: str(fields.ad_status), type: str(fields.ad_type), data: fields };
    },
    (record) => `${record.ad_group_id}~${record.ad_id}`,
  );
}

export function mapGoogleCampaignMetrics(rows: readonly GoogleAdsRow[], fallbackCurrency: string | null): GoogleCampaignMetricRecord[] {
  return keyed(
    rows,
    (row) => {
      const { fields, currency } = normalized(row, GOOGLE_CAMPAIGN_METRIC_COLUMNS, fallbackCurrency);
      const campaignId = str(fields.campaign_id);
      const date = str(fields.date);
      if (!campaignId || !date || !DAY.test(date)) return null;
      return {
        campaign_id: campaignId,
        date,
        impressions: num(fields.impressions) ?? 0,
        clicks: num(fields.clicks) ?? 0,
        cost_micros: num(fields.cost_micros) ?? 0,
        conversions: num(fields.conversions) ?? 0,
        conversions_value: num(fields.conversions_value) ?? 0,
        all_conversions: num(fields.all_conversions) ?? 0,
        interactions: num(fields.interactions) ?? 0,
        ctr: num(fields.ctr) ?? 0,
        average_cpc_micros: num(fields.average_cpc_micros) ?? 0,
        average_cpm_micros: num(fields.average_cpm_micros) ?? 0,
        currency,
        data: fields,
      };
    },
    (record) => `${record.campaign_id}@${record.date}`,
  );
}

/**
 * The ids of the objects a change_status answer names, once each, in order: the ad group id of
 * `customers/1/adGroups/22`, the ad id of `customers/1/adGroupAds/22~33`.
 */
export function googleChangedIds(rows: readonly GoogleAdsRow[], type: GoogleChangeType): string[] {
  const pattern = type === 'ad_group' ? /^customers\/\d+\/adGroups\/(\d+)$/ : /^customers\/\d+\/adGroupAds\/\d+~(\d+)$/;
  const ids = new Set<string>();
  for (const row of rows) {
    const match = pattern.exec(str(googleRowValue(row, GOOGLE_CHANGE_TYPES[type].field)) ?? '');
    if (match) ids.add(match[1]);
  }
  return [...ids];
}

const requestRefusal = (error: unknown, ...codes: string[]): boolean =>
  error instanceof PlatformError && error.platformDetails.platform === 'google' && codes.includes(String(error.platformDetails.platformCode ?? ''));

/** Google refused a page token (expired, or from another query): the listing has to start again from its first page. */
export const isGooglePageTokenRefused = (error: unknown): boolean => requestRefusal(error, 'EXPIRED_PAGE_TOKEN', 'INVALID_PAGE_TOKEN');

/** A manager account has no metrics of its own: Google refuses the query rather than answering nothing. */
export const isGoogleMetricsForManager = (error: unknown): boolean => requestRefusal(error, 'REQUESTED_METRICS_FOR_MANAGER');
