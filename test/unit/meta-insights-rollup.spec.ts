import { buildSeries, InsightSeries, SeriesDay } from '../../src/sync/meta/meta-insights-rollup';
import { parseNumberArray, SERIES_FIXED_COLUMNS, seriesActionKeys, totalsLiteral } from '../../src/sync/meta/meta-insight-series.codec';
import { localInsightsJson } from '../../src/sync/meta/meta-local-insights.writer';
import { MetaInsightSeriesStore } from '../../src/sync/meta/meta-insight-series.store';
import { answerableLocally, MetaInsightsRead } from '../../src/sync/meta/meta-insights-source.service';
import { planInsightsWindow } from '../../src/sync/meta/meta-insights-import.step';

const day = (n: number, extra: Partial<SeriesDay> = {}): SeriesDay => ({
  day: n,
  campaignName: 'Spring',
  impressions: 100 * n,
  clicks: n,
  spend: 250 * n,
  actions: [{ action_type: 'link_click', value: n }],
  actionValues: [{ action_type: 'purchase', value: 0.1 * n }],
  ...extra,
});
const key = { campaignId: '1', breakdownValue: 'male' };

/** Day `index` of a series as stored (through the codec). */
function storedDay(series: InsightSeries, index: number): number[] {
  const keys = seriesActionKeys(series);
  const width = SERIES_FIXED_COLUMNS + keys.length;
  return parseNumberArray(totalsLiteral(series, keys)).slice(index * width, (index + 1) * width);
}

/** A field of the local answer over days after `startIndex` through `endIndex` of a series. */
function rangeField(series: InsightSeries, endIndex: number, startIndex: number, field: string): unknown {
  const range = { ...key, campaignName: null, actionKeys: seriesActionKeys(series), end: storedDay(series, endIndex), start: storedDay(series, startIndex) };
  return (JSON.parse(localInsightsJson([range], { fields: [field], startDate: '2026-01-01', endDate: '2026-01-02' }, 'USD')) as Array<Record<string, unknown>>)[0][field];
}

describe('running totals series', () => {
  it('adds the days up, one element per day from the first day with data to the end, carrying days without data', () => {
    const series = buildSeries(key, undefined, [day(11), day(13, { actions: null, campaignName: null }), day(14, { actions: [{ action_type: 'lead', value: 2 }] })], 10, 15)!;
    expect(series).toEqual({
      ...key,
      campaignName: 'Spring',
      firstDay: 11,
      days: [1, 1, 2, 3, 3],
      impressions: [1100, 1100, 2400, 3800, 3800],
      clicks: [11, 11, 24, 38, 38],
      spend: [2750, 2750, 6000, 9500, 9500],
      actions: { link_click: [11, 11, 11, 11, 11], lead: [0, 0, 0, 2, 2] },
      actionValues: { purchase: [1.1, 1.1, 2.4, 3.8, 3.8] },
    });
    // A range is the element at its end minus the one of the day before its start: days 12..14.
    const [e, b] = [14 - 11, 11 - 11];
    expect([series.days[e] - series.days[b], series.impressions[e] - series.impressions[b]]).toEqual([2, 2700]);
    expect(rangeField(series, e, b, 'actions')).toEqual([{ action_type: 'lead', value: 2 }]);
  });

  it('keeps the days before the window from the old series and adds the window on top, to a later end', () => {
    const old = buildSeries(key, undefined, [day(1), day(2), day(3)], 1, 4)!;
    // Days 3.. again (day 3 revised, day 5 new); days 1 and 2 stay as they were.
    const series = buildSeries(key, old, [day(3, { impressions: 1000 }), day(5)], 3, 6)!;
    expect(series.firstDay).toBe(1);
    expect(series.days).toEqual([1, 2, 3, 3, 4, 4]);
    expect(series.impressions).toEqual([100, 300, 1300, 1300, 1800, 1800]);
    expect(series.actions.link_click).toEqual([1, 3, 6, 6, 11, 11]);
  });

  it('carries an old series that ends early forward, and drops a group with nothing left', () => {
    const old = buildSeries(key, undefined, [day(1)], 1, 2)!;
    expect(buildSeries(key, old, [], 5, 6)!.impressions).toEqual([100, 100, 100, 100, 100, 100]);
    // Its only day is inside the window and Meta no longer reports it.
    expect(buildSeries(key, old, [], 1, 6)).toBeUndefined();
    expect(buildSeries(key, undefined, [], 1, 6)).toBeUndefined();
    // The name of the latest day wins; an old one is kept when the window has none.
    expect(buildSeries(key, { ...old, campaignName: 'Old' }, [day(3, { campaignName: null })], 3, 3)!.campaignName).toBe('Old');
  });

  it('keeps decimal action values exact to the micro and leaves out types that did not change', () => {
    const days = Array.from({ length: 1000 }, (_, i) => day(i, { actionValues: [{ action_type: 'purchase', value: 0.1 }, { action_type: 'lead', value: i === 0 ? 3 : 0 }] }));
    const series = buildSeries(key, undefined, days, 0, 999)!;
    expect(series.actionValues.purchase[999]).toBe(100);
    // Days 3..999: purchase 100 - 0.3 without float noise; lead did not change.
    expect(rangeField(series, 999, 2, 'action_values')).toEqual([{ action_type: 'purchase', value: 99.7 }]);
  });

  it('builds a chunk: groups in key order from stored rows, old groups without rows carried or removed', () => {
    // A group as the roll-up reads it: a list per column, the action lists as JSON texts joined by commas.
    const group = (campaign: string, days: number[], actions: string[] = days.map(() => 'null')) => ({
      campaign_id: campaign,
      breakdown_value: '',
      campaign_name: `C${campaign}`,
      days: `{${days.join(',')}}`,
      impressions: `{${days.map(() => 10).join(',')}}`,
      clicks: `{${days.map(() => 1).join(',')}}`,
      spend: `{${days.map(() => 5).join(',')}}`,
      actions: actions.join(','),
      action_values: days.map(() => 'null').join(','),
    });
    const old = (campaign: string, firstDay: number): InsightSeries => ({ ...buildSeries({ campaignId: campaign, breakdownValue: '' }, undefined, [day(firstDay)], firstDay, 12)! });
    const leads = ['[{"value": 2, "action_type": "lead"}]', 'null'];
    const { series, gone } = MetaInsightSeriesStore.build([group('1', [10, 12], leads), group('2', [11])], [old('2', 5), old('3', 6), old('4', 11)], 10, 12);
    expect(series.map((s) => [s.campaignId, s.campaignName, s.firstDay, s.impressions])).toEqual([
      ['1', 'C1', 10, [10, 10, 20]],
      ['2', 'C2', 5, [500, 500, 500, 500, 500, 500, 510, 510]],
      ['3', 'Spring', 6, [600, 600, 600, 600, 600, 600, 600]],
    ]);
    expect(series[0].actions).toEqual({ lead: [2, 2, 2] });
    expect(series[0].spend).toEqual([5, 5, 10]);
    expect(gone).toEqual([['4', '']]);
  });
});

