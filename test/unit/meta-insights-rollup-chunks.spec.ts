import { dayChunks } from '../../src/sync/meta/meta-insights-rollup';

describe('dayChunks (how much the roll-up reads at once)', () => {
  it('groups consecutive days up to the row limit and covers every day once, in order', () => {
    const rows = new Map([
      ['2026-01-01', 4],
      ['2026-01-02', 4],
      ['2026-01-03', 4],
      ['2026-01-04', 1],
    ]);
    expect(dayChunks('2026-01-01', '2026-01-05', rows, 8)).toEqual([
      { start: '2026-01-01', end: '2026-01-02' },
      { start: '2026-01-03', end: '2026-01-05' },
    ]);
  });

  it('puts a day with more rows than the limit in a chunk of its own', () => {
    const rows = new Map([
      ['2026-03-01', 2],
      ['2026-03-02', 50],
      ['2026-03-03', 2],
    ]);
    expect(dayChunks('2026-03-01', '2026-03-03', rows, 10)).toEqual([
      { start: '2026-03-01', end: '2026-03-01' },
      { start: '2026-03-02', end: '2026-03-02' },
      { start: '2026-03-03', end: '2026-03-03' },
    ]);
  });

  it('reads days without rows together, across a month end', () => {
    expect(dayChunks('2026-01-30', '2026-02-02', new Map(), 10)).toEqual([{ start: '2026-01-30', end: '2026-02-02' }]);
  });

  it('answers one chunk for a single day and none for an empty range', () => {
    expect(dayChunks('2026-05-05', '2026-05-05', new Map([['2026-05-05', 99]]), 10)).toEqual([{ start: '2026-05-05', end: '2026-05-05' }]);
    expect(dayChunks('2026-05-06', '2026-05-05', new Map(), 10)).toEqual([]);
  });
});
