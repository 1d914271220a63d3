import { metaWaitSeconds, MetaUsage, parseMetaUsage } from '../../src/platforms/meta/meta-usage';

const app = (call_count: unknown, total_time: unknown = 0, total_cputime: unknown = 0) => JSON.stringify({ call_count, total_time, total_cputime });
const account = (acc_id_util_pct: unknown, reset_time_duration?: unknown) =>
  JSON.stringify({ acc_id_util_pct, reset_time_duration, ads_api_access_tier: 'standard_access' });
const buc = (entries: Record<string, Array<Record<string, unknown>>>) => JSON.stringify(entries);
const entry = (call_count: number, estimated_time_to_regain_access: unknown = 0, extra: Record<string, unknown> = {}) => ({
  type: 'ads_management',
  call_count,
  total_cputime: 0,
  total_time: 0,
  estimated_time_to_regain_access,
  ...extra,
});

const rows: Array<{ name: string; headers: Record<string, string | undefined> | undefined; usage: MetaUsage; wait: number | undefined }> = [
  { name: 'no headers', headers: undefined, usage: {}, wait: undefined },
  { name: 'unrelated headers only', headers: { 'content-type': 'application/json' }, usage: {}, wait: undefined },
  { name: 'X-App-Usage: highest of its three counters', headers: { 'x-app-usage': app(28, 61, 25) }, usage: { appPercent: 61, percent: 61 }, wait: undefined },
  { name: 'header names in any case', headers: { 'X-App-Usage': app(12) }, usage: { appPercent: 12, percent: 12 }, wait: undefined },
  {
    name: 'X-Ad-Account-Usage: utilisation and reset time (seconds)',
    headers: { 'x-ad-account-usage': account(9.67, 100) },
    usage: { adAccountPercent: 9.67, resetSeconds: 100, percent: 9.67 },
    wait: 100,
  },
  {
    name: 'X-Business-Use-Case-Usage: object of arrays keyed by object id; highest counter, longest regain (minutes)',
    headers: { 'x-business-use-case-usage': buc({ '66782684': [entry(95, 0), entry(40, 3)], '1234': [entry(20, 2, { total_time: 81 })] }) },
    usage: { businessUseCasePercent: 95, regainMinutes: 3, percent: 95 },
    wait: 180,
  },
  {
    name: 'all three: the highest percentage wins; the regain time wins over the reset time',
    headers: { 'x-app-usage': app(80), 'x-ad-account-usage': account(76, 120), 'x-business-use-case-usage': buc({ '1': [entry(50, 5)] }) },
    usage: { appPercent: 80, adAccountPercent: 76, resetSeconds: 120, businessUseCasePercent: 50, regainMinutes: 5, percent: 80 },
    wait: 300,
  },
  {
    name: 'a regain time of 0 falls back to the reset time',
    headers: { 'x-ad-account-usage': account(100, 60), 'x-business-use-case-usage': buc({ '1': [entry(100, 0)] }) },
    usage: { adAccountPercent: 100, resetSeconds: 60, businessUseCasePercent: 100, regainMinutes: 0, percent: 100 },
    wait: 60,
  },
  {
    name: 'numbers sent as strings are read; fractions are kept',
    headers: { 'x-app-usage': app('30'), 'x-business-use-case-usage': buc({ '1': [entry(10, '0.5')] }) },
    usage: { appPercent: 30, businessUseCasePercent: 10, regainMinutes: 0.5, percent: 30 },
    wait: 30,
  },
  {
    name: 'unreadable values are ignored: bad JSON, arrays, negatives, non-numbers, null entries',
    headers: {
      'x-app-usage': 'not json',
      'x-ad-account-usage': JSON.stringify([1, 2]),
      'x-business-use-case-usage': JSON.stringify({ '1': [null, 'x', { call_count: -5, estimated_time_to_regain_access: 'soon' }], '2': 'nope' }),
    },
    usage: {},
    wait: undefined,
  },
  { name: 'an empty business-use-case object', headers: { 'x-business-use-case-usage': '{}' }, usage: {}, wait: undefined },
];

describe('parseMetaUsage', () => {
  it.each(rows)('$name', ({ headers, usage, wait }) => {
    const parsed = parseMetaUsage(headers);
    expect(parsed).toEqual(usage);
    expect(metaWaitSeconds(parsed)).toBe(wait);
  });
});
