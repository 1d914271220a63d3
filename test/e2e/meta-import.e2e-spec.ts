import { ImportWorker } from '../../src/sync/import-worker.service';
import type { UserSession } from '../support/api-client';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const ACCOUNT = '4001';
const SMALL = '4002';
const OLD = '2026-01-02T00:00:00+0000';

type Row = Record<string, unknown> & { id: string };

/** 120 campaigns, 2 ad sets each, 2 ads per ad set, 60 creatives: several pages of every edge at the fake's page size. */
function bigAccount() {
  const campaigns = Array.from({ length: 120 }, (_, i) => ({
    id: String(610000 + i),
    name: `Campaign ${i}`,
    status: 'ACTIVE',
    effective_status: 'ACTIVE',
    objective: 'OUTCOME_TRAFFIC',
    daily_budget: String(1000 + i),
    special_ad_categories: [],
    created_time: `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00+0000`,
    updated_time: OLD,
  }));
  const adsets = campaigns.flatMap((c, i) =>
    [0, 1].map((j) => ({
      id: String(710000 + i * 2 + j),
      name: `Set ${i}.${j}`,
      campaign_id: c.id,
      status: 'ACTIVE',
      daily_budget: '500',
      bid_amount: '25',
      targeting: { geo_locations: { countries: ['US'] }, age_min: 18 },
      created_time: OLD,
      updated_time: OLD,
    })),
  );
  const adcreatives = Array.from({ length: 60 }, (_, i) => ({ id: String(910000 + i), name: `Creative ${i}`, status: 'ACTIVE', object_story_spec: { page_id: '900' } }));
  const ads = adsets.flatMap((s, i) =>
    [0, 1].map((j) => ({
      id: String(810000 + i * 2 + j),
      name: `Ad ${i}.${j}`,
      campaign_id: s.campaign_id,
      adset_id: s.id,
      creative: { id: adcreatives[(i * 2 + j) % 60].id },
      status: 'ACTIVE',
      created_time: OLD,
      updated_time: OLD,
    })),
  );
  return { campaigns, adsets, ads, adcreatives };
}