describe('planInsightsWindow', () => {
  const run = { today: '2026-11-30', historyDays: 90, resyncInsightDays: 28 };

  it('copies the whole history on a full import', () => {
    expect(planInsightsWindow({ ...run, mode: 'full' }, undefined)).toEqual({ since: '2026-09-02', until: '2026-11-30', coverageSince: '2026-09-02' });
  });

  it('copies the last 28 days on a resync and keeps the older days of the copy', () => {
    expect(planInsightsWindow({ ...run, mode: 'resync' }, { since: '2026-08-25', until: '2026-11-29' })).toEqual({
      since: '2026-11-03',
      until: '2026-11-30',
      coverageSince: '2026-08-25',
    });
  });

  it('reaches back to the end of an old copy, within the history, and starts over past it', () => {
    expect(planInsightsWindow({ ...run, mode: 'resync' }, { since: '2026-08-01', until: '2026-10-10' })).toEqual({ since: '2026-10-11', until: '2026-11-30', coverageSince: '2026-08-01' });
    expect(planInsightsWindow({ ...run, mode: 'resync' }, { since: '2026-05-01', until: '2026-06-10' })).toEqual({ since: '2026-09-02', until: '2026-11-30', coverageSince: '2026-09-02' });
  });

  it('treats a resync without a copy as a full import, and never copies more than the history', () => {
    expect(planInsightsWindow({ ...run, mode: 'resync' }, undefined).since).toBe('2026-09-02');
    expect(planInsightsWindow({ ...run, historyDays: 10, mode: 'resync' }, { since: '2026-11-21', until: '2026-11-29' }).since).toBe('2026-11-21');
  });
});

describe('local insights reads', () => {
  const read: MetaInsightsRead = { level: 'campaign', breakdown: 'gender', fields: ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values'], startDate: '2026-11-01', endDate: '2026-11-07', live: false };

  it('is answerable locally only at campaign level, with copied fields, unless live is asked', () => {
    expect(answerableLocally(read)).toBe(true);
    expect(answerableLocally({ ...read, live: true })).toBe(false);
    expect(answerableLocally({ ...read, level: 'adset' })).toBe(false);
    expect(answerableLocally({ ...read, fields: ['impressions', 'reach'] })).toBe(false);
    expect(answerableLocally({ ...read, fields: ['frequency'] })).toBe(false);
  });
});
