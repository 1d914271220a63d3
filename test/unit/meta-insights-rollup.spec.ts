import { actionsBetween, advanceTotals, DailyNumbers, RunningTotals } from '../../src/sync/meta/meta-insights-rollup';
import { answerableLocally, localInsightsRows, MetaInsightsRead } from '../../src/sync/meta/meta-insights-source.service';
import { planInsightsWindow } from '../../src/sync/meta/meta-insights-import.step';

const day = (campaignId: string, value: string, n: number, extra: Partial<DailyNumbers> = {}): DailyNumbers => ({
  campaignId,
  breakdownValue: value,
  campaignName: `C${campaignId}`,
  impressions: 100 * n,
  clicks: n,
  spend: 250 * n,
  actions: [{ action_type: 'link_click', value: n }],
  actionValues: [{ action_type: 'purchase', value: 0.1 * n }],
  ...extra,
});

describe('running totals', () => {
  it('carries every group forward and adds the day, so a range is the end minus the day before', () => {
    const totals = new Map<string, RunningTotals>();
    const days = [[day('1', 'male', 1), day('1', 'female', 2)], [], [day('1', 'male', 3), day('2', 'male', 5, { campaignName: null })], [day('1', 'male', 4, { actions: null })]];
    const snapshots = days.map((rows) => new Map([...advanceTotals(totals, rows)].map(([key, value]) => [key, { ...value }])));
    const at = (index: number, key: string) => snapshots[index].get(key);
    const male1 = '1\u0000male';

    expect([...snapshots[1].keys()]).toEqual(['1\u0000male', '1\u0000female']);
    expect(at(1, male1)).toEqual(at(0, male1));
    expect(at(3, male1)).toMatchObject({ days: 3, impressions: 800, clicks: 8, spend: 2000, actions: { link_click: 4 }, actionValues: { purchase: 0.8 } });
    expect(at(2, '2\u0000male')).toMatchObject({ campaignName: null, days: 1 });

    // Days 1..3 of campaign 1, male: end (day 3) minus day 0.
    const [end, start] = [at(3, male1)!, at(0, male1)!];
    expect([end.days - start.days, end.impressions - start.impressions, end.clicks - start.clicks, end.spend - start.spend]).toEqual([2, 700, 7, 1750]);
    expect(actionsBetween(end.actions, start.actions)).toEqual([{ action_type: 'link_click', value: 3 }]);
    expect(actionsBetween(end.actionValues, start.actionValues)).toEqual([{ action_type: 'purchase', value: 0.7 }]);
    // Nothing happened to the female group after day 0: no new day, so no row for the range.
    expect(at(3, '1\u0000female')!.days - at(0, '1\u0000female')!.days).toBe(0);
    // A group that starts inside the range has no start.
    expect(actionsBetween(at(3, '2\u0000male')!.actions, undefined)).toEqual([{ action_type: 'link_click', value: 5 }]);
  });

  it('keeps decimal action values exact to the micro and leaves out types that did not change', () => {
    const totals = new Map<string, RunningTotals>();
    for (let i = 0; i < 1000; i++) advanceTotals(totals, [day('1', '', 1, { actionValues: [{ action_type: 'purchase', value: 0.1 }, { action_type: 'lead', value: i === 0 ? 3 : 0 }] })]);
    const end = totals.get('1\u0000')!;
    expect(end.actionValues.purchase).toBe(100);
    expect(actionsBetween(end.actionValues, { purchase: 0.3, lead: 3 })).toEqual([{ action_type: 'purchase', value: 99.7 }]);
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

describe('local insights rows', () => {
  const read: MetaInsightsRead = { level: 'campaign', breakdown: 'gender', fields: ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values'], startDate: '2026-11-01', endDate: '2026-11-07', live: false };
  const totals = (n: number) => ({ actions: { link_click: 25 * n }, actionValues: { purchase: 12.34 * n } });

  it('is shaped like the live row: asked fields, campaign, breakdown value and dates; money in major units', () => {
    const [end, start] = [totals(3), totals(1)];
    const range = { campaignId: '11', breakdownValue: 'female', campaignName: 'Spring', impressions: 2000, clicks: 60, spend: 2468 };
    const [row] = localInsightsRows([{ ...range, actionsEnd: end.actions, actionsStart: start.actions, actionValuesEnd: end.actionValues, actionValuesStart: start.actionValues }], read, 'USD');
    expect(row).toEqual({
      campaign_id: '11',
      campaign_name: 'Spring',
      gender: 'female',
      impressions: 2000,
      clicks: 60,
      spend: 24.68,
      cpm: 12.34,
      cpc: 0.411333,
      actions: [{ action_type: 'link_click', value: 50 }],
      action_values: [{ action_type: 'purchase', value: 24.68 }],
      date_start: '2026-11-01',
      date_stop: '2026-11-07',
    });
  });

  it('counts yen as yen and leaves out cpc without clicks and empty action lists, like Meta', () => {
    const range = { campaignId: '11', breakdownValue: '', campaignName: null, impressions: 1000, clicks: 0, spend: 1234, actionsEnd: {}, actionValuesEnd: {} };
    const [row] = localInsightsRows([range], { ...read, breakdown: undefined, fields: ['spend', 'cpc', 'ctr', 'actions'] }, 'JPY');
    expect(row).toEqual({ campaign_id: '11', spend: 1234, ctr: 0, date_start: '2026-11-01', date_stop: '2026-11-07' });
  });

  it('is answerable locally only at campaign level, with copied fields, unless live is asked', () => {
    expect(answerableLocally(read)).toBe(true);
    expect(answerableLocally({ ...read, live: true })).toBe(false);
    expect(answerableLocally({ ...read, level: 'adset' })).toBe(false);
    expect(answerableLocally({ ...read, fields: ['impressions', 'reach'] })).toBe(false);
    expect(answerableLocally({ ...read, fields: ['frequency'] })).toBe(false);
  });
});
