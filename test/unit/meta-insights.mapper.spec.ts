import { metaInsightsCurrency, normalizeMetaInsightsRow } from '../../src/platforms/meta/meta-insights.mapper';

describe('normalizeMetaInsightsRow', () => {
  it('turns metric strings into numbers, keeps spend in major units and dates as sent', () => {
    const row = normalizeMetaInsightsRow({
      account_currency: 'EUR',
      impressions: '361324',
      clicks: '1200',
      spend: '5339.5',
      ctr: '0.332111',
      cpm: '14.777',
      frequency: '1.2e0',
      date_start: '2026-11-01',
      date_stop: '2026-11-22',
    });
    expect(row).toEqual({ impressions: 361324, clicks: 1200, spend: 5339.5, ctr: 0.332111, cpm: 14.777, frequency: 1.2, date_start: '2026-11-01', date_stop: '2026-11-22' });
  });

  it('turns action lists into {action_type, value:number}', () => {
    const row = normalizeMetaInsightsRow({
      actions: [
        { action_type: 'link_click', value: '75', '7d_click': '75' },
        { action_type: 'lead', value: '3' },
      ],
      action_values: [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: '129.99' }],
      conversions: [{ action_type: 'purchase', value: '2' }],
    });
    expect(row).toEqual({
      actions: [
        { action_type: 'link_click', value: 75 },
        { action_type: 'lead', value: 3 },
      ],
      action_values: [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: 129.99 }],
      conversions: [{ action_type: 'purchase', value: 2 }],
    });
  });

  it('keeps breakdown values as strings, even numeric-looking ones', () => {
    expect(normalizeMetaInsightsRow({ age: '18-24', region: '4081', impressions: '10' }, 'region')).toEqual({ age: '18-24', region: '4081', impressions: 10 });
  });

  it('exposes the day of a date breakdown as `date`', () => {
    expect(normalizeMetaInsightsRow({ spend: '1.5', date_start: '2026-11-02', date_stop: '2026-11-02' }, 'date')).toEqual({
      spend: 1.5,
      date: '2026-11-02',
      date_start: '2026-11-02',
      date_stop: '2026-11-02',
    });
  });

  it('leaves non-numeric metric values alone', () => {
    expect(normalizeMetaInsightsRow({ spend: '', cpc: 'n/a', clicks: 4 })).toEqual({ spend: '', cpc: 'n/a', clicks: 4 });
  });
});

describe('metaInsightsCurrency', () => {
  it('reads account_currency from the first row that has it', () => {
    expect(metaInsightsCurrency([{ impressions: '1' }, { account_currency: 'USD' }])).toBe('USD');
  });
  it('is null without rows', () => {
    expect(metaInsightsCurrency([])).toBeNull();
  });
});
