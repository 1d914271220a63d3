import type { UserSession } from '../support/api-client';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const ACCOUNT = '5001';
const SMALL = '5002';
const OLD = '2026-01-02T00:00:00+0000';

type Row = Record<string, unknown> & { id: string };
type Body = { data: any; meta: Record<string, unknown> & { nextCursor: string | null } };

const metaTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+0000');

/** 30 campaigns: pairs sharing a creation time (ties broken by id), three without one; 30 creatives (no time at all). */
function account() {
  const campaigns = Array.from({ length: 30 }, (_, i) => ({
    id: String(620000 + i),
    name: `Campaign ${i}`,
    status: 'ACTIVE',
    objective: 'OUTCOME_TRAFFIC',
    special_ad_categories: [],
    ...(i % 10 === 9 ? {} : { created_time: `2026-01-01T00:${String(Math.floor(i / 2)).padStart(2, '0')}:00+0000` }),
    updated_time: OLD,
  }));
  const adsets = [0, 1].map((j) => ({ id: String(720000 + j), name: `Set ${j}`, campaign_id: '620000', status: 'ACTIVE', created_time: OLD, updated_time: OLD }));
  const ads = Array.from({ length: 9 }, (_, i) => ({
    id: String(820000 + i),
    name: `Ad ${i}`,
    campaign_id: '620000',
    adset_id: adsets[i % 2].id,
    creative: { id: '920000' },
    status: 'ACTIVE',
    created_time: `2026-01-03T00:00:0${i}+0000`,
    updated_time: OLD,
  }));
  const adcreatives = Array.from({ length: 30 }, (_, i) => ({ id: String(920000 + i), name: `Creative ${i}`, status: 'ACTIVE' }));
  return { campaigns, adsets, ads, adcreatives };
}

/** Every page of a list, following meta.nextCursor; `between` runs after each page but the last. */
async function walk(fetchPage: (cursor: string | undefined) => Promise<Body>, items: (body: Body) => Row[], between?: (n: number) => Promise<void>) {
  const seen: string[] = [];
  const metas: Body['meta'][] = [];
  let cursor: string | undefined;
  for (let n = 1; n < 100; n++) {
    const body = await fetchPage(cursor);
    seen.push(...items(body).map((item) => item.id));
    metas.push(body.meta);
    if (body.meta.nextCursor === null) return { seen, metas };
    expect(typeof body.meta.nextCursor).toBe('string');
    cursor = body.meta.nextCursor;
    await between?.(n);
  }
  throw new Error('the walk did not end');
}

const noRepeats = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length);

