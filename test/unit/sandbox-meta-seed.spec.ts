import { metaSandboxSeed } from '../../src/sandbox/meta/meta-sandbox-seed';
import { metaSandboxSearchCatalog, metaSandboxSearchFallback } from '../../src/sandbox/meta/meta-sandbox-targeting';

const NOW = new Date('2026-12-05T12:00:00Z');
const TENANT = '6f1c2a7e-4b1d-4c3e-9a55-0b8e2f4d7c11';
const OTHER = '0d9e8f7a-1b2c-4d3e-8f90-a1b2c3d4e5f6';

function tenants(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${String(i).padStart(8, '0')}-1111-4222-8333-${String(i * 7919).padStart(12, '0')}`);
}

describe('the seeded Meta of a sandbox tenant', () => {
  it('is the same for the same tenant id and day, and different for another tenant', () => {
    const seed = metaSandboxSeed(TENANT, NOW);
    expect(metaSandboxSeed(TENANT, NOW)).toEqual(seed);
    const other = metaSandboxSeed(OTHER, NOW);
    expect(other.user.id).not.toBe(seed.user.id);
    expect(other.accounts.map((a) => a.accountId)).not.toEqual(seed.accounts.map((a) => a.accountId));
  });

  it.each(tenants(12))('has one user with three accounts in different currencies (the last in yen) and consistent objects (%s)', (tenantId) => {
    const seed = metaSandboxSeed(tenantId, NOW);
    expect(seed.user.name).toMatch(/^\S+ \S+$/);
    expect(seed.user.adAccounts).toHaveLength(3);
    const currencies = seed.user.adAccounts.map((account) => account.currency);
    expect(new Set(currencies).size).toBe(3);
    expect(currencies[2]).toBe('JPY');
    expect(seed.user.adAccounts.every((account) => account.account_status === 1 && /^[1-9]\d{14}$/.test(account.account_id))).toBe(true);
    expect(seed.pages).toHaveLength(2);
    for (const page of seed.pages) expect(seed.leadForms[page.id].length).toBeGreaterThan(0);

    const allIds: string[] = [];
    for (const account of seed.accounts) {
      const { campaigns, adsets, ads, adcreatives, pixels, savedAudiences, customAudiences } = account.objects;
      expect(campaigns.length).toBeGreaterThanOrEqual(5);
      expect(campaigns.length).toBeLessThanOrEqual(8);
      expect(pixels).toHaveLength(1);
      expect(savedAudiences.length).toBeGreaterThan(0);
      expect(customAudiences.length).toBeGreaterThan(0);
      const campaignIds = new Set(campaigns.map((row) => row.id));
      const adsetIds = new Set(adsets.map((row) => row.id));
      const creativeIds = new Set(adcreatives.map((row) => row.id));
      for (const adset of adsets) expect(campaignIds.has(adset.campaign_id)).toBe(true);
      for (const ad of ads) {
        expect(adsetIds.has(ad.adset_id)).toBe(true);
        expect(adsets.find((adset) => adset.id === ad.adset_id)!.campaign_id).toBe(ad.campaign_id);
        expect(creativeIds.has((ad.creative as { id: string }).id)).toBe(true);
      }
      // A budget on the campaign or on each of its ad sets, never both (Meta refuses both).
      for (const campaign of campaigns) {
        const own = adsets.filter((adset) => adset.campaign_id === campaign.id);
        expect(own.length).toBeGreaterThan(0);
        for (const adset of own) expect((campaign.daily_budget === undefined) !== (adset.daily_budget === undefined)).toBe(true);
      }
      // The model's objects are the listed ones, in the same order.
      expect((account.insights.campaigns as Array<{ id: string }>).map((c) => c.id)).toEqual(campaigns.map((row) => row.id));
      expect(account.insights.adsets!.map((a) => a.id)).toEqual(adsets.map((row) => row.id));
      expect(account.insights.ads!.map((a) => a.id)).toEqual(ads.map((row) => row.id));
      expect(account.delivery).toHaveLength(campaigns.length);
      allIds.push(...[campaigns, adsets, ads, adcreatives, savedAudiences, customAudiences].flat().map((row) => String(row.id)));
    }
    expect(new Set(allIds).size).toBe(allIds.length);
  });

  it('budgets in yen have no minor units and are in a realistic range', () => {
    for (const tenantId of tenants(8)) {
      const yen = metaSandboxSeed(tenantId, NOW).accounts[2].objects;
      const budgets = [...yen.campaigns, ...yen.adsets].map((row) => row.daily_budget).filter((value): value is string => typeof value === 'string');
      for (const value of budgets) {
        expect(Number(value) % 100).toBe(0);
        expect(Number(value)).toBeGreaterThanOrEqual(3000);
        expect(Number(value)).toBeLessThanOrEqual(22500);
      }
    }
  });

  it('has a targeting catalog for every search type the product exposes, and finds free text outside it', () => {
    const catalog = metaSandboxSearchCatalog();
    const keys = catalog.map(({ type, cls }) => `${type}${cls ? `/${cls}` : ''}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'adgeolocation', 'adlocale', 'adinterest', 'adTargetingCategory/behaviors', 'adTargetingCategory/life_events', 'adTargetingCategory/industries',
        'adTargetingCategory/income', 'adTargetingCategory/family_statuses', 'adeducationschool', 'adeducationmajor', 'adworkemployer', 'adworkposition',
      ]),
    );
    for (const { rows } of catalog) expect(rows.length).toBeGreaterThan(3);
    expect(metaSandboxSearchFallback('adinterest', undefined, 'kite surfing')[0]).toMatchObject({ name: 'Kite Surfing', path: ['Interests', 'Hobbies and activities', 'Kite Surfing'] });
    expect(metaSandboxSearchFallback('adinterest', undefined, 'kite surfing')).toEqual(metaSandboxSearchFallback('adinterest', undefined, 'kite surfing'));
    expect(metaSandboxSearchFallback('adgeolocation', undefined, 'Atlantis')).toEqual([]);
  });
});
