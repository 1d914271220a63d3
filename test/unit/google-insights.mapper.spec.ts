import type { GoogleAdsRow } from '../../src/platforms/google/google-ads.client';
import { GOOGLE_CONNECTION_BREAKDOWNS, GOOGLE_CONNECTION_METRICS, GoogleConnectionBreakdown, GoogleConnectionMetric } from '../../src/platforms/google/google-insights.fields';
import { normalizeGoogleInsightsRow } from '../../src/platforms/google/google-insights.mapper';

const ALL = [...GOOGLE_CONNECTION_METRICS];

describe('normalizeGoogleInsightsRow', () => {
  it.each<[string, GoogleAdsRow, GoogleConnectionMetric[], GoogleConnectionBreakdown | undefined, Record<string, unknown>]>([
    [
      'every metric, int64 strings and doubles',
      {
        customer: { resourceName: 'customers/1234567890', currencyCode: 'EUR' },
        metrics: {
          impressions: '1149',
          clicks: '486',
          costMicros: '312690000',
          ctr: 0.4229765013054830,
          averageCpc: 643395.0617283951,
          averageCpm: 272140992.16710183,
          conversions: 4.5,
          conversionsValue: 120.25,
          allConversions: 4.143961,
          interactions: '486',
        },
      },
      ALL,
      undefined,
      {
        impressions: 1149,
        clicks: 486,
        spend: 312.69,
        cost_micros: 312690000,
        ctr: 0.422976501305483,
        cpc: 0.643395,
        cpm: 272.140992,
        conversions: 4.5,
        conversions_value: 120.25,
        all_conversions: 4.143961,
        interactions: 486,
      },
    ],
    ['missing metrics are 0', { customer: { currencyCode: 'EUR' } }, ['impressions', 'spend', 'ctr', 'cpc'], undefined, { impressions: 0, spend: 0, ctr: 0, cpc: 0 }],
    ['date breakdown first', { segments: { date: '2026-11-02' }, metrics: { clicks: '3', costMicros: '1500000' } }, ['clicks', 'spend'], 'date', { date: '2026-11-02', clicks: 3, spend: 1.5 }],
    ['device breakdown', { segments: { device: 'MOBILE' }, metrics: { impressions: '10' } }, ['impressions'], 'device', { device: 'MOBILE', impressions: 10 }],
    ['network breakdown under our name', { segments: { adNetworkType: 'SEARCH_PARTNERS' }, metrics: {} }, ['clicks'], 'ad_network_type', { ad_network_type: 'SEARCH_PARTNERS', clicks: 0 }],
    ['absent breakdown key is null', { metrics: { clicks: '1' } }, ['clicks'], 'device', { device: null, clicks: 1 }],
    ['garbage values are 0', { metrics: { clicks: 'n/a', impressions: null, costMicros: '' } }, ['clicks', 'impressions', 'spend'], undefined, { clicks: 0, impressions: 0, spend: 0 }],
    ['micro rounding', { metrics: { costMicros: '300000', averageCpc: 100000.4 } }, ['spend', 'cpc'], undefined, { spend: 0.3, cpc: 0.1 }],
  ])('%s', (_name, row, metrics, breakdown, expected) => {
    const normalized = normalizeGoogleInsightsRow(row, metrics, breakdown);
    expect(normalized).toEqual(expected);
    expect(Object.keys(normalized)).toEqual(Object.keys(expected));
  });

  it('offers the documented allow-lists', () => {
    expect(GOOGLE_CONNECTION_METRICS).toEqual(['impressions', 'clicks', 'spend', 'cost_micros', 'ctr', 'cpc', 'cpm', 'conversions', 'conversions_value', 'all_conversions', 'interactions']);
    expect(GOOGLE_CONNECTION_BREAKDOWNS).toEqual(['date', 'device', 'ad_network_type']);
  });
});
