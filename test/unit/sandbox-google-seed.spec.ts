import { createHash } from 'node:crypto';
import { googleSandboxSeed, GOOGLE_SANDBOX_HISTORY_DAYS } from '../../src/sandbox/google/google-sandbox.seed';
import { ZERO_DECIMAL_CURRENCIES } from '../../src/sandbox/google/google-sandbox-catalog';
import { seededRandom } from '../../src/sandbox/google/google-sim-random';

const TODAY = '2026-12-05';
const TOMORROW = '2026-12-06';
/** Deep equality of large seeds, cheaper than toEqual's walk. */
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: string) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw('tenant-a')).toEqual(draw('tenant-a'));
    expect(draw('tenant-a')).not.toEqual(draw('tenant-b'));
  });

  it('stays in range and reaches both ends of an int range', () => {
    const random = seededRandom('range');
    const values = Array.from({ length: 2000 }, () => random.next());
    expect(values.filter((value) => value < 0 || value >= 1)).toEqual([]);
    const ints = Array.from({ length: 2000 }, () => random.int(3, 7));
    expect([...new Set(ints)].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('spreads evenly enough for made-up data', () => {
    const random = seededRandom('spread');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(random.next() * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('forks streams that do not depend on what the parent drew before', () => {
    const untouched = seededRandom('parent');
    const used = seededRandom('parent');
    for (let i = 0; i < 5; i++) used.next();
    expect(used.fork('child').next()).toBe(untouched.fork('child').next());
    expect(untouched.fork('child').next()).not.toBe(untouched.fork('other').next());
  });

  it('draws digits, distinct samples and picks', () => {
    const random = seededRandom('misc');
    expect(Array.from({ length: 50 }, () => random.digits(10)).filter((digits) => !/^[1-9]\d{9}$/.test(digits))).toEqual([]);
    const sample = random.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
    expect(random.sample(['a', 'b'], 5)).toHaveLength(2);
    expect(['x', 'y']).toContain(random.pick(['x', 'y']));
    expect(() => random.pick([])).toThrow();
  });
});

describe('googleSandboxSeed', () => {
  const seed = googleSandboxSeed('tenant-one', TODAY);

  it('is the same for the same tenant and day', () => {
    expect(digest(googleSandboxSeed('tenant-one', TODAY))).toBe(digest(seed));
    expect(googleSandboxSeed('tenant-two', TODAY).manager.id).not.toBe(seed.manager.id);
  });

  it('has a user reaching a manager and one account directly, and three clients under the manager', () => {
    expect(seed.user.sub).toMatch(/^\d{21}$/);
    expect(seed.user.email).toMatch(/^[a-z]+\.[a-z]+@[a-z0-9.-]+\.example$/);
    expect(seed.manager.manager).toBe(true);
    expect(seed.accounts).toHaveLength(4);
    expect(seed.accounts.filter((account) => account.customer.managerId === seed.manager.id)).toHaveLength(3);
    const direct = seed.accounts.filter((account) => account.customer.managerId === undefined);
    expect(direct).toHaveLength(1);
    expect(seed.user.customers).toEqual([seed.manager.id, direct[0].customer.id]);
    const ids = [seed.manager.id, ...seed.accounts.map((account) => account.customer.id)];
    expect(new Set(ids).size).toBe(5);
  });

  it('always has one account in a currency without minor units, among several currencies', () => {
    for (let n = 0; n < 6; n++) {
      const accounts = googleSandboxSeed(`tenant-${n}`, TODAY).accounts;
      const currencies = accounts.map((account) => account.customer.currencyCode);
      expect(currencies.some((currency) => ZERO_DECIMAL_CURRENCIES.has(currency))).toBe(true);
      expect(new Set(currencies).size).toBeGreaterThanOrEqual(3);
      for (const account of accounts) {
        expect(account.campaigns.length).toBeGreaterThanOrEqual(5);
        expect(account.campaigns.length).toBeLessThanOrEqual(12);
      }
    }
  });

  it('keeps every amount to the smallest unit of the account currency', () => {
    for (const account of seed.accounts) {
      const unit = ZERO_DECIMAL_CURRENCIES.has(account.customer.currencyCode) ? 1_000_000 : 10_000;
      const amounts = [
        ...account.campaigns.map((campaign) => Number(campaign.budgetMicros)),
        ...account.adGroups.flatMap((adGroup) => (adGroup.cpcBidMicros === undefined ? [] : [adGroup.cpcBidMicros])),
        ...account.ads.flatMap((ad) => (ad.metrics ?? []).map((row) => row.costMicros)),
      ];
      expect(amounts.length).toBeGreaterThan(100);
      expect(amounts.filter((micros) => micros % unit !== 0)).toEqual([]);
    }
  });

  it('has metrics on the last 90 days only, clicks never above impressions', () => {
    const first = new Date(Date.parse(`${TODAY}T00:00:00Z`) - (GOOGLE_SANDBOX_HISTORY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    for (const account of seed.accounts) {
      const dates = account.accountMetrics.map((row) => row.date).sort();
      expect(dates[0]).toBe(first);
      expect(dates[dates.length - 1]).toBe(TODAY);
      expect(account.accountMetrics.filter((row) => row.clicks > row.impressions || row.impressions <= 0)).toEqual([]);
    }
  });

  it('makes account rows the sums of campaign rows, and campaign rows the sums of ad rows', () => {
    const total = (rows: Array<{ clicks: number; costMicros: number }>) => rows.reduce((sum, row) => [sum[0] + row.clicks, sum[1] + row.costMicros], [0, 0]);
    for (const account of seed.accounts) {
      expect(total(account.accountMetrics)).toEqual(total(account.campaigns.flatMap((campaign) => campaign.metrics ?? [])));
      for (const campaign of account.campaigns.filter((candidate) => candidate.advertisingChannelType !== 'PERFORMANCE_MAX')) {
        const groups = new Set(account.adGroups.filter((adGroup) => adGroup.campaignId === campaign.id).map((adGroup) => adGroup.id));
        expect(total(campaign.metrics ?? [])).toEqual(total(account.ads.filter((ad) => groups.has(ad.adGroupId)).flatMap((ad) => ad.metrics ?? [])));
      }
    }
  });

  it("keeps a past day's numbers when the world is made on the next day", () => {
    const later = googleSandboxSeed('tenant-one', TOMORROW);
    const day = '2026-11-20';
    for (const [index, account] of seed.accounts.entries()) {
      expect(later.accounts[index].customer).toEqual(account.customer);
      expect(later.accounts[index].campaigns.map((campaign) => campaign.id)).toEqual(account.campaigns.map((campaign) => campaign.id));
      const enabled = account.campaigns.find((campaign) => campaign.status === 'ENABLED' && campaign.advertisingChannelType === 'SEARCH')!;
      const rows = (campaign: typeof enabled | undefined) => (campaign?.metrics ?? []).filter((row) => row.date === day);
      expect(rows(enabled).length).toBeGreaterThan(0);
      expect(rows(later.accounts[index].campaigns.find((campaign) => campaign.id === enabled.id))).toEqual(rows(enabled));
    }
  });
});
