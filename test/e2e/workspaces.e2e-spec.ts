import { API, ApiClient, TenantKey, UserSession } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Workspace management', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let owner: UserSession;
  let outsider: UserSession;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
    acme = await api.createTenant('Acme');
    owner = await api.login(acme.apiKey, 'owner');
    outsider = await api.login(acme.apiKey, 'outsider');
  });
  afterAll(() => testApp.close());

  async function createWorkspace(session: UserSession, enterpriseId: string, workspaceName = `WS ${enterpriseId}`) {
    return api.as(session, 'post', '/workspace').send({ enterpriseId, workspaceName }).expect(201);
  }

  async function defaultTeamId(session: UserSession, enterpriseId: string): Promise<string> {
    const teams = await api.as(session, 'post', '/teams/get-all').send({ enterpriseId }).expect(200);
    return teams.body.data.find((team: { isDefault: boolean }) => team.isDefault).id;
  }

  it('creates a workspace with a default team whose ADMIN is the caller', async () => {
    const response = await createWorkspace(owner, 'ent-1', 'New Workspace');
    expect(response.body).toEqual({
      success: true,
      data: { id: expect.any(String), name: 'New Workspace', enterpriseId: 'ent-1', createdAt: expect.any(String), updatedAt: expect.any(String) },
      message: 'Resource created successfully',
      timestamp: expect.any(String),
      statusCode: 201,
      requestId: expect.any(String),
      environment: 'live',
    });
    const teams = await api.as(owner, 'post', '/teams/get-all').send({ enterpriseId: 'ent-1' }).expect(200);
    expect(teams.body.data).toHaveLength(1);
    expect(teams.body.data[0]).toMatchObject({ isDefault: true, TeamMembers: [{ role: 'ADMIN', user: { externalUserId: 'owner' } }] });
  });

  it('gets a workspace with its admin', async () => {
    const response = await api.as(owner, 'get', '/workspace/ent-1').expect(200);
    expect(response.body.data).toEqual({
      id: expect.any(String),
      name: 'New Workspace',
      admin: { externalUserId: 'owner' },
      enterpriseId: 'ent-1',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('answers a second workspace with the same enterpriseId with 409, even when racing', async () => {
    const again = await api.as(owner, 'post', '/workspace').send({ enterpriseId: 'ent-1', workspaceName: 'Dup' }).expect(409);
    expect(again.body.error).toEqual({ code: 'CONFLICT', message: 'Workspace already exists with the same enterpriseId' });
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => api.as(owner, 'post', '/workspace').send({ enterpriseId: 'race', workspaceName: 'Race' })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const rows = await testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM teams t JOIN workspaces w ON w.id = t.workspace_id WHERE w.enterprise_id = 'race'`);
    expect(rows[0].n).toBe(1);
  });

  it('lets another tenant use the same enterpriseId, and never see ours', async () => {
    const globex = await api.createTenant('Globex');
    const stranger = await api.login(globex.apiKey, 'owner');
    await createWorkspace(stranger, 'ent-1', 'Globex WS');
    const theirs = await api.as(stranger, 'get', '/workspace/ent-1').expect(200);
    expect(theirs.body.data.name).toBe('Globex WS');
    const ours = await api.as(owner, 'get', '/workspace/ent-1').expect(200);
    expect(ours.body.data.name).toBe('New Workspace');
  });

  it('updates only what is sent', async () => {
    await createWorkspace(owner, 'ent-upd', 'Before');
    const unchanged = await api.as(owner, 'patch', '/workspace/ent-upd').send({}).expect(200);
    expect(unchanged.body.data).toMatchObject({ name: 'Before', adminId: 'owner', enterpriseId: 'ent-upd' });
    const renamed = await api.as(owner, 'patch', '/workspace/ent-upd').send({ name: 'After' }).expect(200);
    expect(renamed.body.data).toEqual({
      id: expect.any(String),
      name: 'After',
      adminId: 'owner',
      enterpriseId: 'ent-upd',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const bad = await api.as(owner, 'patch', '/workspace/ent-upd').send({ name: '' }).expect(400);
    expect(bad.body.error.details).toContain('name should not be empty');
    await api.as(owner, 'patch', '/workspace/ent-upd').send({ name: null }).expect(400);
    await api.as(owner, 'patch', '/workspace/ent-upd').send({ adminId: 'x' }).expect(400);
  });

  it('changes the admin: the new one gains the workspace and its default team, the old one loses them', async () => {
    await createWorkspace(owner, 'ent-handover');
    const response = await api.as(owner, 'patch', '/workspace/ent-handover/change-admin').send({ adminId: 'successor' }).expect(200);
    expect(response.body).toMatchObject({ success: true, data: null, message: 'Admin changed successfully' });
    const successor = await api.login(acme.apiKey, 'successor');
    const workspace = await api.as(successor, 'get', '/workspace/ent-handover').expect(200);
    expect(workspace.body.data.admin).toEqual({ externalUserId: 'successor' });
    const teams = await api.as(successor, 'post', '/teams/get-all').send({ enterpriseId: 'ent-handover' }).expect(200);
    const roles = Object.fromEntries(teams.body.data[0].TeamMembers.map((m: { role: string; user: { externalUserId: string } }) => [m.user.externalUserId, m.role]));
    expect(roles).toEqual({ owner: 'MEMBER', successor: 'ADMIN' });
    // The old admin is now a plain member: may read, may not administer.
    await api.as(owner, 'get', '/workspace/ent-handover').expect(200);
    expect((await api.as(owner, 'patch', '/workspace/ent-handover').send({ name: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    await api.as(owner, 'patch', '/workspace/ent-handover/change-admin').send({ adminId: 'owner' }).expect(403);
    await api.as(owner, 'delete', '/workspace/ent-handover').expect(403);
  });

  it('deletes a workspace with all its teams and members in one go', async () => {
    await createWorkspace(owner, 'ent-del');
    const teamId = await defaultTeamId(owner, 'ent-del');
    await api.as(owner, 'post', '/teams').send({ enterpriseId: 'ent-del', name: 'Extra' }).expect(201);
    await api.as(owner, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'm1', role: 'MEMBER' }] }).expect(201);
    const response = await api.as(owner, 'delete', '/workspace/ent-del').expect(200);
    expect(response.body).toMatchObject({ data: null, message: 'Workspace deleted successfully with its teams' });
    await api.as(owner, 'get', '/workspace/ent-del').expect(404);
    const left = await testApp.query<{ teams: number; members: number }>(
      `SELECT (SELECT count(*)::int FROM teams WHERE id = $1) AS teams, (SELECT count(*)::int FROM team_members WHERE team_id = $1) AS members`,
      [teamId],
    );
    expect(left[0]).toEqual({ teams: 0, members: 0 });
    await createWorkspace(owner, 'ent-del');
  });

  describe('refusals', () => {
    beforeAll(async () => {
      await createWorkspace(owner, 'ent-guarded');
      const teamId = await defaultTeamId(owner, 'ent-guarded');
      await api.as(owner, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'plain-member', role: 'MEMBER' }] }).expect(201);
    });

    it('a user with no part in the workspace gets 404 for everything', async () => {
      for (const [method, path, body] of [
        ['get', '/workspace/ent-guarded', undefined],
        ['patch', '/workspace/ent-guarded', { name: 'x' }],
        ['delete', '/workspace/ent-guarded', undefined],
        ['patch', '/workspace/ent-guarded/change-admin', { adminId: 'outsider' }],
      ] as const) {
        const response = await api.as(outsider, method, path).send(body as object | undefined).expect(404);
        expect(response.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND', message: 'Workspace not found' } });
        expect(JSON.stringify(response.body)).not.toContain('owner');
      }
    });

    it('a member of one of its teams may read it but not change it', async () => {
      const member = await api.login(acme.apiKey, 'plain-member');
      await api.as(member, 'get', '/workspace/ent-guarded').expect(200);
      await api.as(member, 'patch', '/workspace/ent-guarded').send({ name: 'x' }).expect(403);
      await api.as(member, 'patch', '/workspace/ent-guarded/change-admin').send({ adminId: 'plain-member' }).expect(403);
      await api.as(member, 'delete', '/workspace/ent-guarded').expect(403);
      await api.as(owner, 'get', '/workspace/ent-guarded').expect(200);
    });

    it('the admin of another workspace gets 404', async () => {
      const otherAdmin = await api.login(acme.apiKey, 'other-admin');
      await createWorkspace(otherAdmin, 'ent-other');
      await api.as(otherAdmin, 'get', '/workspace/ent-guarded').expect(404);
      await api.as(otherAdmin, 'delete', '/workspace/ent-guarded').expect(404);
    });

    it('another tenant gets 404 for the same enterpriseId it does not own', async () => {
      const initech = await api.createTenant('Initech');
      const them = await api.login(initech.apiKey, 'owner');
      await api.as(them, 'get', '/workspace/ent-guarded').expect(404);
      await api.as(them, 'delete', '/workspace/ent-guarded').expect(404);
      await api.as(owner, 'get', '/workspace/ent-guarded').expect(200);
    });

    it('bad bodies', async () => {
      const missing = await api.as(owner, 'post', '/workspace').send({}).expect(400);
      expect(missing.body.error.details).toEqual(expect.arrayContaining(['enterpriseId should not be empty', 'workspaceName should not be empty']));
      await api.as(owner, 'post', '/workspace').send({ enterpriseId: 5, workspaceName: 'x' }).expect(400);
      await api.as(owner, 'patch', '/workspace/ent-guarded/change-admin').send({}).expect(400);
      await api.as(owner, 'get', `/workspace/${'x'.repeat(300)}`).expect(400);
    });
  });
});
