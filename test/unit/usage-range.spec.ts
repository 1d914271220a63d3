import { resolveUsageRange } from '../../src/usage/usage-range';

const NOW = Date.parse('2026-03-15T18:30:00Z');

describe('resolveUsageRange', () => {
  it.each([
    ['both given', '2026-03-01', '2026-03-10', { from: '2026-03-01', to: '2026-03-10' }],
    ['one day', '2026-03-01', '2026-03-01', { from: '2026-03-01', to: '2026-03-01' }],
    ['defaults: the last 30 UTC days', undefined, undefined, { from: '2026-02-14', to: '2026-03-15' }],
    ['from defaults to 29 days before to', undefined, '2026-01-31', { from: '2026-01-02', to: '2026-01-31' }],
    ['to defaults to today', '2026-03-14', undefined, { from: '2026-03-14', to: '2026-03-15' }],
    ['366 days (a leap year) is allowed', '2024-01-01', '2024-12-31', { from: '2024-01-01', to: '2024-12-31' }],
  ])('%s', (_name, from, to, expected) => {
    expect(resolveUsageRange(from, to, NOW)).toEqual(expected);
  });

  it.each([
    ['not a date', 'yesterday', '2026-03-10', ['from must be a calendar date written YYYY-MM-DD']],
    ['not a calendar date', '2026-02-30', '2026-03-10', ['from must be a calendar date written YYYY-MM-DD']],
    ['time included', '2026-03-01', '2026-03-10T00:00:00Z', ['to must be a calendar date written YYYY-MM-DD']],
    ['both bad', '2026-13-01', '20260310', ['to must be a calendar date written YYYY-MM-DD', 'from must be a calendar date written YYYY-MM-DD']],
    ['from after to', '2026-03-11', '2026-03-10', ['from must not be after to']],
    ['367 days', '2025-01-01', '2026-01-02', ['the range may span at most 366 days']],
  ])('refuses %s', (_name, from, to, problems) => {
    expect(resolveUsageRange(from, to, NOW)).toEqual({ problems });
  });
});
