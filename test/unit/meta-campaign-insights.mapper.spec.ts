import {
  mapMetaDailyCampaignInsight,
  metaCurrencyFactor,
  metaMinorToMoney,
  metaMoneyToMinor,
} from '../../src/platforms/meta/meta-campaign-insights.mapper';
import { metaCampaignDailyParams, metaRangeDays, metaUsesAsyncReport } from '../../src/platforms/meta/meta-insights-report.client';

describe('Meta money in minor units', () => {
  it.each([
    ['12.5', 'USD', 1250],
    ['12.50', 'USD', 1250],
    ['0.29', 'USD', 29],
    ['1234.567', 'USD', 123457],
    ['1234.564', 'USD', 123456],
    ['.5', 'EUR', 50],
    ['7', 'EUR', 700],
    ['-3.20', 'USD', -320],
    ['1234', 'JPY', 1234],
    ['1234.6', 'JPY', 1235],
    ['1500', 'KRW', 1500],
    ['19.99', null, 1999],
    ['1e3', 'USD', 100000],
  ])('%s %s is %d minor units', (value, currency, minor) => {
    expect(metaMoneyToMinor(value, currency)).toBe(minor);
  });

  it('reads numbers too and refuses what is not money', () => {
    expect(metaMoneyToMinor(12.34, 'USD')).toBe(1234);
    expect(metaMoneyToMinor('', 'USD')).toBeNull();
    expect(metaMoneyToMinor('abc', 'USD')).toBeNull();
    expect(metaMoneyToMinor(undefined, 'USD')).toBeNull();
  });

  it('turns minor units back into the number the live read answers', () => {
    expect(metaMinorToMoney(1250, 'USD')).toBe(12.5);
    expect(metaMinorToMoney(29, 'usd')).toBe(0.29);
    expect(metaMinorToMoney(1234, 'JPY')).toBe(1234);
    expect(metaMinorToMoney(123457, null)).toBe(1234.57);
    expect(metaCurrencyFactor('JPY')).toBe(1);
    expect(metaCurrencyFactor('EUR')).toBe(100);
    expect(metaCurrencyFactor('??')).toBe(100);
  });
});

describe('mapMetaDailyCampaignInsight', () => {
  const row = {
    campaign_id: '120001',
    campaign_name: 'Spring',
    account_currency: 'USD',
    impressions: '1000',
    clicks: '40',
    spend: '12.34',
    reach: '800',
    cpm: '12.34',
    cpc: '0.3085',
    ctr: '4',
    actions: [
      { action_type: 'link_click', value: '36' },
      { action_type: 'lead', value: '2' },
    ],
    action_values: [{ action_type: 'purchase', value: '45.67' }],
    gender: 'female',
    date_start: '2026-11-01',
    date_stop: '2026-11-01',
  };

  it('stores counts as integers, spend in cents, rates and actions as numbers', () => {
    expect(mapMetaDailyCampaignInsight(row, 'gender', 'EUR')).toEqual({
      campaignId: '120001',
      campaignName: 'Spring',
      date: '2026-11-01',
      breakdownValue: 'female',
      impressions: 1000,
      clicks: 40,
      spend: 1234,
      currency: 'USD',
      reach: 800,
      cpm: 12.34,
      cpc: 0.3085,
      ctr: 4,
      actions: [
        { action_type: 'link_click', value: 36 },
        { action_type: 'lead', value: 2 },
      ],
      actionValues: [{ action_type: 'purchase', value: 45.67 }],
    });
  });

  it('counts JPY spend in yen and falls back to the account currency', () => {
    const { account_currency: _currency, ...withoutCurrency } = row;
    const mapped = mapMetaDailyCampaignInsight({ ...withoutCurrency, spend: '1520' }, 'none', 'JPY')!;
    expect(mapped).toMatchObject({ spend: 1520, currency: 'JPY', breakdownValue: '' });
  });

  it('leaves out what Meta did not send, and skips rows that cannot be keyed', () => {
    const mapped = mapMetaDailyCampaignInsight({ campaign_id: 7, date_start: '2026-11-02', impressions: '5' }, 'age', 'USD')!;
    expect(mapped).toMatchObject({ campaignId: '7', impressions: 5, clicks: 0, spend: 0, reach: null, cpc: null, actions: null, actionValues: null, breakdownValue: '' });
    expect(mapMetaDailyCampaignInsight({ date_start: '2026-11-02' }, 'none', 'USD')).toBeUndefined();
    expect(mapMetaDailyCampaignInsight({ campaign_id: '1', date_start: 'yesterday' }, 'none', 'USD')).toBeUndefined();
  });
});

describe('daily insights requests', () => {
  it('asks campaign-level daily rows, with the breakdown when there is one', () => {
    expect(metaCampaignDailyParams('none', '2026-08-01', '2026-10-29')).toEqual({
      level: 'campaign',
      fields: 'campaign_id,campaign_name,account_currency,impressions,clicks,spend,reach,cpm,cpc,ctr,actions,action_values',
      time_range: { since: '2026-08-01', until: '2026-10-29' },
      time_increment: 1,
    });
    expect(metaCampaignDailyParams('country', '2026-10-01', '2026-10-02')).toMatchObject({ breakdowns: 'country' });
  });

  it('uses an async report beyond a week', () => {
    expect(metaRangeDays('2026-10-01', '2026-10-07')).toBe(7);
    expect(metaUsesAsyncReport('2026-10-01', '2026-10-07')).toBe(false);
    expect(metaUsesAsyncReport('2026-10-01', '2026-10-08')).toBe(true);
    expect(metaUsesAsyncReport('2026-10-02', '2026-10-29')).toBe(true);
  });
});
