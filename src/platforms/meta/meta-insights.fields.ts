/** Metrics a client may ask of a Meta connection; the names are Meta's own insights fields. */
export const META_CONNECTION_METRICS: readonly string[] = [
  'impressions',
  'clicks',
  'spend',
  'reach',
  'frequency',
  'cpm',
  'cpc',
  'ctr',
  'unique_clicks',
  'inline_link_clicks',
  'actions',
  'action_values',
  'conversions',
];

/** Breakdowns a client may ask of a Meta connection; `date` is served by `time_increment=1`, not a Meta breakdown. */
export const META_CONNECTION_BREAKDOWNS: readonly string[] = [
  'age',
  'gender',
  'country',
  'region',
  'publisher_platform',
  'platform_position',
  'impression_device',
  'device_platform',
  'date',
];
