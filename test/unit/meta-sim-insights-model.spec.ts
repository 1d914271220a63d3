import { mix, splitInteger, wireDecimal, wireNumbers } from '../../src/sandbox/meta/meta-sim-insights-model';

/** What the simulator printed before: the double rounded to 6 decimals. */
const printedDecimal = (value: number) => String(Math.round(value * 1e6) / 1e6);

/** The split by sorting the remainders, as it was written first. */
function sortedSplit(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index]++;
    left--;
  }
  return parts;
}

describe('wireDecimal', () => {
  it('prints what String prints of the value rounded to 6 decimals', () => {
    const values = [0, -0, 1, 0.1, 0.3, 1 / 3, 2 / 3, 1e-7, 4.9e-7, 5e-7, 1e-6, 2.5e-6, 123.4500005, 999_999_999.999999, 1e9, 1e15, 1e21, -1, -0.5, -1e-7, NaN, Infinity, -Infinity];
    for (let i = 0; i < 20_000; i++) {
      const h = mix(i, 7);
      values.push((h / 2 ** 32) * 10 ** ((h % 13) - 3), (h % 5000) / ((h >>> 13) % 997 || 1), ((h % 25_000) / 100 / ((h >>> 7) % 4700 || 1)) * 1000);
    }
    for (const value of values) expect([value, wireDecimal(value)]).toEqual([value, printedDecimal(value)]);
  });
});

describe('splitInteger', () => {
  it('tops up the largest remainders first, the lower index first on a tie, like sorting them', () => {
    for (let i = 0; i < 5_000; i++) {
      const h = mix(i, 11);
      const weights = Array.from({ length: 1 + (h % 6) }, (_v, index) => 1 + (mix(h, index) % 9));
      const total = (h >>> 8) % 30_000;
      expect(splitInteger(total, weights)).toEqual(sortedSplit(total, weights));
    }
    expect(splitInteger(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });
});

describe('wireNumbers', () => {
  it('sends action types in alphabetical order and leaves out empty lists and cpc without clicks', () => {
    const numbers = { impressions: 1000, clicks: 0, spend: 1234, reach: 800, actions: { purchase: 1, link_click: 0, lead: 2 }, actionValues: {} };
    expect(Object.keys(wireNumbers(numbers, 'USD'))).toEqual(['impressions', 'clicks', 'inline_link_clicks', 'unique_clicks', 'spend', 'reach', 'frequency', 'cpm', 'ctr', 'actions']);
    expect(wireNumbers(numbers, 'USD').actions).toEqual([
      { action_type: 'lead', value: '2' },
      { action_type: 'purchase', value: '1' },
    ]);
    expect(wireNumbers({ ...numbers, clicks: 3 }, 'JPY')).toMatchObject({ spend: '1234', cpc: '411.333333', cpm: '1234' });
  });
});
