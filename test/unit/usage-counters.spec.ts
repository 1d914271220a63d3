import { UsageCounters } from '../../src/usage/usage-counters';
import { summarizeUsage } from '../../src/usage/usage.service';

const T1 = '00000000-0000-4000-8000-000000000001';
const T2 = '00000000-0000-4000-8000-000000000002';

describe('UsageCounters', () => {
  it('adds up per tenant, UTC day, endpoint and platform, and drains in key order', () => {
    let now = Date.parse('2026-03-15T23:59:59Z');
    const counters = new UsageCounters(() => now);
    counters.add(T2, 'GET /a', '', 1, 0);
    counters.add(T1, 'GET /b', '', 1, 0);
    counters.add(T1, 'GET /b', '', 1, 0);
    counters.add(T1, 'GET /b', 'meta', 0, 3);
    now += 1000;
    counters.add(T1, 'GET /b', '', 1, 0);
    expect(counters.drain()).toEqual([
      { tenantId: T1, day: '2026-03-15', endpoint: 'GET /b', platform: '', requests: 2, platformCalls: 0 },
      { tenantId: T1, day: '2026-03-15', endpoint: 'GET /b', platform: 'meta', requests: 0, platformCalls: 3 },
      { tenantId: T1, day: '2026-03-16', endpoint: 'GET /b', platform: '', requests: 1, platformCalls: 0 },
      { tenantId: T2, day: '2026-03-15', endpoint: 'GET /a', platform: '', requests: 1, platformCalls: 0 },
    ]);
    expect(counters.size).toBe(0);
  });

  it('restores counts whose write failed, merged with what was counted since', () => {
    const counters = new UsageCounters(() => Date.parse('2026-03-15T12:00:00Z'));
    counters.add(T1, 'GET /a', '', 2, 0);
    const failed = counters.drain();
    counters.add(T1, 'GET /a', '', 1, 0);
    counters.restore(failed);
    expect(counters.drain()).toEqual([{ tenantId: T1, day: '2026-03-15', endpoint: 'GET /a', platform: '', requests: 3, platformCalls: 0 }]);
  });
});

describe('summarizeUsage', () => {
  it('pivots platform rows into one item per day and endpoint, with totals', () => {
    const summary = summarizeUsage('2026-03-01', '2026-03-02', [
      { date: '2026-03-01', endpoint: 'GET /x', platform: '', requests: 4, platformCalls: 0 },
      { date: '2026-03-01', endpoint: 'GET /x', platform: 'google', requests: 0, platformCalls: 1 },
      { date: '2026-03-01', endpoint: 'GET /x', platform: 'meta', requests: 0, platformCalls: 6 },
      { date: '2026-03-01', endpoint: 'job:import', platform: 'meta', requests: 0, platformCalls: 2 },
      { date: '2026-03-02', endpoint: 'GET /x', platform: '', requests: 1, platformCalls: 0 },
    ]);
    expect(summary).toEqual({
      from: '2026-03-01',
      to: '2026-03-02',
      totals: { requests: 5, platformCalls: { meta: 8, google: 1 } },
      items: [
        { date: '2026-03-01', endpoint: 'GET /x', requests: 4, platformCalls: { meta: 6, google: 1 } },
        { date: '2026-03-01', endpoint: 'job:import', requests: 0, platformCalls: { meta: 2, google: 0 } },
        { date: '2026-03-02', endpoint: 'GET /x', requests: 1, platformCalls: { meta: 0, google: 0 } },
      ],
    });
  });
});
