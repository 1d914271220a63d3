import { META_APP_KEY, MetaThrottle, MetaThrottleOptions } from '../../src/platforms/meta/meta-throttle';

/** A clock that only moves when the throttle sleeps (or the test says so), and the sleeps it saw. */
function virtualTime(start = 1_000_000) {
  const time = { now: start, sleeps: [] as number[] };
  const options: Partial<MetaThrottleOptions> = {
    now: () => time.now,
    sleep: async (ms: number) => {
      time.sleeps.push(ms);
      time.now += ms;
    },
  };
  return { time, options };
}

const bucHeader = (percent: number, regainMinutes = 0) =>
  JSON.stringify({ '1001': [{ type: 'ads_management', call_count: percent, total_time: 1, total_cputime: 1, estimated_time_to_regain_access: regainMinutes }] });
const appHeader = (percent: number) => JSON.stringify({ call_count: percent, total_time: 1, total_cputime: 1 });

describe('MetaThrottle', () => {
  it.each([
    ['/act_1001/campaigns', [META_APP_KEY, 'act_1001']],
    ['/act_1001', [META_APP_KEY, 'act_1001']],
    ['http://graph.test/v25.0/act_42/insights?after=abc', [META_APP_KEY, 'act_42']],
    ['/me/adaccounts', [META_APP_KEY]],
    ['/900/leadgen_forms', [META_APP_KEY]],
    ['/search?q=act_5', [META_APP_KEY]],
    ['/react_1001/x', [META_APP_KEY]],
  ])('keysFor(%s)', (path, keys) => {
    expect(MetaThrottle.keysFor(path)).toEqual(keys);
  });

  it.each([
    [0, 0],
    [74.9, 0],
    [75, 100],
    [80, 400],
    [87.5, 1000],
    [90, 1200],
    [100, 2000],
    [250, 2000],
  ])('spaces calls at %p %% by %p ms', (percent, ms) => {
    expect(new MetaThrottle().delayForPercent(percent)).toBe(ms);
  });

  it('lets calls through without waiting while usage is low or unknown', async () => {
    const { time, options } = virtualTime();
    const throttle = new MetaThrottle(options);
    const keys = MetaThrottle.keysFor('/act_1001/ads');
    expect(await throttle.beforeCall(keys)).toBe(0);
    throttle.observe(keys, { 'x-business-use-case-usage': bucHeader(74), 'x-app-usage': appHeader(10) });
    expect(await throttle.beforeCall(keys)).toBe(0);
    expect(await throttle.beforeCall(keys)).toBe(0);
    expect(time.sleeps).toEqual([]);
  });

  it('after high account usage, spaces later calls of that account only', async () => {
    const { time, options } = virtualTime();
    const throttle = new MetaThrottle(options);
    const account = MetaThrottle.keysFor('/act_1001/ads');
    await throttle.beforeCall(account);
    throttle.observe(account, { 'x-business-use-case-usage': bucHeader(90) });

    // Three calls in a row: each goes out 1.2 s after the previous one.
    expect(await throttle.beforeCall(account)).toBe(1200);
    expect(await throttle.beforeCall(account)).toBe(1200);
    time.now += 500;
    expect(await throttle.beforeCall(account)).toBe(700);
    expect(time.sleeps).toEqual([1200, 1200, 700]);

    // Another account and app-only calls are not slowed down.
    expect(await throttle.beforeCall(MetaThrottle.keysFor('/act_2002/ads'))).toBe(0);
    expect(await throttle.beforeCall(MetaThrottle.keysFor('/me'))).toBe(0);
  });

  it('concurrent calls of a hot key queue behind each other', async () => {
    const { options } = virtualTime();
    const waits: number[] = [];
    const throttle = new MetaThrottle({ ...options, sleep: async (ms) => void waits.push(ms) });
    const account = MetaThrottle.keysFor('/act_1001/ads');
    await throttle.beforeCall(account);
    throttle.observe(account, { 'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 30 }) });
    await Promise.all([throttle.beforeCall(account), throttle.beforeCall(account), throttle.beforeCall(account)]);
    expect(waits).toEqual([2000, 4000, 6000]);
  });

  it('high app usage slows every call; a response without usage headers clears it', async () => {
    const { time, options } = virtualTime();
    const throttle = new MetaThrottle(options);
    await throttle.beforeCall([META_APP_KEY]);
    throttle.observe([META_APP_KEY], { 'x-app-usage': appHeader(80) });
    expect(await throttle.beforeCall(MetaThrottle.keysFor('/act_3003/ads'))).toBe(400);
    throttle.observe(MetaThrottle.keysFor('/act_3003/ads'), {});
    expect(await throttle.beforeCall(MetaThrottle.keysFor('/me'))).toBe(0);
    expect(time.sleeps).toEqual([400]);
  });

  it('forgets a usage reading older than its time to live', async () => {
    const { time, options } = virtualTime();
    const throttle = new MetaThrottle({ ...options, usageTtlMs: 10_000 });
    const account = MetaThrottle.keysFor('/act_1001/ads');
    throttle.observe(account, { 'x-business-use-case-usage': bucHeader(100) });
    expect(throttle.snapshot('act_1001')).toEqual({ percent: 100, blockedForMs: 0 });
    time.now += 10_001;
    expect(throttle.snapshot('act_1001')).toEqual({ percent: 0, blockedForMs: 0 });
    expect(await throttle.beforeCall(account)).toBe(0);
  });

  describe('planRetry after a throttling error', () => {
    it('blocks the keys for a short wait and asks to retry after at least the backoff', async () => {
      const { time, options } = virtualTime();
      const throttle = new MetaThrottle(options);
      const account = MetaThrottle.keysFor('/act_1001/ads');
      expect(throttle.planRetry(account, 1.2, 1, 0)).toBe(1200);
      expect(throttle.snapshot('act_1001')).toEqual({ percent: 0, blockedForMs: 1200 });
      expect(throttle.snapshot(META_APP_KEY)).toEqual({ percent: 0, blockedForMs: 1200 });

      // Another call of the account meanwhile waits for the block.
      time.now += 200;
      expect(await throttle.beforeCall(MetaThrottle.keysFor('/act_1001/campaigns'))).toBe(1000);
      expect(throttle.snapshot('act_1001')!.blockedForMs).toBe(0);
    });

    it.each([
      // [retry-after seconds, retry number, already waited, expected wait]
      [0.3, 1, 0, 500],
      [0.3, 2, 500, 1000],
      [0.3, 3, 1500, 2000],
      [0.3, 4, 3500, undefined],
      [3, 1, 0, 3000],
      [3, 2, 3000, undefined],
      [5, 1, 0, 5000],
      [5.001, 1, 0, undefined],
      [60, 1, 0, undefined],
      [300, 1, 0, undefined],
      [undefined, 1, 0, undefined],
    ])('retry-after %p s, retry %p, %p ms waited → %p', (seconds, retry, waited, expected) => {
      const { options } = virtualTime();
      expect(new MetaThrottle(options).planRetry(['app'], seconds, retry, waited)).toBe(expected);
    });

    it('does not block for a long wait: that 429 goes to the caller and nothing else is held back', async () => {
      const { time, options } = virtualTime();
      const throttle = new MetaThrottle(options);
      const account = MetaThrottle.keysFor('/act_1001/ads');
      expect(throttle.planRetry(account, 300, 1, 0)).toBeUndefined();
      expect(await throttle.beforeCall(account)).toBe(0);
      expect(time.sleeps).toEqual([]);
    });

    it('still blocks other calls when this call has spent its budget', () => {
      const { options } = virtualTime();
      const throttle = new MetaThrottle(options);
      expect(throttle.planRetry(['app', 'act_9'], 3, 2, 3000)).toBeUndefined();
      expect(throttle.snapshot('act_9')!.blockedForMs).toBe(3000);
    });

    it('the budget is a constructor option', () => {
      const { options } = virtualTime();
      const patient = new MetaThrottle({ ...options, retryBudgetMs: 90_000 });
      expect(patient.planRetry(['app'], 60, 1, 0)).toBe(60_000);
      expect(new MetaThrottle(options).options.retryBudgetMs).toBe(5_000);
    });
  });
});