describe('Cursor pagination of imports, the local copy of Meta objects and usage', () => {
  let f: MetaTeamFixture;
  let viewer: UserSession;
  const objects = account();

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '951',
      name: 'Hedy',
      adAccounts: [
        { account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
        { account_id: SMALL, name: 'Small', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
      ],
    });
    f.meta.pageSize = 100;
    f.meta.setAccountObjects(ACCOUNT, objects);
    f.meta.setAccountObjects(SMALL, { campaigns: [{ id: '990001', name: 'Solo', status: 'ACTIVE', updated_time: OLD }] });
    await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'viewer', role: 'MEMBER' }] }).expect(201);
    viewer = await f.api.login(f.tenant.apiKey, 'viewer');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
  });
  afterAll(() => f.close());

  const read = (who: UserSession, path: string, query: Record<string, string | number | undefined>) =>
    f.api.as(who, 'get', `/${f.teamId}/meta/${path}`).query(Object.fromEntries(Object.entries({ adAccountId: `act_${ACCOUNT}`, ...query }).filter(([, v]) => v !== undefined)));
  const page = async (path: string, query: Record<string, string | number | undefined>, who = viewer) => (await read(who, path, query).expect(200)).body as Body;
  const rows = (body: Body) => body.data as Row[];

  async function runImport(accountId: string, mode: 'full' | 'resync' = 'resync'): Promise<string> {
    const importId = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import`).query({ adAccountId: `act_${accountId}`, mode }).expect(202)).body.data.importId as string;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports/${importId}`).expect(200)).body.data.status as string;
      if (status === 'succeeded') return importId;
      if (status === 'failed' || Date.now() > deadline) throw new Error(`import ${importId} ended ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  describe('Meta object reads', () => {
    let liveCursor: string;

    it('pages live reads with Meta cursors before the account is imported', async () => {
      const callsBefore = f.meta.calls.length;
      const { seen, metas } = await walk((cursor) => page('campaigns', { limit: 7, cursor, fields: 'name' }), rows);
      expect(metas.every((meta) => meta.source === 'live')).toBe(true);
      noRepeats(seen);
      expect(seen.sort()).toEqual(objects.campaigns.map((c) => c.id).sort());
      const edgeCalls = f.meta.calls.slice(callsBefore).filter((call) => call.path.endsWith(`/act_${ACCOUNT}/campaigns`));
      expect(edgeCalls).toHaveLength(5);
      expect(edgeCalls.every((call) => call.query.limit === '7')).toBe(true);
      expect(edgeCalls[0].query.after).toBeUndefined();
      expect(edgeCalls[1].query.after).toEqual(expect.any(String));
      const first = await page('campaigns', { limit: 10 });
      expect(first.meta).toEqual({ source: 'live', nextCursor: expect.any(String) });
      expect(first.data).toHaveLength(10);
      liveCursor = first.meta.nextCursor!;
      // Without a limit, a page of 25: the seed's array, one page of it.
      expect(rows(await page('campaigns', {}))).toHaveLength(25);
    });

    it('a walk begun live stays live when an import finishes in between', async () => {
      await runImport(ACCOUNT, 'full');
      expect((await page('campaigns', { limit: 10 })).meta.source).toBe('local');
      const next = await page('campaigns', { limit: 10, cursor: liveCursor });
      expect(next.meta).toEqual({ source: 'live', nextCursor: expect.any(String) });
      expect(next.data).toHaveLength(10);
      // A live cursor goes on with live=true too.
      expect((await page('campaigns', { limit: 10, cursor: liveCursor, live: 'true' })).meta.source).toBe('live');
    });

    it('walks the local copy newest first with no gap and no repeat, while a resync writes rows between pages', async () => {
      const before = rows(await page('campaigns', { limit: 100, fields: 'name,created_time' }));
      expect(before).toHaveLength(30);
      // Newest first, rows without a creation time last, ties by id (descending).
      const expectedOrder = [...before].sort((a, b) => {
        const [at, bt] = [a.created_time ? Date.parse(String(a.created_time).replace(/\+0000$/, 'Z')) : -Infinity, b.created_time ? Date.parse(String(b.created_time).replace(/\+0000$/, 'Z')) : -Infinity];
        return at !== bt ? bt - at : b.id.localeCompare(a.id);
      });
      expect(before.map((row) => row.id)).toEqual(expectedOrder.map((row) => row.id));

      const now = metaTime(new Date());
      const added: Row[] = [];
      const { seen, metas } = await walk(
        (cursor) => page('campaigns', { limit: 4, cursor, fields: 'name' }),
        rows,
        async (n) => {
          if (n > 3) return;
          // A newer campaign, an older one, one without a creation time, and a renamed existing one: all written by a resync.
          const fresh = [
            { id: String(630000 + n * 3), name: `New ${n}`, status: 'ACTIVE', special_ad_categories: [], created_time: '2026-02-01T00:00:00+0000', updated_time: now },
            { id: String(630001 + n * 3), name: `Old ${n}`, status: 'ACTIVE', special_ad_categories: [], created_time: '2025-06-01T00:00:00+0000', updated_time: now },
            { id: String(630002 + n * 3), name: `Undated ${n}`, status: 'ACTIVE', special_ad_categories: [], updated_time: now },
          ];
          added.push(...fresh);
          objects.campaigns.push(...(fresh as typeof objects.campaigns));
          const renamed = objects.campaigns.find((c) => c.id === before[n * 4].id)!;
          renamed.name = `Renamed ${n}`;
          renamed.updated_time = now;
          f.meta.setAccountObjects(ACCOUNT, objects);
          await runImport(ACCOUNT, 'resync');
        },
      );
      expect(metas.every((meta) => meta.source === 'local' && typeof meta.syncedAt === 'string')).toBe(true);
      noRepeats(seen);
      // Every row there before the walk is seen exactly once, in its place in the order.
      const original = new Set(before.map((row) => row.id));
      expect(seen.filter((id) => original.has(id))).toEqual(before.map((row) => row.id));
      // Rows written behind the cursor (newer) are not seen; older ones, still ahead of it, are.
      const named = (prefix: string) => added.filter((row) => String(row.name).startsWith(prefix)).map((row) => row.id);
      expect(seen.filter((id) => named('New').includes(id))).toEqual([]);
      expect(seen.filter((id) => named('Old').includes(id)).sort()).toEqual(named('Old').sort());
      expect(await f.testApp.query(`SELECT campaign_id FROM meta_campaigns WHERE campaign_id = ANY($1::text[])`, [added.map((row) => row.id)])).toHaveLength(9);
    });

    it('pages creatives (no creation time) by id, and filtered ad reads', async () => {
      const creatives = await walk((cursor) => page('adcreatives', { limit: 7, cursor }), rows);
      expect(creatives.metas).toHaveLength(5);
      expect(creatives.seen).toEqual(objects.adcreatives.map((c) => c.id).sort().reverse());
      const ads = await walk((cursor) => page('ads', { limit: 2, cursor, adsetId: '720000' }), rows);
      expect(ads.seen).toEqual(['820008', '820006', '820004', '820002', '820000']);
      expect(ads.metas.every((meta) => meta.source === 'local')).toBe(true);
    });

    it('refuses bad limits and cursors with a 400, and a cursor does not get around the guard', async () => {
      const local = (await page('campaigns', { limit: 3 })).meta.nextCursor!;
      const importsCursor = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports`).query({ limit: 1 }).expect(200)).body.meta.nextCursor as string;
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const query of [
        { limit: 0 },
        { limit: 101 },
        { limit: 'ten' },
        { cursor: 'garbage' },
        { cursor: importsCursor },
        { cursor: forged(['local', 'yesterday', '620001']) },
        { cursor: forged(['local', null, '']) },
        { cursor: forged(['live', '']) },
        { cursor: forged(['live', 'a b']) },
        { cursor: forged(['usage', '2026-01-01', 'GET /x']) },
        // A cursor into the local copy cannot continue a live read.
        { cursor: local, live: 'true' },
      ]) {
        const response = await read(viewer, 'campaigns', query).expect(400);
        expect(response.body.error.code).toBe('BAD_REQUEST');
      }
      await read(f.member, 'campaigns', { cursor: local }).expect(403);
      await read(f.outsider, 'campaigns', { cursor: local }).expect(404);
      await read(f.wsAdmin, 'campaigns', { cursor: local }).expect(200);
    });
  });

  describe('GET /{teamId}/imports', () => {
    it('walks the imports newest first with no gap and no repeat while new imports start between pages', async () => {
      await runImport(SMALL, 'full');
      await runImport(ACCOUNT, 'resync');
      const list = (who: UserSession, query: Record<string, unknown>) => f.api.as(who, 'get', `/${f.teamId}/imports`).query(query).expect(200);
      const before = (await list(f.teamAdmin, { limit: 100 })).body.data as Array<Row & { createdAt: string; adAccountId: string }>;
      expect(before).toHaveLength(6); // the full import, three resyncs in the walk above, and these two
      const times = before.map((row) => Date.parse(row.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const started: string[] = [];
      const { seen } = await walk(
        async (cursor) => (await list(f.teamAdmin, { limit: 2, ...(cursor ? { cursor } : {}) })).body,
        rows,
        async (n) => {
          if (n <= 2) started.push(await runImport(n === 1 ? ACCOUNT : SMALL, 'resync'));
        },
      );
      noRepeats(seen);
      expect(seen).toEqual(before.map((row) => row.id));
      expect(seen.some((id) => started.includes(id))).toBe(false);

      // The viewer sees only the imports of the account they hold a permission on, paged the same way.
      const visible = await walk(async (cursor) => (await list(viewer, { limit: 3, ...(cursor ? { cursor } : {}) })).body, rows);
      const all = (await list(f.teamAdmin, { limit: 100 })).body.data as Array<Row & { adAccountId: string }>;
      expect(visible.seen).toEqual(all.filter((row) => row.adAccountId === ACCOUNT).map((row) => row.id));
      expect((await list(f.teamAdmin, {})).body.meta).toEqual({ nextCursor: null });
    });

    it('refuses bad limits and cursors, and keeps other teams out', async () => {
      const campaignsCursor = (await page('campaigns', { limit: 1 })).meta.nextCursor!;
      for (const query of [{ limit: 0 }, { limit: 101 }, { cursor: 'garbage' }, { cursor: campaignsCursor }]) {
        const response = await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports`).query(query).expect(400);
        expect(response.body.error.code).toBe('BAD_REQUEST');
      }
      const cursor = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports`).query({ limit: 1 }).expect(200)).body.meta.nextCursor as string;
      await f.api.as(f.outsider, 'get', `/${f.teamId}/imports`).query({ cursor }).expect(404);
      const other = (await f.api.as(f.wsAdmin, 'get', `/${f.otherTeamId}/imports`).query({ cursor }).expect(200)).body;
      expect(other).toMatchObject({ data: [], meta: { nextCursor: null } });
    });
  });

  describe('GET /usage', () => {
    const FROM = '2020-03-01';
    const TO = '2020-03-10';

    async function addUsage(day: string, endpoint: string, platform: string, requests: number, calls: number) {
      await f.testApp.query(
        `INSERT INTO usage_counters (tenant_id, day, endpoint, platform, requests, platform_calls) VALUES ($1, $2::date, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, day, endpoint, platform) DO UPDATE SET requests = usage_counters.requests + EXCLUDED.requests, platform_calls = usage_counters.platform_calls + EXCLUDED.platform_calls`,
        [f.tenant.id, day, endpoint, platform, requests, calls],
      );
    }
    const usage = async (query: Record<string, unknown>) => (await f.api.as(viewer, 'get', '/usage').query({ from: FROM, to: TO, ...query }).expect(200)).body as Body;
    const key = (item: { date: string; endpoint: string }) => `${item.date} ${item.endpoint}`;

    beforeAll(async () => {
      for (let day = 2; day <= 8; day += 2) {
        for (const endpoint of ['GET /api/v1/a', 'GET /api/v1/c', 'POST /api/v1/e']) {
          const date = `2020-03-0${day}`;
          await addUsage(date, endpoint, '', day, 0);
          await addUsage(date, endpoint, 'meta', 0, 1);
        }
      }
    });

    it('pages the items by day then endpoint, with totals over the whole range on every page', async () => {
      const whole = (await usage({ limit: 100 })).data;
      expect(whole.items).toHaveLength(12);
      expect(whole.totals).toEqual({ requests: 60, platformCalls: { meta: 12, google: 0 } });

      const pages: Body[] = [];
      const { seen } = await walk(
        async (cursor) => {
          const body = await usage({ limit: 5, ...(cursor ? { cursor } : {}) });
          pages.push(body);
          return { ...body, data: body.data.items.map((item: { date: string; endpoint: string }) => ({ ...item, id: key(item) })) };
        },
        (body) => body.data,
        async (n) => {
          if (n !== 1) return;
          // Between pages: a new endpoint on a day already passed, one ahead, and more calls on an item ahead.
          await addUsage('2020-03-02', 'GET /api/v1/b', '', 1, 0);
          await addUsage('2020-03-09', 'GET /api/v1/z', 'google', 0, 3);
          await addUsage('2020-03-08', 'GET /api/v1/a', '', 5, 0);
        },
      );
      noRepeats(seen);
      expect(seen).toEqual([...whole.items.map(key), '2020-03-09 GET /api/v1/z']);
      expect(pages[0].data).toMatchObject({ from: FROM, to: TO, totals: whole.totals });
      expect(pages[0].data.items).toHaveLength(5);
      const after = { requests: 66, platformCalls: { meta: 12, google: 3 } };
      for (const body of pages.slice(1)) expect(body.data.totals).toEqual(after);
      expect(pages[pages.length - 1].meta).toEqual({ nextCursor: null });
    });

    it('defaults to 25 items and keeps the shape {from, to, totals, items}', async () => {
      for (let i = 0; i < 20; i++) await addUsage('2020-03-10', `GET /api/v1/x${String(i).padStart(2, '0')}`, '', 1, 0);
      const body = await usage({});
      expect(Object.keys(body.data).sort()).toEqual(['from', 'items', 'to', 'totals']);
      expect(body.data.items).toHaveLength(25);
      expect(typeof body.meta.nextCursor).toBe('string');
      const rest = await usage({ cursor: body.meta.nextCursor });
      expect(rest.data.items).toHaveLength(34 - 25);
      expect(rest.meta.nextCursor).toBeNull();
    });

    it('refuses bad limits and cursors with a 400', async () => {
      const campaignsCursor = (await page('campaigns', { limit: 1 })).meta.nextCursor!;
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const query of [{ limit: 0 }, { limit: 101 }, { cursor: 'garbage' }, { cursor: campaignsCursor }, { cursor: forged(['usage', '2020-02-30', 'GET /x']) }, { cursor: forged(['usage', '2020-03-01', 7]) }]) {
        const response = await f.api.as(viewer, 'get', '/usage').query({ from: FROM, to: TO, ...query }).expect(400);
        expect(response.body.error.code).toBe('BAD_REQUEST');
      }
    });
  });
});
