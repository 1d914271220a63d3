import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaPlatform } from '../test/fakes/meta-platform.fake';
import type { FakeMetaObjectStore } from '../test/fakes/meta-fake-objects';
import { benchAccountShape, BenchAccountShape, FAKE_ACCOUNT_ID, FakeProcessReady, FakeProcessStats } from './meta-fake-account';

/**
 * The Meta Graph fake in a process of its own (forked by bench/meta-fake-child.ts): serving 8,000 pages of generated
 * rows costs CPU and memory that must not be counted as the app's. Objects are built once here; insights are
 * generated lazily per page by the fake's model.
 */

const PAGE_SIZE = 500;
const PAGING_PARAMS = new Set(['after', 'before', 'limit', 'access_token', 'appsecret_proof']);

/**
 * The fake filters and renders a whole edge for every page it serves (fine for tests, 20 million renders for 200
 * pages of 100,000 ads). The objects do not change during the benchmark, so the rendered edge is kept per query and
 * only paged: what is measured is the app, not the fake.
 */
function cacheEdges(fake: FakeMetaPlatform): void {
  const store = (fake as unknown as { objects: FakeMetaObjectStore }).objects;
  const edge = store.edge.bind(store);
  const cache = new Map<string, ReturnType<FakeMetaObjectStore['edge']>>();
  store.edge = (accountId, name, params) => {
    const key = JSON.stringify([accountId, name, Object.entries(params).filter(([param]) => !PAGING_PARAMS.has(param)).sort()]);
    let rows = cache.get(key);
    if (!rows) cache.set(key, (rows = edge(accountId, name, params)));
    return rows;
  };
}

function build(shape: BenchAccountShape) {
  const first = 120_000_000_000;
  const created = '2026-01-05T10:00:00+0000';
  const updated = '2026-02-01T10:00:00+0000';
  const campaigns = Array.from({ length: shape.campaigns }, (_, i) => ({
    id: String(first + i),
    name: `Campaign ${i + 1}`,
    status: 'ACTIVE',
    effective_status: 'ACTIVE',
    objective: 'OUTCOME_TRAFFIC',
    daily_budget: String(1000 + (i % 50) * 100),
    created_time: created,
    updated_time: updated,
  }));
  const adsetsPerCampaign = shape.adsets / shape.campaigns;
  const adsets = Array.from({ length: shape.adsets }, (_, i) => ({
    id: String(130_000_000_000 + i),
    name: `Ad set ${i + 1}`,
    campaign_id: String(first + Math.floor(i / adsetsPerCampaign)),
    status: 'ACTIVE',
    effective_status: 'ACTIVE',
    daily_budget: '2000',
    bid_amount: '150',
    created_time: created,
    updated_time: updated,
  }));
  const adsPerAdset = shape.ads / shape.adsets;
  const creatives = Array.from({ length: shape.creatives }, (_, i) => ({ id: String(150_000_000_000 + i), name: `Creative ${i + 1}`, status: 'ACTIVE' }));
  const ads = Array.from({ length: shape.ads }, (_, i) => {
    const adset = adsets[Math.floor(i / adsPerAdset)];
    return {
      id: String(140_000_000_000 + i),
      name: `Ad ${i + 1}`,
      adset_id: adset.id,
      campaign_id: adset.campaign_id,
      creative: { id: creatives[i % creatives.length].id },
      status: 'ACTIVE',
      effective_status: 'ACTIVE',
      created_time: created,
      updated_time: updated,
    };
  });
  return { campaigns, adsets, ads, adcreatives: creatives };
}

async function main(): Promise<void> {
  const shape = benchAccountShape(process.env);
  const fake = await FakeMetaPlatform.start();
  fake.pageSize = PAGE_SIZE;
  // One status poll per report: the minimum the client can make, so calls over the minimum are the client's own.
  fake.reportRuns.pollsToComplete = 1;
  fake.addUser({
    id: '9100',
    name: 'Bench',
    adAccounts: [{ account_id: FAKE_ACCOUNT_ID, name: 'Bench account', currency: 'USD', timezone_name: 'UTC', account_status: 1 }],
  });
  fake.setAccountObjects(FAKE_ACCOUNT_ID, build(shape));
  cacheEdges(fake);
  fake.reportRuns.setModel(FAKE_ACCOUNT_ID, { campaigns: { count: shape.campaigns } });

  let callsAtMark = 0;
  let cpuAtMark = process.cpuUsage();
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'mark') {
      callsAtMark = fake.calls.length;
      cpuAtMark = process.cpuUsage();
    }
    if (message?.type === 'stats') {
      const since = fake.calls.slice(callsAtMark);
      const stats: FakeProcessStats = {
        type: 'stats',
        calls: since.length,
        byKind: since.reduce<Record<string, number>>((acc, call) => {
          const kind = `${call.method} ${call.path.replace(/\/v\d+\.\d+/, '').replace(/\d{6,}/g, '{id}')}`;
          acc[kind] = (acc[kind] ?? 0) + 1;
          return acc;
        }, {}),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        cpuSeconds: ((cpu) => (cpu.user + cpu.system) / 1e6)(process.cpuUsage(cpuAtMark)),
      };
      process.send?.(stats);
    }
  });
  process.on('disconnect', () => void fake.close().finally(() => process.exit(0)));
  const ready: FakeProcessReady = { type: 'ready', url: fake.url, appId: FAKE_META_APP_ID, appSecret: FAKE_META_APP_SECRET };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  console.error('[meta fake] failed:', error);
  process.exit(1);
});
