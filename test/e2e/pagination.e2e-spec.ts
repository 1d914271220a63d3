import { ApiClient, TenantKey, UserSession } from '../support/api-client';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

type Page = { data: unknown; meta?: { nextCursor: string | null } };

/** Every page of a list, following meta.nextCursor; `between` runs after each page (to insert rows mid-walk). */
async function walk(fetchPage: (cursor: string | undefined) => Promise<Page>, items: (page: Page) => Array<{ id: string }>, between?: (n: number) => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let n = 1; n < 100; n++) {
    const page = await fetchPage(cursor);
    seen.push(...items(page).map((item) => item.id));
    expect(page.meta).toHaveProperty('nextCursor');
    if (page.meta?.nextCursor === null) return seen;
    cursor = page.meta!.nextCursor;
    await between?.(n);
  }
  throw new Error('the walk did not end');
}

describe('Cursor pagination on list endpoints', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let tenant: TenantKey;
  let admin: UserSession;
  let teamId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
    tenant = await api.createTenant('Acme');
    admin = await api.login(tenant.apiKey, 'ws-admin');
    await api.as(admin, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Acme' }).expect(201);
    teamId = (await api.as(admin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'Growth' }).expect(201)).body.data.id;
    const members = Array.from({ length: 30 }, (_, i) => ({ externalUserId: `user-${String(i).padStart(2, '0')}`, role: 'MEMBER' }));
    await api.as(admin, 'post', `/teams/${teamId}/members`).send({ members }).expect(200);
  });

  afterAll(() => testApp.close());

  const memberPage = async (cursor: string | undefined, limit = 7) =>
    (await api.as(admin, 'get', `/teams/${teamId}/members`).query({ limit, ...(cursor ? { cursor } : {}) }).expect(200)).body as Page;
  const memberIds = (page: Page) => page.data as Array<{ id: string }>;

  it('walks all members with no gap and no repeat, and ends with nextCursor null', async () => {
    const all = memberIds(await memberPage(undefined, 100));
    expect(all).toHaveLength(31); // 30 + the workspace admin, the team's first ADMIN
    const walked = await walk((cursor) => memberPage(cursor), memberIds);
    expect(walked).toEqual(all.map((member) => member.id));
  });

  it('defaults to 25 per page and keeps data as the array the endpoint always answered', async () => {
    const body = (await api.as(admin, 'get', `/teams/${teamId}/members`).expect(200)).body;
    expect(Array.isArray(body.data)).toBe(true);
    expect(body.data).toHaveLength(25);
    expect(typeof body.meta.nextCursor).toBe('string');
    expect(body.data[0].user.externalUserId).toBe('ws-admin');
  });

  it('is stable while members are added between pages: nothing skipped or repeated, new ones come at the end', async () => {
    const before = memberIds(await memberPage(undefined, 100)).map((member) => member.id);
    const walked = await walk((cursor) => memberPage(cursor, 5), memberIds, async (n) => {
      await api.as(admin, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: `late-${n}`, role: 'MEMBER' }] }).expect(201);
    });
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.slice(0, before.length)).toEqual(before);
    const after = memberIds(await memberPage(undefined, 100)).map((member) => member.id);
    expect(walked).toEqual(after);
  });

  it.each([
    ['limit=0', { limit: 0 }],
    ['limit=101', { limit: 101 }],
    ['limit=abc', { limit: 'abc' }],
    ['limit=2.5', { limit: 2.5 }],
    ['a made-up cursor', { cursor: 'not-a-cursor' }],
    ['a cursor of the right form but bad content', { cursor: Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url') }],
    ['an over-long cursor', { cursor: 'a'.repeat(600) }],
  ])('%s is a 400 BAD_REQUEST', async (_label, query) => {
    const body = (await api.as(admin, 'get', `/teams/${teamId}/members`).query(query).expect(400)).body;
    expect(body.error.code).toBe('BAD_REQUEST');
  });

  it('pages the teams of a workspace (POST /teams/get-all), default team first', async () => {
    for (const name of ['Alpha', 'Beta', 'Gamma']) await api.as(admin, 'post', '/teams').send({ enterpriseId: 'ent', name }).expect(201);
    const fetchTeams = async (cursor?: string) =>
      (await api.as(admin, 'post', '/teams/get-all').query({ limit: 2, ...(cursor ? { cursor } : {}) }).send({ enterpriseId: 'ent' }).expect(200)).body as Page;
    const first = await fetchTeams();
    const teams = first.data as Array<{ id: string; isDefault: boolean; name: string; TeamMembers: unknown[] }>;
    expect(teams).toHaveLength(2);
    expect(teams[0].isDefault).toBe(true);
    expect(teams[1].TeamMembers.length).toBeGreaterThan(25); // members are not paged inside a team
    const walked = await walk(fetchTeams, (page) => page.data as Array<{ id: string }>);
    expect(walked).toHaveLength(5);
    expect(new Set(walked).size).toBe(5);
  });

  it('pages the admin list of tenants', async () => {
    for (const name of ['B', 'C', 'D']) await api.createTenant(name);
    const fetchTenants = async (cursor?: string) =>
      (
        await api.http
          .get('/api/v1/admin/tenants')
          .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
          .query({ limit: 3, ...(cursor ? { cursor } : {}) })
          .expect(200)
      ).body as Page;
    const walked = await walk(fetchTenants, (page) => page.data as Array<{ id: string }>);
    expect(walked).toHaveLength(4);
    expect(walked[0]).toBe(tenant.id);
  });
});

describe('Cursor pagination of connections and their status', () => {
  let f: MetaTeamFixture;

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '801',
      name: 'Ada',
      adAccounts: ['1001', '1002', '1003'].map((id) => ({ account_id: id, name: `Account ${id}`, currency: 'USD', timezone_name: 'UTC', account_status: 1 })),
    });
  });

  afterAll(() => f.close());

  it('GET /connections/status walks every ad account one by one', async () => {
    const fetchStatus = async (cursor?: string) =>
      (await f.api.as(f.teamAdmin, 'get', '/connections/status').query({ limit: 1, ...(cursor ? { cursor } : {}) }).expect(200)).body as Page;
    const first = await fetchStatus();
    expect((first.data as { connected: unknown[] }).connected).toHaveLength(1);
    const walked = await walk(fetchStatus, (page) => (page.data as { connected: Array<{ id: string }> }).connected);
    expect(walked).toHaveLength(3);
    expect(new Set(walked).size).toBe(3);
  });

  it('GET /connections and /connections/team/{teamId} answer one page with nextCursor null', async () => {
    const mine = (await f.api.as(f.teamAdmin, 'get', '/connections').query({ limit: 1 }).expect(200)).body;
    expect(mine.data.data).toHaveLength(1);
    expect(mine.data.data[0].adsAccounts).toHaveLength(3); // a connection's accounts are not paged inside it
    expect(mine.data.count).toBe(1);
    expect(mine.meta).toEqual({ nextCursor: null });
    const team = (await f.api.as(f.teamAdmin, 'get', `/connections/team/${f.teamId}`).query({ limit: 5 }).expect(200)).body;
    expect(team.data.data).toHaveLength(1);
    expect(team.meta).toEqual({ nextCursor: null });
    await f.api.as(f.teamAdmin, 'get', '/connections').query({ cursor: 'garbage' }).expect(400);
  });
});