const byId = (rows: Row[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('Meta import: jobs, the local copy and reads from it', () => {
  let f: MetaTeamFixture;
  let viewer: UserSession;
  let manager: UserSession;
  let otherTenantUser: UserSession;
  const data = bigAccount();

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '901',
      name: 'Grace',
      adAccounts: [
        { account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
        { account_id: SMALL, name: 'Small', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 },
      ],
    });
    f.meta.pageSize = 50;
    f.meta.setAccountObjects(ACCOUNT, data);
    f.meta.setAccountObjects(SMALL, { campaigns: [{ id: '990001', name: 'Tokyo', status: 'ACTIVE', daily_budget: '3000', updated_time: OLD }] });
    await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'viewer', role: 'MEMBER' }, { externalUserId: 'manager', role: 'MEMBER' }] }).expect(200);
    viewer = await f.api.login(f.tenant.apiKey, 'viewer');
    manager = await f.api.login(f.tenant.apiKey, 'manager');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'manager', permission: 'MANAGER' }).expect(201);
    const other = await f.api.createTenant('Other');
    otherTenantUser = await f.api.login(other.apiKey, 'ws-admin');
  });
  afterAll(() => f.close());

  const start = (who: UserSession, account: string, mode?: string) =>
    f.api.as(who, 'get', `/${f.teamId}/meta/import?adAccountId=act_${account}${mode ? `&mode=${mode}` : ''}`);
  const status = (who: UserSession, importId: string, teamId = f.teamId) => f.api.as(who, 'get', `/${teamId}/imports/${importId}`);
  const read = (who: UserSession, path: string) => f.api.as(who, 'get', `/${f.teamId}/meta${path}`);
  /** Every page of an object read, following meta.nextCursor: the rows and each page's meta. */
  async function readAll(who: UserSession, path: string): Promise<{ data: Row[]; metas: Array<Record<string, unknown>> }> {
    const data: Row[] = [];
    const metas: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const body: { data: Row[]; meta: { nextCursor: string | null } } = (await read(who, `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200)).body;
      data.push(...body.data);
      metas.push(body.meta);
      cursor = body.meta.nextCursor;
    } while (cursor !== null && metas.length < 50);
    return { data, metas };
  }

  async function finished(importId: string): Promise<Record<string, any>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const body = (await status(f.teamAdmin, importId).expect(200)).body.data;
      if (body.status === 'succeeded' || body.status === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`import ${importId} still ${body.status}: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function count(table: string, account = ACCOUNT): Promise<number> {
    const rows = await f.testApp.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} t JOIN ad_accounts a ON a.id = t.ad_account_id WHERE a.account_id = $1 AND a.team_id = $2`,
      [account, f.teamId],
    );
    return rows[0].n;
  }

  describe('a full import', () => {
    let importId: string;

    it('reads are live until the account is imported', async () => {
      const live = await read(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&fields=name`).expect(200);
      expect(live.body.meta).toEqual({ source: 'live', nextCursor: expect.any(String) });
      expect(live.body.data).toHaveLength(25);
      const all = await readAll(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&fields=name`);
      expect(all.metas.every((meta) => meta.source === 'live')).toBe(true);
      expect(new Set(all.data.map((row) => row.id)).size).toBe(120);
    });

    it('answers 202 with the import, then copies every edge page by page', async () => {
      const callsBefore = f.meta.calls.length;
      const response = await start(manager, ACCOUNT).expect(202);
      expect(response.body.data).toEqual({ importId: expect.any(String), status: 'queued', mode: 'full', statusUrl: `/api/v1/${f.teamId}/imports/${response.body.data.importId}` });
      importId = response.body.data.importId;

      const done = await finished(importId);
      expect(done).toMatchObject({
        id: importId,
        platform: 'meta',
        adAccountId: ACCOUNT,
        status: 'succeeded',
        mode: 'full',
        progress: { campaigns: { done: 120, total: 120 }, adsets: { done: 240, total: 240 }, ads: { done: 480, total: 480 }, adcreatives: { done: 60, total: 60 } },
        error: null,
      });
      expect(Date.parse(done.startedAt)).toBeLessThanOrEqual(Date.parse(done.finishedAt));
      // 3 + 5 + 10 + 2 pages of 50 (the fake's cap): one call each, none repeated.
      const edgeCalls = f.meta.calls.slice(callsBefore).filter((call) => /\/act_4001\/(campaigns|adsets|ads|adcreatives)$/.test(call.path));
      expect(edgeCalls).toHaveLength(20);
      expect(done.platformCalls).toBeGreaterThanOrEqual(20);
      expect(Number(edgeCalls[0].query.limit)).toBeGreaterThanOrEqual(500);
      expect(await count('meta_campaigns')).toBe(120);
      expect(await count('meta_adsets')).toBe(240);
      expect(await count('meta_ads')).toBe(480);
      expect(await count('meta_adcreatives')).toBe(60);
      const money = await f.testApp.query<{ daily_budget: string; currency: string }>(`SELECT daily_budget, currency FROM meta_campaigns WHERE campaign_id = '610007'`);
      expect(money[0]).toEqual({ daily_budget: '1007', currency: 'USD' });
    });

    it('then serves reads from the copy, with the same rows as live', async () => {
      for (const path of [
        `/campaigns?adAccountId=act_${ACCOUNT}`,
        `/campaigns?adAccountId=act_${ACCOUNT}&fields=name,daily_budget&campaignId=610003,610004,990001`,
        `/adsets?adAccountId=act_${ACCOUNT}&campaignId=610010`,
        `/adsets?adAccountId=act_${ACCOUNT}&adsetId=710001,710002&fields=campaign,targeting,bid_amount`,
        `/ads?adAccountId=act_${ACCOUNT}&adsetId=710005&fields=id,name,creative,campaign_id`,
        `/ads?adAccountId=act_${ACCOUNT}&campaignId=610001&adId=810004,810005,810009`,
        `/adcreatives?adAccountId=act_${ACCOUNT}&adcreativeId=910001,910002`,
        `/adcreatives?adAccountId=act_${ACCOUNT}`,
      ]) {
        const local = await readAll(viewer, path);
        const live = await readAll(viewer, `${path}&live=true`);
        for (const meta of local.metas) expect(meta).toEqual({ source: 'local', syncedAt: expect.any(String), nextCursor: meta.nextCursor ?? null });
        for (const meta of live.metas) expect(meta).toEqual({ source: 'live', nextCursor: meta.nextCursor ?? null });
        expect(local.metas[local.metas.length - 1].nextCursor).toBeNull();
        expect(local.data.length).toBeGreaterThan(0);
        expect(byId(local.data)).toEqual(byId(live.data));
      }
      const one = await read(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&campaignId=610005`).expect(200);
      expect(one.body.data).toEqual([expect.objectContaining({ id: '610005', daily_budget: 1005, special_ad_categories: [] })]);
    });

    it('local reads make no platform call and still validate their input', async () => {
      const calls = f.meta.calls.length;
      await read(viewer, `/ads?adAccountId=act_${ACCOUNT}&campaignId=610001`).expect(200);
      await read(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&fields=secret`).expect(400);
      await read(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&live=maybe`).expect(400);
      expect(f.meta.calls.length).toBe(calls);
    });

    it('lists the team imports, most recent first, to those who may see them', async () => {
      const mine = await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports`).expect(200);
      expect(mine.body.data[0]).toMatchObject({ id: importId, status: 'succeeded' });
      const asViewer = await f.api.as(viewer, 'get', `/${f.teamId}/imports`).expect(200);
      expect(asViewer.body.data.map((i: { id: string }) => i.id)).toContain(importId);
      await f.api.as(f.member, 'get', `/${f.teamId}/imports`).expect(200).then((r) => expect(r.body.data).toEqual([]));
      await f.api.as(f.outsider, 'get', `/${f.teamId}/imports`).expect(404);
      await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports?limit=0`).expect(400);
    });
  });

  describe('one import per account', () => {
    it('two concurrent requests share one import; asking while it runs returns it', async () => {
      const [a, b] = await Promise.all([start(f.teamAdmin, SMALL).expect(202), start(f.teamAdmin, SMALL).expect(202)]);
      expect(a.body.data.importId).toBe(b.body.data.importId);
      const again = await start(f.teamAdmin, SMALL).expect(202);
      const active = await f.testApp.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM imports i JOIN ad_accounts a ON a.id = i.ad_account_id WHERE a.account_id = $1 AND i.status IN ('queued', 'running')`,
        [SMALL],
      );
      expect(active[0].n).toBeLessThanOrEqual(1);
      const done = await finished(a.body.data.importId);
      expect(done.status).toBe('succeeded');
      if (again.body.data.importId !== a.body.data.importId) await finished(again.body.data.importId);
      const copy = await read(f.teamAdmin, `/campaigns?adAccountId=act_${SMALL}`).expect(200);
      expect(copy.body.data).toEqual([expect.objectContaining({ id: '990001', daily_budget: 3000 })]);
    });
  });

  describe('resync', () => {
    it('an import of an imported account is a resync that fetches only what changed', async () => {
      await f.api.as(manager, 'patch', `/${f.teamId}/meta/campaign/610002?adAccountId=act_${ACCOUNT}`).send({ status: 'PAUSED' }).expect(200);
      // A status changed through this API is in the copy at once; the resync below still finds it changed at Meta.
      const before = (await read(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&campaignId=610002`).expect(200)).body;
      expect(before.meta.source).toBe('local');
      expect(before.data[0].status).toBe('PAUSED');

      const callsBefore = f.meta.calls.length;
      const response = await start(f.teamAdmin, ACCOUNT).expect(202);
      expect(response.body.data.mode).toBe('resync');
      const done = await finished(response.body.data.importId);
      expect(done).toMatchObject({ status: 'succeeded', mode: 'resync', progress: { campaigns: { done: 1, total: 1 }, adsets: { done: 0 }, ads: { done: 0 } } });

      const campaignCall = f.meta.calls.slice(callsBefore).find((call) => call.path.endsWith('/act_4001/campaigns'))!;
      const filter = JSON.parse(campaignCall.query.filtering);
      expect(filter).toEqual([{ field: 'campaign.updated_time', operator: 'GREATER_THAN', value: expect.any(Number) }]);
      expect(filter[0].value).toBeGreaterThan(Date.parse(OLD) / 1000);

      const after = (await read(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&campaignId=610002`).expect(200)).body;
      expect(after.data[0].status).toBe('PAUSED');
      expect(Date.parse(after.meta.syncedAt)).toBeGreaterThan(Date.parse(before.meta.syncedAt));
      expect(await count('meta_campaigns')).toBe(120);
    });

    it('the schedule queues a resync of accounts last synced longer ago than RESYNC_INTERVAL_HOURS', async () => {
      await f.testApp.query(`UPDATE imports SET finished_at = finished_at - interval '7 hours', started_at = started_at - interval '7 hours' WHERE status = 'succeeded'`);
      const queued = await f.testApp.app.get(ImportWorker).sweep();
      expect(queued).toBe(2);
      const scheduled = await f.testApp.query<{ id: string; mode: string; requested_by_user_id: string | null }>(
        `SELECT id, mode, requested_by_user_id FROM imports WHERE requested_by_user_id IS NULL ORDER BY created_at`,
      );
      expect(scheduled).toHaveLength(2);
      for (const row of scheduled) {
        expect(row.mode).toBe('resync');
        expect((await finished(row.id)).status).toBe('succeeded');
      }
      expect(await f.testApp.app.get(ImportWorker).sweep()).toBe(0);
    });

    it('a full import removes objects deleted at Meta since the last one', async () => {
      f.meta.setAccountObjects(ACCOUNT, { ...data, campaigns: data.campaigns.slice(0, 100) });
      const response = await start(f.teamAdmin, ACCOUNT, 'full').expect(202);
      expect(response.body.data.mode).toBe('full');
      expect((await finished(response.body.data.importId)).status).toBe('succeeded');
      expect(await count('meta_campaigns')).toBe(100);
      expect(await count('meta_ads')).toBe(480);
    });
  });

  describe('failures', () => {
    it('a platform error that retrying cannot fix fails the import with its code', async () => {
      f.meta.failNext('bad-param');
      const response = await start(f.teamAdmin, SMALL, 'full').expect(202);
      const done = await finished(response.body.data.importId);
      expect(done).toMatchObject({ status: 'failed', error: { code: 'BAD_REQUEST', message: expect.any(String) } });
      expect(JSON.stringify(done)).not.toMatch(/EAA|access_token/);
    });

    it('transient errors are retried with backoff and the import resumes', async () => {
      // The Graph client tries each call 3 times; a 4th failure makes the runner reschedule the import.
      f.meta.failNext('server-error', 4);
      const response = await start(f.teamAdmin, SMALL, 'full').expect(202);
      const done = await finished(response.body.data.importId);
      expect(done).toMatchObject({ status: 'succeeded', error: null, progress: { campaigns: { done: 1 } } });
      const attempts = await f.testApp.query<{ attempts: number }>(`SELECT attempts FROM imports WHERE id = $1`, [response.body.data.importId]);
      expect(attempts[0].attempts).toBe(2);
    });
  });

  describe('permissions', () => {
    let importId: string;
    beforeAll(async () => {
      const all = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports`).expect(200)).body.data as Array<{ id: string; adAccountId: string }>;
      importId = all.find((i) => i.adAccountId === ACCOUNT)!.id;
      const small = all.find((i) => i.adAccountId === SMALL)!.id;
      // The viewer's permission is on ACCOUNT only: SMALL's imports are not theirs to see.
      await status(viewer, small).expect(403);
      const visible = (await f.api.as(viewer, 'get', `/${f.teamId}/imports`).expect(200)).body.data as Array<{ adAccountId: string }>;
      expect(new Set(visible.map((i) => i.adAccountId))).toEqual(new Set([ACCOUNT]));
    });

    it('a VIEWER or a member without permission cannot start an import (403); others see nothing (404)', async () => {
      expect((await start(viewer, ACCOUNT).expect(403)).body.error.code).toBe('FORBIDDEN');
      await start(f.member, ACCOUNT).expect(403);
      await start(f.outsider, ACCOUNT).expect(404);
      await f.api.as(f.teamAdmin, 'get', `/${f.otherTeamId}/meta/import?adAccountId=act_${ACCOUNT}`).expect(404);
      await f.api.as(otherTenantUser, 'get', `/${f.teamId}/meta/import?adAccountId=act_${ACCOUNT}`).expect(404);
      await f.api.as(manager, 'get', `/${f.teamId}/meta/import?adAccountId=act_${SMALL}`).expect(403);
      await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import?adAccountId=act_${ACCOUNT}&mode=partial`).expect(400);
      await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import?adAccountId=act_4242`).expect(404);
      await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import`).expect(400);
    });

    it('the status is for those who may read the account; another team or tenant gets a 404, a bad id a 400', async () => {
      await status(viewer, importId).expect(200);
      await status(manager, importId).expect(200);
      await status(f.wsAdmin, importId).expect(200);
      await status(f.member, importId).expect(403);
      await status(f.outsider, importId).expect(404);
      await status(f.wsAdmin, importId, f.otherTeamId).expect(404);
      await status(otherTenantUser, importId).expect(404);
      expect((await status(f.teamAdmin, 'not-a-uuid').expect(400)).body.error.code).toBe('BAD_REQUEST');
      await status(f.teamAdmin, '00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe('with Meta unreachable or the token expired', () => {
    it('an expired token fails the import for good, and local reads keep working', async () => {
      f.meta.failNext('auth-expired');
      const response = await start(f.teamAdmin, ACCOUNT, 'full').expect(202);
      const done = await finished(response.body.data.importId);
      expect(done).toMatchObject({ status: 'failed', error: { code: 'PLATFORM_AUTH_EXPIRED' } });
      const local = await readAll(viewer, `/campaigns?adAccountId=act_${ACCOUNT}&fields=name`);
      expect(local.metas.every((meta) => meta.source === 'local')).toBe(true);
      expect(local.data).toHaveLength(100);
    });

    it('local reads keep working with the platform down; live reads fail', async () => {
      await f.meta.close();
      const local = await read(viewer, `/ads?adAccountId=act_${ACCOUNT}&adsetId=710001`).expect(200);
      expect(local.body).toMatchObject({ success: true, meta: { source: 'local' } });
      expect(local.body.data.map((ad: Row) => ad.id).sort()).toEqual(['810002', '810003']);
      const live = await read(viewer, `/ads?adAccountId=act_${ACCOUNT}&adsetId=710001&live=true`);
      expect(live.status).toBeGreaterThanOrEqual(400);
    });
  });
});
