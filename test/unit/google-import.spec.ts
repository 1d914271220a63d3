import { buildGaql, GaqlBuildError } from '../../src/platforms/google/gaql-query.builder';
import type { GoogleAdsRow } from '../../src/platforms/google/google-ads.client';
import { mapGoogleAdsError } from '../../src/platforms/google/google-error.mapper';
import {
  googleChangedIds,
  isGoogleMetricsForManager,
  isGooglePageTokenRefused,
  mapGoogleAdGroups,
  mapGoogleAds,
  mapGoogleCampaignMetrics,
  mapGoogleCampaigns,
} from '../../src/platforms/google/google-import.mapper';
import {
  googleAdGroupsQuery,
  googleAdsQuery,
  googleCampaignMetricsQuery,
  googleCampaignsQuery,
  googleChangesQuery,
  googleChangeWindow,
  googleDateRange,
  googleDateTime,
} from '../../src/platforms/google/google-import.queries';

const failure = (errorCode: Record<string, string>, status = 400) =>
  mapGoogleAdsError(status, {
    error: {
      code: status,
      message: 'Request contains an invalid argument.',
      status: 'INVALID_ARGUMENT',
      details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors: [{ errorCode, message: 'x' }], requestId: 'r1' }],
    },
  });

describe('Google import GAQL', () => {
  it.each([
    [
      'campaigns',
      googleCampaignsQuery(),
      'SELECT campaign.id, campaign.name, campaign.status, campaign.advertising_channel_type, campaign.bidding_strategy_type, campaign.start_date_time, ' +
        'campaign.end_date_time, campaign_budget.amount_micros, customer.currency_code FROM campaign',
    ],
    [
      'every ad group',
      googleAdGroupsQuery(),
      'SELECT ad_group.id, ad_group.name, ad_group.status, ad_group.type, ad_group.cpc_bid_micros, campaign.id, customer.currency_code FROM ad_group',
    ],
    [
      'changed ad groups',
      googleAdGroupsQuery(['11', '12']),
      'SELECT ad_group.id, ad_group.name, ad_group.status, ad_group.type, ad_group.cpc_bid_micros, campaign.id, customer.currency_code FROM ad_group ' +
        'WHERE ad_group.id IN (11, 12)',
    ],
    [
      'every ad',
      googleAdsQuery(),
      'SELECT ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.status, ad_group_ad.ad.type, ad_group_ad.ad.final_urls, ' +
        'ad_group_ad.ad.responsive_search_ad.headlines, ad_group_ad.ad.responsive_search_ad.descriptions, ad_group.id, campaign.id, customer.currency_code ' +
        'FROM ad_group_ad',
    ],
    [
      'changed ads',
      googleAdsQuery(['301']),
      'SELECT ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.status, ad_group_ad.ad.type, ad_group_ad.ad.final_urls, ' +
        'ad_group_ad.ad.responsive_search_ad.headlines, ad_group_ad.ad.responsive_search_ad.descriptions, ad_group.id, campaign.id, customer.currency_code ' +
        'FROM ad_group_ad WHERE ad_group_ad.ad.id IN (301)',
    ],
    [
      'daily campaign metrics',
      googleCampaignMetricsQuery('2026-09-01', '2026-11-29'),
      'SELECT campaign.id, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value, ' +
        'metrics.all_conversions, metrics.interactions, metrics.ctr, metrics.average_cpc, metrics.average_cpm, customer.currency_code FROM campaign ' +
        "WHERE segments.date BETWEEN '2026-09-01' AND '2026-11-29'",
    ],
    [
      'changed ad groups (change_status)',
      googleChangesQuery('ad_group', '2026-11-28 09:00:00', '2026-11-29 10:00:00'),
      'SELECT change_status.resource_name, change_status.resource_type, change_status.resource_status, change_status.last_change_date_time, ' +
        "change_status.ad_group FROM change_status WHERE change_status.resource_type = 'AD_GROUP' AND change_status.last_change_date_time >= " +
        "'2026-11-28 09:00:00' AND change_status.last_change_date_time <= '2026-11-29 10:00:00' LIMIT 10000",
    ],
    [
      'changed ads (change_status)',
      googleChangesQuery('ad_group_ad', '2026-11-28 09:00:00', '2026-11-29 10:00:00'),
      'SELECT change_status.resource_name, change_status.resource_type, change_status.resource_status, change_status.last_change_date_time, ' +
        "change_status.ad_group_ad FROM change_status WHERE change_status.resource_type = 'AD_GROUP_AD' AND change_status.last_change_date_time >= " +
        "'2026-11-28 09:00:00' AND change_status.last_change_date_time <= '2026-11-29 10:00:00' LIMIT 10000",
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([['2026-11-31 00:00:00'], ['2026-11-30 24:00:00'], ['2026-11-30T10:00:00'], ["2026-11-30 10:00:00' OR 1=1"], ['2026-11-30']])(
    'refuses the date-time literal %j',
    (value) => {
      expect(() => buildGaql({ select: ['change_status.resource_name'], from: 'change_status', where: [{ field: 'change_status.last_change_date_time', op: '>=', value: { datetime: value } }] })).toThrow(
        GaqlBuildError,
      );
    },
  );

  it('refuses an id that is not digits in a re-sync query', () => {
    expect(() => googleAdGroupsQuery(['12 OR 1=1'])).toThrow(GaqlBuildError);
  });
});

describe('Google import dates', () => {
  const instant = new Date('2026-11-29T15:04:05.678Z');

  it.each([
    ['America/New_York', '2026-11-29 10:04:05'],
    ['Asia/Tokyo', '2026-11-30 00:04:05'],
    ['Europe/London', '2026-11-29 15:04:05'],
    [null, '2026-11-29 15:04:05'],
    ['Not/AZone', '2026-11-29 15:04:05'],
  ])('writes an instant in %s as %s', (zone, expected) => {
    expect(googleDateTime(instant, zone)).toBe(expected);
  });

  it.each([
    ['a full window', '2026-11-29', 90, { from: '2026-09-01', to: '2026-11-29' }],
    ['a re-sync window', '2026-11-29', 28, { from: '2026-11-02', to: '2026-11-29' }],
    ['one day', '2026-03-01', 1, { from: '2026-03-01', to: '2026-03-01' }],
    ['at least one day', '2026-03-01', 0, { from: '2026-03-01', to: '2026-03-01' }],
    ['across a leap day', '2028-03-01', 2, { from: '2028-02-29', to: '2028-03-01' }],
  ])('%s', (_name, today, days, expected) => {
    expect(googleDateRange(today, days)).toEqual(expected);
  });

  const now = new Date('2026-11-29T12:00:00Z');

  it.each([
    ['from just before the last sync started, in the account time zone', { startedAt: new Date('2026-11-29T06:00:00Z'), endedAt: new Date('2026-11-29T07:00:00Z') }, 'America/New_York', { since: '2026-11-29 00:45:00', until: '2026-11-29 08:00:00' }],
    ['from a day before its end when its start is unknown', { endedAt: new Date('2026-11-29T06:00:00Z') }, 'UTC', { since: '2026-11-28 05:45:00', until: '2026-11-29 13:00:00' }],
    ['15 hours earlier when the time zone is unknown', { startedAt: new Date('2026-11-29T06:00:00Z'), endedAt: null }, null, { since: '2026-11-28 14:45:00', until: '2026-11-29 13:00:00' }],
  ])('a re-sync scans change_status %s', (_name, last, zone, expected) => {
    expect(googleChangeWindow(last, now, zone)).toEqual(expected);
  });

  it.each([
    ['never synced', { startedAt: null, endedAt: null }],
    ['synced longer ago than change_status reaches', { startedAt: new Date('2026-09-01T00:00:00Z'), endedAt: new Date('2026-09-01T01:00:00Z') }],
  ])('copies everything when %s', (_name, last) => {
    expect(googleChangeWindow(last, now, 'UTC')).toBeNull();
  });
});

describe('Google import mappers', () => {
  it('maps a campaign row: int64 strings, money in micros and units, the row currency, absent fields as null', () => {
    const row: GoogleAdsRow = {
      campaign: { resourceName: 'customers/1/campaigns/111', id: '111', name: 'Spring', status: 'ENABLED', advertisingChannelType: 'SEARCH', startDateTime: '2026-11-01 00:00:00' },
      campaignBudget: { resourceName: 'customers/1/campaignBudgets/9', amountMicros: '50000000' },
      customer: { resourceName: 'customers/1', currencyCode: 'EUR' },
    };
    expect(mapGoogleCampaigns([row], 'USD')).toEqual([
      {
        campaign_id: '111',
        name: 'Spring',
        status: 'ENABLED',
        advertising_channel_type: 'SEARCH',
        bidding_strategy_type: null,
        budget_micros: 50_000_000,
        currency: 'EUR',
        data: {
          campaign_id: '111',
          campaign_name: 'Spring',
          campaign_status: 'ENABLED',
          advertising_channel_type: 'SEARCH',
          bidding_strategy_type: null,
          start_date_time: '2026-11-01 00:00:00',
          end_date_time: null,
          budget_amount_micros: 50_000_000,
          budget_amount: 50,
          currency: 'EUR',
        },
      },
    ]);
  });

  it.each([
    ['the account currency when the row has none', [{ campaign: { id: '1' } }], 'USD', [{ campaign_id: '1', currency: 'USD', budget_micros: null }]],
    ['no currency at all', [{ campaign: { id: '1' } }], null, [{ campaign_id: '1', currency: null }]],
    ['a row without id dropped', [{ campaign: { name: 'x' } }], 'USD', []],
    ['the last of two rows with one id', [{ campaign: { id: '1', name: 'a' } }, { campaign: { id: '1', name: 'b' } }], 'USD', [{ campaign_id: '1', name: 'b' }]],
  ])('campaigns: %s', (_name, rows, currency, expected) => {
    expect(mapGoogleCampaigns(rows as GoogleAdsRow[], currency)).toEqual(expected.map((record) => expect.objectContaining(record)));
  });

  it('maps ad groups with their campaign and bid', () => {
    const rows: GoogleAdsRow[] = [
      { adGroup: { id: '211', name: 'Shoes', status: 'ENABLED', type: 'SEARCH_STANDARD', cpcBidMicros: '1500000' }, campaign: { id: '111' }, customer: { currencyCode: 'USD' } },
      { adGroup: { id: '212', name: 'Boots', status: 'PAUSED' }, campaign: { id: '112' } },
    ];
    expect(mapGoogleAdGroups(rows, 'GBP')).toEqual([
      expect.objectContaining({ ad_group_id: '211', campaign_id: '111', name: 'Shoes', status: 'ENABLED', type: 'SEARCH_STANDARD', cpc_bid_micros: 1_500_000, currency: 'USD' }),
      expect.objectContaining({ ad_group_id: '212', campaign_id: '112', name: 'Boots', status: 'PAUSED', type: null, cpc_bid_micros: null, currency: 'GBP' }),
    ]);
    expect(mapGoogleAdGroups(rows, 'GBP')[0].data).toMatchObject({ cpc_bid_micros: 1_500_000, cpc_bid: 1.5 });
  });

  it('keys ads by ad group and ad (one ad in two ad groups is two rows), texts flattened', () => {
    const ad = (adGroupId: string): GoogleAdsRow => ({
      adGroupAd: { status: 'ENABLED', ad: { id: '311', type: 'RESPONSIVE_SEARCH_AD', finalUrls: ['https://a.test'], responsiveSearchAd: { headlines: [{ text: 'H1' }, { text: 'H2' }] } } },
      adGroup: { id: adGroupId },
      campaign: { id: '111' },
    });
    const records = mapGoogleAds([ad('211'), ad('212'), ad('211'), { adGroupAd: { ad: { id: '9' } } }]);
    expect(records.map((record) => [record.ad_group_id, record.ad_id])).toEqual([
      ['211', '311'],
      ['212', '311'],
    ]);
    expect(records[0]).toMatchObject({ campaign_id: '111', status: 'ENABLED', type: 'RESPONSIVE_SEARCH_AD', name: null });
    expect(records[0].data).toMatchObject({ final_urls: ['https://a.test'], headlines: ['H1', 'H2'], descriptions: [] });
  });

  it('maps daily metrics as numbers, zeros where Google left a metric out', () => {
    const rows: GoogleAdsRow[] = [
      {
        campaign: { id: '111' },
        segments: { date: '2026-11-01' },
        metrics: { impressions: '1000', clicks: '40', costMicros: '12500000', conversions: 2, ctr: 0.04, averageCpc: 312500 },
        customer: { currencyCode: 'USD' },
      },
      { campaign: { id: '111' }, segments: { date: '2026-11-02' }, metrics: { impressions: '5' } },
      { campaign: { id: '111' }, segments: { date: 'yesterday' }, metrics: { impressions: '5' } },
    ];
    const records = mapGoogleCampaignMetrics(rows, 'EUR');
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      campaign_id: '111',
      date: '2026-11-01',
      impressions: 1000,
      clicks: 40,
      cost_micros: 12_500_000,
      conversions: 2,
      conversions_value: 0,
      all_conversions: 0,
      interactions: 0,
      ctr: 0.04,
      average_cpc_micros: 312500,
      average_cpm_micros: 0,
      currency: 'USD',
      data: expect.objectContaining({ cost_micros: 12_500_000, cost: 12.5, average_cpc: 0.3125, currency: 'USD' }),
    });
    expect(records[1]).toMatchObject({ date: '2026-11-02', impressions: 5, clicks: 0, cost_micros: 0, currency: 'EUR' });
  });

  it.each([
    [
      'ad groups',
      'ad_group' as const,
      [
        { changeStatus: { adGroup: 'customers/1234567890/adGroups/211' } },
        { changeStatus: { adGroup: 'customers/1234567890/adGroups/212' } },
        { changeStatus: { adGroup: 'customers/1234567890/adGroups/211' } },
        { changeStatus: {} },
      ],
      ['211', '212'],
    ],
    [
      'ads',
      'ad_group_ad' as const,
      [{ changeStatus: { adGroupAd: 'customers/1234567890/adGroupAds/211~311' } }, { changeStatus: { adGroupAd: 'customers/1234567890/adGroups/211' } }],
      ['311'],
    ],
  ])('reads the changed %s from change_status', (_name, type, rows, expected) => {
    expect(googleChangedIds(rows as GoogleAdsRow[], type)).toEqual(expected);
  });

  it.each([
    ['an expired page token', { requestError: 'EXPIRED_PAGE_TOKEN' }, true, false],
    ['an invalid page token', { requestError: 'INVALID_PAGE_TOKEN' }, true, false],
    ['metrics asked of a manager', { queryError: 'REQUESTED_METRICS_FOR_MANAGER' }, false, true],
    ['another request error', { queryError: 'UNRECOGNIZED_FIELD' }, false, false],
  ])('tells %s apart', (_name, errorCode, pageToken, manager) => {
    const error = failure(errorCode);
    expect(isGooglePageTokenRefused(error)).toBe(pageToken);
    expect(isGoogleMetricsForManager(error)).toBe(manager);
  });

  it('does not take other errors for a refused page token', () => {
    expect(isGooglePageTokenRefused(new Error('EXPIRED_PAGE_TOKEN'))).toBe(false);
    expect(isGooglePageTokenRefused(failure({ authenticationError: 'OAUTH_TOKEN_EXPIRED' }, 401))).toBe(false);
  });
});
