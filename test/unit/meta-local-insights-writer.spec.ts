import { localInsightsJson, RangeRow } from '../../src/sync/meta/meta-local-insights.writer';
import { metaCurrencyFactor } from '../../src/platforms/meta/meta-campaign-insights.mapper';
import type { MetaInsightsRead } from '../../src/sync/meta/meta-insights-source.service';

const read: MetaInsightsRead = { level: 'campaign', breakdown: 'gender', fields: ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values'], startDate: '2026-11-01', endDate: '2026-11-07', live: false };
const rowsOf = (ranges: RangeRow[], query: Partial<MetaInsightsRead>, currency: string | null) => JSON.parse(localInsightsJson(ranges, { ...read, ...query }, currency)) as Array<Record<string, unknown>>;

/** The answer as objects, field by field, serialized by JSON.stringify: what the writer's text must equal. */
function expected(ranges: RangeRow[], query: MetaInsightsRead, factor: number): string {
  const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
  const keys = [...new Set(['campaign_id', 'campaign_name', ...query.fields, 'date_start', 'date_stop'])];
  return JSON.stringify(
    ranges.map((range) => {
      const minus = (i: number) => range.end[i] - (range.start?.[i] ?? 0);
      const [impressions, clicks, spend] = [minus(1), minus(2), minus(3) / factor];
      const actions = (prefix: string) => {
        const stats = range.actionKeys
          .map((key, i) => [key, i + 4] as const)
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, i]) => {
            const [to, from] = [range.end[i], range.start?.[i] ?? 0];
            return { action_type: key.slice(prefix.length), value: Number.isInteger(to) && Number.isInteger(from) ? to - from : round6(to - from) };
          })
          .filter((stat) => stat.value !== 0)
          .sort((a, b) => (a.action_type < b.action_type ? -1 : 1));
        return stats.length > 0 ? stats : undefined;
      };
      const values: Record<string, unknown> = {
        campaign_id: range.campaignId,
        campaign_name: range.campaignName ?? undefined,
        impressions,
        clicks,
        spend,
        cpm: impressions ? round6((spend / impressions) * 1000) : 0,
        cpc: clicks ? round6(spend / clicks) : undefined,
        ctr: impressions ? round6((clicks / impressions) * 100) : 0,
        actions: actions('actions.'),
        action_values: actions('action_values.'),
        date_start: query.startDate,
        date_stop: query.endDate,
      };
      const row: Record<string, unknown> = {};
      for (const key of keys) if (values[key] !== undefined) row[key] = values[key];
      if (query.breakdown) row[query.breakdown] = range.breakdownValue;
      return row;
    }),
  );
}

describe('local insights answer text', () => {
  const keys = ['actions.link_click', 'actions.lead', 'action_values.purchase'];

  it('is shaped like the live row: asked fields, campaign, breakdown value and dates; money in major units', () => {
    const range: RangeRow = { campaignId: '11', breakdownValue: 'female', campaignName: 'Spring', actionKeys: keys, end: [9, 3000, 80, 3702, 75, 2, 37.02], start: [4, 1000, 20, 1234, 25, 2, 12.34] };
    expect(rowsOf([range], {}, 'USD')).toEqual([
      {
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
      },
    ]);
  });

  it('counts yen as yen and leaves out cpc without clicks and empty action lists, like Meta', () => {
    const range: RangeRow = { campaignId: '11', breakdownValue: '', campaignName: null, actionKeys: [], end: [3, 1000, 0, 1234] };
    expect(rowsOf([range], { breakdown: undefined, fields: ['spend', 'cpc', 'ctr', 'actions'] }, 'JPY')).toEqual([{ campaign_id: '11', spend: 1234, ctr: 0, date_start: '2026-11-01', date_stop: '2026-11-07' }]);
  });

  it('writes the same text as serializing the rows as objects, whatever the numbers, names and fields', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const int = (max: number) => Math.floor(random() * max);
    const names = [null, 'Spring', 'Sale "50%" \\ off', 'Été ☀️ 🚀', '', 'a\nb\u0000'];
    const keyLists = [[], keys, ['actions.offsite_conversion.fb_pixel_purchase', 'actions.Lead', 'actions._x', 'action_values.offsite_conversion.fb_pixel_purchase', 'action_values.a']];
    const allFields = ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'ctr', 'actions', 'action_values', 'date_start', 'date_stop', 'campaign_name'];
    for (let round = 0; round < 200; round++) {
      const ranges: RangeRow[] = Array.from({ length: 1 + int(5) }, (_, i) => {
        const actionKeys = keyLists[int(keyLists.length)];
        const start = Array.from({ length: 4 + actionKeys.length }, (_, c) => (c === 0 ? int(5) : c > 4 && int(2) ? int(1e6) / 100 : int(1e7)));
        const end = start.map((value, c) => (int(3) === 0 ? value : c > 4 && int(2) ? Math.round((value + random() * 1e4) * 1e6) / 1e6 : value + int(1e9)));
        end[0] = start[0] + 1 + int(3);
        return { campaignId: String(1000 + i), breakdownValue: ['male', 'unknown', '25-34', 'ÅX'][int(4)], campaignName: names[int(names.length)], actionKeys, end, start: int(4) === 0 ? undefined : start };
      });
      const fields = allFields.filter(() => int(2) === 1);
      const query = { ...read, fields, breakdown: int(3) === 0 ? undefined : read.breakdown };
      const currency = ['USD', 'JPY', 'BHD', null][int(4)];
      expect(localInsightsJson(ranges, query, currency)).toBe(expected(ranges, query, metaCurrencyFactor(currency)));
    }
  });
});
