import { bytesOf, DEFAULT_LOCAL_ANSWER_CACHE_BYTES, LocalAnswerCache, localAnswerKey, LocalAnswerScope } from '../../src/sync/local-answer-cache';
import { loadConfig } from '../../src/config/load-config';
import { META_LOCAL_INSIGHT_FIELDS } from '../../src/sync/meta/meta-insights-source.service';
import { localInsightKeys } from '../../src/sync/meta/meta-local-insights.writer';

const scope = (overrides: Partial<LocalAnswerScope> = {}): LocalAnswerScope => ({ tenantId: 'tenant-a', adAccountId: 'account-1', version: 'v1', ...overrides });
const query = (startDate = '2026-01-01', breakdown = 'gender') => ['campaign', breakdown, startDate, '2026-03-31', ['campaign_id', 'impressions']];

/** Stores `json` under the key of the scope and query; returns the key. */
function put(cache: LocalAnswerCache, json: string, at: LocalAnswerScope = scope(), asked: unknown[] = query()): string {
  const key = localAnswerKey(at, asked);
  cache.set(at, key, json);
  return key;
}

describe('local answer cache: keys', () => {
  it('differ by tenant, account, version and every part of the query', () => {
    const base = localAnswerKey(scope(), query());
    expect(localAnswerKey(scope(), query())).toBe(base);
    const others = [
      localAnswerKey(scope({ tenantId: 'tenant-b' }), query()),
      localAnswerKey(scope({ adAccountId: 'account-2' }), query()),
      localAnswerKey(scope({ version: 'v2' }), query()),
      localAnswerKey(scope(), query('2026-01-02')),
      localAnswerKey(scope(), query(undefined, 'age')),
      localAnswerKey(scope(), ['campaign', 'gender', '2026-01-01', '2026-03-31', ['impressions', 'campaign_id']]),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('cannot be forged by a separator inside a part', () => {
    const a = localAnswerKey({ tenantId: 'a","b', adAccountId: 'c', version: 'v' }, []);
    const b = localAnswerKey({ tenantId: 'a', adAccountId: 'b","c', version: 'v' }, []);
    expect(a).not.toBe(b);
  });

  it('name the fields in the order the answer writes them, so field lists giving the same answer share one key', () => {
    const keys = (fields: string[]) => localInsightKeys({ fields });
    expect(keys(['spend', 'impressions', 'spend'])).toEqual(['campaign_id', 'campaign_name', 'spend', 'impressions', 'date_start', 'date_stop']);
    expect(keys(['impressions', 'campaign_id'])).toEqual(keys(['impressions']));
    expect(keys(['campaign_id', 'impressions'])).toEqual(keys(['impressions']));
    expect(keys(['impressions', 'spend'])).not.toEqual(keys(['spend', 'impressions']));
    expect(keys([...META_LOCAL_INSIGHT_FIELDS])).toHaveLength(META_LOCAL_INSIGHT_FIELDS.length);
  });
});

describe('local answer cache: bounds and eviction', () => {
  it('counts two bytes per character of key and string answer, and the length of a Buffer answer', () => {
    const cache = new LocalAnswerCache(1000);
    const key = put(cache, 'x'.repeat(100));
    expect(cache.bytes).toBe(bytesOf(key, 'x'.repeat(100)));
    expect(bytesOf('ab', 'cde')).toBe(10);
    expect(bytesOf('ab', Buffer.from('été'))).toBe(4 + 5);
  });

  it('keeps its bytes under the bound by dropping the least recently used answers', () => {
    const answer = 'y'.repeat(100);
    const one = bytesOf(localAnswerKey(scope(), query('2026-01-01')), answer);
    const cache = new LocalAnswerCache(one * 3);
    const first = put(cache, answer, scope(), query('2026-01-01'));
    const second = put(cache, answer, scope(), query('2026-01-02'));
    const third = put(cache, answer, scope(), query('2026-01-03'));
    expect(cache.size).toBe(3);
    // Reading the first makes the second the least recently used.
    expect(cache.get(first)).toBe(answer);
    const fourth = put(cache, answer, scope(), query('2026-01-04'));
    expect(cache.get(second)).toBeUndefined();
    expect([first, third, fourth].map((key) => cache.get(key))).toEqual([answer, answer, answer]);
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect(cache.bytes).toBe(one * 3);
  });

  it('drops as many old answers as a large one needs', () => {
    const cache = new LocalAnswerCache(2000);
    const small = [1, 2, 3, 4].map((day) => put(cache, 's'.repeat(100), scope(), query(`2026-01-0${day}`)));
    const large = put(cache, 'L'.repeat(700), scope(), query('2026-02-01'));
    expect(cache.get(large)).toBe('L'.repeat(700));
    expect(small.filter((key) => cache.get(key) !== undefined).length).toBeLessThan(4);
    expect(cache.bytes).toBeLessThanOrEqual(2000);
  });

  it('never stores an answer larger than the bound, and keeps what it had', () => {
    const cache = new LocalAnswerCache(500);
    const kept = put(cache, 'k');
    const key = localAnswerKey(scope(), query('2026-05-05'));
    expect(cache.set(scope(), key, 'z'.repeat(300))).toBe(false);
    expect(cache.get(key)).toBeUndefined();
    expect(cache.get(kept)).toBe('k');
  });

  it('stores nothing with a bound of 0', () => {
    const cache = new LocalAnswerCache(0);
    put(cache, 'a');
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('replaces an answer stored again under the same key without counting it twice', () => {
    const cache = new LocalAnswerCache(10_000);
    const key = put(cache, 'first');
    put(cache, 'second');
    expect(cache.get(key)).toBe('second');
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(bytesOf(key, 'second'));
  });
});

describe('local answer cache: tenants, accounts and versions', () => {
  it('gives an answer only under its own tenant and account', () => {
    const cache = new LocalAnswerCache(10_000);
    put(cache, 'tenant a', scope());
    expect(cache.get(localAnswerKey(scope({ tenantId: 'tenant-b' }), query()))).toBeUndefined();
    expect(cache.get(localAnswerKey(scope({ adAccountId: 'account-2' }), query()))).toBeUndefined();
    expect(cache.get(localAnswerKey(scope(), query()))).toBe('tenant a');
  });

  it('drops the answers of an older version when one of a newer version is stored, and only those of that account', () => {
    const cache = new LocalAnswerCache(10_000);
    const old = [put(cache, 'a1', scope(), query('2026-01-01')), put(cache, 'a2', scope(), query('2026-01-02'))];
    const otherAccount = put(cache, 'b', scope({ adAccountId: 'account-2' }));
    const otherTenant = put(cache, 'c', scope({ tenantId: 'tenant-b' }));
    const fresh = put(cache, 'a3', scope({ version: 'v2' }));
    expect(old.map((key) => cache.get(key))).toEqual([undefined, undefined]);
    expect([otherAccount, otherTenant, fresh].map((key) => cache.get(key))).toEqual(['b', 'c', 'a3']);
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(bytesOf(otherAccount, 'b') + bytesOf(otherTenant, 'c') + bytesOf(fresh, 'a3'));
  });

  it('forgets everything on clear', () => {
    const cache = new LocalAnswerCache(10_000);
    const mine = put(cache, 'a');
    put(cache, 'b', scope({ adAccountId: 'account-2' }));
    cache.clear();
    expect(cache.get(mine)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});

describe('local answer cache: configuration', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };

  it('is 64 MB unless LOCAL_READ_CACHE_MB says otherwise; 0 turns it off', () => {
    expect(loadConfig(base).localReadCacheBytes).toBe(DEFAULT_LOCAL_ANSWER_CACHE_BYTES);
    expect(loadConfig({ ...base, LOCAL_READ_CACHE_MB: '8' }).localReadCacheBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ ...base, LOCAL_READ_CACHE_MB: '0' }).localReadCacheBytes).toBe(0);
    expect(() => loadConfig({ ...base, LOCAL_READ_CACHE_MB: '-1' })).toThrow();
  });
});
