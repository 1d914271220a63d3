import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { MemoryRateLimitStorage } from '../../src/rate-limit/memory-rate-limit.storage';
import { rateLimitEnabled, scopeOfTracker, throttlerOptions } from '../../src/rate-limit/rate-limit.options';

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-rate-limit-'));

describe('rate-limit configuration', () => {
  it('defaults to 6000 per tenant and 600 per user per minute', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).rateLimit).toEqual({ tenantPerMinute: 6000, userPerMinute: 600, keyPrefix: 'adlyft:rl:' });
  });

  it('reads the limits and the key prefix; 0 turns a limit off', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), RATE_LIMIT_TENANT_PER_MINUTE: '0', RATE_LIMIT_USER_PER_MINUTE: '7', RATE_LIMIT_KEY_PREFIX: 'test:1:' });
    expect(config.rateLimit).toEqual({ tenantPerMinute: 0, userPerMinute: 7, keyPrefix: 'test:1:' });
    expect(rateLimitEnabled(config.rateLimit)).toBe(true);
    expect(rateLimitEnabled({ ...config.rateLimit, userPerMinute: 0 })).toBe(false);
  });

  it.each([
    ['RATE_LIMIT_TENANT_PER_MINUTE', '-1'],
    ['RATE_LIMIT_USER_PER_MINUTE', 'many'],
    ['RATE_LIMIT_USER_PER_MINUTE', '1.5'],
    ['RATE_LIMIT_KEY_PREFIX', 'has space'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(name);
  });

  it('builds one throttler per enabled limit, keyed across routes by tracker', () => {
    const storage = new MemoryRateLimitStorage();
    const options = throttlerOptions({ tenantPerMinute: 0, userPerMinute: 5, keyPrefix: 'p:' }, storage);
    if (Array.isArray(options)) throw new Error('expected the object form');
    expect(options.throttlers.map((t) => [t.name, t.limit, t.ttl])).toEqual([['user', 5, 60_000]]);
    expect(options.generateKey!(undefined as never, 'user:t:u', 'user')).toBe('p:user:t:u');
    expect(options.setHeaders).toBe(false);
    storage.close();
  });

  it('tells the scope from the tracker', () => {
    expect(scopeOfTracker('tenant:abc')).toBe('tenant');
    expect(scopeOfTracker('user:abc:def')).toBe('user');
  });
});

describe('MemoryRateLimitStorage', () => {
  afterEach(() => jest.useRealTimers());

  it('counts in fixed windows and refuses past the limit until the window resets', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-03-15T12:00:00Z') });
    const storage = new MemoryRateLimitStorage();
    const hit = () => storage.increment('k', 60_000, 2);
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await hit()).isBlocked).toBe(false);
    jest.advanceTimersByTime(20_000);
    expect(await hit()).toEqual({ totalHits: 3, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    expect((await storage.increment('other', 60_000, 2)).isBlocked).toBe(false);
    jest.advanceTimersByTime(40_000);
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    storage.close();
  });
});
