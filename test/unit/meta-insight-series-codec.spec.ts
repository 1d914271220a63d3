import { parseNumberArray, seriesActionKeys, seriesLists, totalsLiteral } from '../../src/sync/meta/meta-insight-series.codec';
import type { InsightSeries } from '../../src/sync/meta/meta-insights-rollup';

const series: InsightSeries = {
  campaignId: '1',
  breakdownValue: 'male',
  campaignName: 'Spring',
  firstDay: 20_000,
  days: [1, 1, 2],
  impressions: [100, 100, 2 ** 53 - 1],
  clicks: [3, 3, 9],
  spend: [250, 250, 700],
  actions: { 'offsite_conversion.fb_pixel_purchase': [0, 1, 1], link_click: [2, 2, 5] },
  actionValues: { purchase: [0.1, 0.3, 12.000001] },
};

describe('series totals as stored', () => {
  it('names the action columns, actions then values, each sorted by type', () => {
    expect(seriesActionKeys(series)).toEqual(['actions.link_click', 'actions.offsite_conversion.fb_pixel_purchase', 'action_values.purchase']);
    expect(seriesActionKeys({ actions: {}, actionValues: {} })).toEqual([]);
  });

  it('writes the totals day by day and reads the same lists back', () => {
    const keys = seriesActionKeys(series);
    const literal = totalsLiteral(series, keys);
    expect(literal).toBe(`{1,100,3,250,2,0,0.1,1,100,3,250,2,1,0.3,2,${2 ** 53 - 1},9,700,5,1,12.000001}`);
    const { campaignId, breakdownValue, campaignName, firstDay, ...lists } = series;
    expect(seriesLists(keys, parseNumberArray(literal))).toEqual(lists);
    expect([campaignId, breakdownValue, campaignName, firstDay]).toEqual(['1', 'male', 'Spring', 20_000]);
  });

  it('reads an array as PostgreSQL writes it, and NULL or {} as nothing', () => {
    expect(parseNumberArray('{1,2.5,-3,1e+21,4.5e-07}')).toEqual([1, 2.5, -3, 1e21, 4.5e-7]);
    expect(parseNumberArray('{}')).toEqual([]);
    expect(parseNumberArray(null)).toEqual([]);
  });
});
