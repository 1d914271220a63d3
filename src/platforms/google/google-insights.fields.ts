/** Platform-neutral metric names a Google connection answers for `GET /connections/{id}/insights`. */
export const GOOGLE_CONNECTION_METRICS = [
  'impressions',
  'clicks',
  'spend',
  'cost_micros',
  'ctr',
  'cpc',
  'cpm',
  'conversions',
  'conversions_value',
  'all_conversions',
  'interactions',
] as const;
export type GoogleConnectionMetric = (typeof GOOGLE_CONNECTION_METRICS)[number];

export const GOOGLE_CONNECTION_BREAKDOWNS = ['date', 'device', 'ad_network_type'] as const;
export type GoogleConnectionBreakdown = (typeof GOOGLE_CONNECTION_BREAKDOWNS)[number];

/** Where a value sits in a GAQL query (`field`) and in a REST row (`resource`.`key`). */
export interface GoogleFieldSpec {
  field: string;
  resource: 'metrics' | 'segments';
  key: string;
  /** Money in micros of the account currency, answered in currency units. */
  micros?: boolean;
}

export const GOOGLE_METRIC_SPECS: Readonly<Record<GoogleConnectionMetric, GoogleFieldSpec>> = {
  impressions: { field: 'metrics.impressions', resource: 'metrics', key: 'impressions' },
  clicks: { field: 'metrics.clicks', resource: 'metrics', key: 'clicks' },
  spend: { field: 'metrics.cost_micros', resource: 'metrics', key: 'costMicros', micros: true },
  cost_micros: { field: 'metrics.cost_micros', resource: 'metrics', key: 'costMicros' },
  ctr: { field: 'metrics.ctr', resource: 'metrics', key: 'ctr' },
  cpc: { field: 'metrics.average_cpc', resource: 'metrics', key: 'averageCpc', micros: true },
  cpm: { field: 'metrics.average_cpm', resource: 'metrics', key: 'averageCpm', micros: true },
  conversions: { field: 'metrics.conversions', resource: 'metrics', key: 'conversions' },
  conversions_value: { field: 'metrics.conversions_value', resource: 'metrics', key: 'conversionsValue' },
  all_conversions: { field: 'metrics.all_conversions', resource: 'metrics', key: 'allConversions' },
  interactions: { field: 'metrics.interactions', resource: 'metrics', key: 'interactions' },
};

export const GOOGLE_BREAKDOWN_SPECS: Readonly<Record<GoogleConnectionBreakdown, GoogleFieldSpec>> = {
  date: { field: 'segments.date', resource: 'segments', key: 'date' },
  device: { field: 'segments.device', resource: 'segments', key: 'device' },
  ad_network_type: { field: 'segments.ad_network_type', resource: 'segments', key: 'adNetworkType' },
};

export const isGoogleConnectionMetric = (name: string): name is GoogleConnectionMetric => Object.hasOwn(GOOGLE_METRIC_SPECS, name);
export const isGoogleConnectionBreakdown = (name: string): name is GoogleConnectionBreakdown => Object.hasOwn(GOOGLE_BREAKDOWN_SPECS, name);
