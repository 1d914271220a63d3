import { ApiClient, TenantKey, UserSession } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

interface MemberView {
  id: string;
  role: string;
  userId: string;
  user: { externalUserId: string };
}

describe('Team management', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let wsAdmin: UserSession;
  let teamAdmin: UserSession;
  let member: UserSession;
  let outsider: UserSession;
  let otherWsAdmin: UserSession;
  let defaultTeamId: string;
  let teamId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
    acme = await api.createTenant('Acme');
    wsAdmin = await api.login(acme.apiKey, 'ws-admin');
    await api.as(wsAdmin, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Acme WS' }).expect(201);
    const teams = await api.as(wsAdmin, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(200);
    defaultTeamId = teams.body.data[0].id;
    const created = await api.as(wsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'Growth' }).expect(201);
    teamId = created.body.data.id;
    await api
      .as(wsAdmin, 'post', `/teams/${teamId}/members`)
      .send({ members: [{ externalUserId: 'team-admin', role: 'ADMIN' }, { externalUserId: 'member', role: 'MEMBER' }] })
      .expect(200);
    teamAdmin = await api.login(acme.apiKey, 'team-admin');
    member = await api.login(acme.apiKey, 'member');
    outsider = await api.login(acme.apiKey, 'outsider');
    otherWsAdmin = await api.login(acme.apiKey, 'other-ws-admin');
    await api.as(otherWsAdmin, 'post', '/workspace').send({ enterpriseId: 'other-ent', workspaceName: 'Other' }).expect(201);
  });
  afterAll(() => testApp.close());

  it('creates a team with the seed shape; the creator is its first ADMIN', async () => {
    const response = await api.as(wsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'New Team' }).expect(201);
    expect(response.body.data).toEqual({ id: expect.any(String), name: 'New Team', isDefault: false, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const members = await api.as(wsAdmin, 'get', `/teams/${response.body.data.id}/members`).expect(200);
    expect(members.body.data.map((m: MemberView) => [m.user.externalUserId, m.role])).toEqual([['ws-admin', 'ADMIN']]);
  });

  it('lists the workspace teams with their members', async () => {
    const response = await api.as(wsAdmin, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(200);
    expect(response.body.message).toBe('Request successful');
    const growth = response.body.data.find((team: { id: string }) => team.id === teamId);
    expect(growth).toEqual({
      id: teamId,
      name: 'Growth',
      isDefault: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      TeamMembers: [
        { id: expect.any(String), role: 'ADMIN', userId: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String), user: { externalUserId: 'ws-admin' } },
        { id: expect.any(String), role: 'ADMIN', userId: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String), user: { externalUserId: 'team-admin' } },
        { id: expect.any(String), role: 'MEMBER', userId: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String), user: { externalUserId: 'member' } },
      ],
    });
    expect(response.body.data[0].isDefault).toBe(true);
  });

  it('shows a team to any member, with its workspace and members', async () => {
    const response = await api.as(member, 'get', `/teams/${teamId}`).expect(200);
    expect(response.body.data).toMatchObject({ id: teamId, name: 'Growth', isDefault: false, workspace: { name: 'Acme WS', enterpriseId: 'ent' } });
    const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    expect(response.body.data.createdAt).toMatch(isoUtc);
    expect(response.body.data.TeamMembers[0].createdAt).toMatch(isoUtc);
    expect(response.body.data.TeamMembers.map((m: MemberView) => m.user.externalUserId)).toEqual(['ws-admin', 'team-admin', 'member']);
    const members = await api.as(member, 'get', `/teams/${teamId}/members`).expect(200);
    expect(members.body.data[0]).toEqual({
      id: expect.any(String),
      role: 'ADMIN',
      userId: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      user: { externalUserId: 'ws-admin' },
    });
  });

  describe('assigning members', () => {
    it('one member: 201 with the member; the user is created on first reference', async () => {
      const response = await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'never-logged-in', role: 'MEMBER' }] }).expect(201);
      expect(response.body).toMatchObject({ statusCode: 201, message: 'Resource created successfully' });
      expect(response.body.data).toEqual({ id: expect.any(String), role: 'MEMBER', createdAt: expect.any(String), updatedAt: expect.any(String) });
      const later = await api.login(acme.apiKey, 'never-logged-in');
      await api.as(later, 'get', `/teams/${teamId}`).expect(200);
    });

    it('one member already in the team: 409', async () => {
      const response = await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'member', role: 'MEMBER' }] }).expect(409);
      expect(response.body.error).toEqual({ code: 'CONFLICT', message: 'User already assigned to this team' });
    });

    it('several members: 200 with successful, failed and summary; bad entries never lose the good ones', async () => {
      const response = await api
        .as(teamAdmin, 'post', `/teams/${teamId}/members`)
        .send({
          members: [
            { externalUserId: 'bulk-1', role: 'MEMBER' },
            { externalUserId: 'member', role: 'MEMBER' },
            { externalUserId: 'bulk-2', role: 'OWNER' },
            { externalUserId: 'bulk-3', role: 'ADMIN' },
            { externalUserId: 'bulk-1', role: 'ADMIN' },
            'not-an-object',
          ],
        })
        .expect(200);
      expect(response.body.statusCode).toBe(200);
      const { successful, failed, summary } = response.body.data;
      expect(successful).toEqual([
        { externalUserId: 'bulk-1', teamMember: { id: expect.any(String), role: 'MEMBER', createdAt: expect.any(String), updatedAt: expect.any(String) } },
        { externalUserId: 'bulk-3', teamMember: { id: expect.any(String), role: 'ADMIN', createdAt: expect.any(String), updatedAt: expect.any(String) } },
      ]);
      expect(failed).toEqual(
        expect.arrayContaining([
          { externalUserId: 'member', error: 'User already assigned to this team' },
          { externalUserId: 'bulk-2', error: expect.stringContaining('role must be one of the following values') },
          { externalUserId: 'bulk-1', error: 'Listed more than once in this request' },
          { externalUserId: null, error: 'Each member must be an object' },
        ]),
      );
      expect(summary).toEqual({ total: 6, successCount: 2, failureCount: 4 });
      const members = await api.as(teamAdmin, 'get', `/teams/${teamId}/members`).expect(200);
      const ids = members.body.data.map((m: MemberView) => m.user.externalUserId);
      expect(ids).toEqual(expect.arrayContaining(['bulk-1', 'bulk-3']));
      expect(ids).not.toContain('bulk-2');
    });

    it('refuses empty, oversized and malformed requests', async () => {
      const empty = await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({ members: [] }).expect(400);
      expect(empty.body.error.details).toContain('members must contain at least 1 elements');
      await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({}).expect(400);
      const tooMany = Array.from({ length: 101 }, (_, i) => ({ externalUserId: `u${i}`, role: 'MEMBER' }));
      await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({ members: tooMany }).expect(400);
      const single = await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'x', role: 'BOSS' }] }).expect(400);
      expect(single.body.error.details[0]).toContain('role must be one of the following values');
    });
  });

  it('renames a team (team ADMIN)', async () => {
    const response = await api.as(teamAdmin, 'patch', `/teams/${teamId}`).send({ name: 'Growth Team' }).expect(200);
    expect(response.body.data).toEqual({ id: teamId, name: 'Growth Team' });
    await api.as(teamAdmin, 'patch', `/teams/${teamId}`).send({}).expect(400);
  });

  describe('removing members', () => {
    it('removes one or several members', async () => {
      await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'r1', role: 'MEMBER' }, { externalUserId: 'r2', role: 'MEMBER' }] }).expect(200);
      const response = await api.as(teamAdmin, 'delete', `/teams/${teamId}/members`).send({ members: ['r1', 'r2'] }).expect(200);
      expect(response.body).toMatchObject({ data: null, message: 'Member(s) removed successfully' });
      const ids = (await api.as(teamAdmin, 'get', `/teams/${teamId}/members`).expect(200)).body.data.map((m: MemberView) => m.user.externalUserId);
      expect(ids).not.toContain('r1');
      expect(ids).not.toContain('r2');
    });

    it('removes nothing when one listed user is not a member', async () => {
      await api.as(teamAdmin, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'r3', role: 'MEMBER' }] }).expect(201);
      const response = await api.as(teamAdmin, 'delete', `/teams/${teamId}/members`).send({ members: ['r3', 'stranger'] }).expect(404);
      expect(response.body.error.details).toEqual(['stranger is not a member of this team']);
      const ids = (await api.as(teamAdmin, 'get', `/teams/${teamId}/members`).expect(200)).body.data.map((m: MemberView) => m.user.externalUserId);
      expect(ids).toContain('r3');
    });

    it('never removes the last ADMIN of a team (409), even when two removals race', async () => {
      const created = await api.as(wsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'Solo' }).expect(201);
      const solo = created.body.data.id;
      const last = await api.as(wsAdmin, 'delete', `/teams/${solo}/members`).send({ members: ['ws-admin'] }).expect(409);
      expect(last.body.error).toEqual({ code: 'CONFLICT', message: 'The last ADMIN of a team cannot be removed' });

      await api.as(wsAdmin, 'post', `/teams/${solo}/members`).send({ members: [{ externalUserId: 'second-admin', role: 'ADMIN' }] }).expect(201);
      const [a, b] = await Promise.all([
        api.as(wsAdmin, 'delete', `/teams/${solo}/members`).send({ members: ['ws-admin'] }),
        api.as(wsAdmin, 'delete', `/teams/${solo}/members`).send({ members: ['second-admin'] }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const admins = await testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM team_members WHERE team_id = $1 AND role = 'ADMIN'`, [solo]);
      expect(admins[0].n).toBe(1);
    });
  });

  describe('deleting teams', () => {
    it('the workspace admin deletes a team with its members', async () => {
      const created = await api.as(wsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'Temp' }).expect(201);
      const temp = created.body.data.id;
      await api.as(wsAdmin, 'post', `/teams/${temp}/members`).send({ members: [{ externalUserId: 'member', role: 'MEMBER' }] }).expect(201);
      const response = await api.as(wsAdmin, 'delete', `/teams/${temp}`).expect(200);
      expect(response.body).toMatchObject({ data: null, message: "'Team Temp' deleted successfully" });
      await api.as(wsAdmin, 'get', `/teams/${temp}`).expect(404);
      const left = await testApp.query<{ n: number }>('SELECT count(*)::int AS n FROM team_members WHERE team_id = $1', [temp]);
      expect(left[0].n).toBe(0);
    });

    it('the default team cannot be deleted (409)', async () => {
      const response = await api.as(wsAdmin, 'delete', `/teams/${defaultTeamId}`).expect(409);
      expect(response.body.error).toEqual({ code: 'CONFLICT', message: 'The default team of a workspace cannot be deleted' });
    });
  });

  describe('refusals, one per row of the authorization table', () => {
    const teamRoutes = (id: string) =>
      [
        ['get', `/teams/${id}`, undefined],
        ['get', `/teams/${id}/members`, undefined],
        ['patch', `/teams/${id}`, { name: 'Hijacked' }],
        ['post', `/teams/${id}/members`, { members: [{ externalUserId: 'intruder', role: 'ADMIN' }] }],
        ['delete', `/teams/${id}/members`, { members: ['member'] }],
        ['delete', `/teams/${id}`, undefined],
      ] as const;

    it('a MEMBER reads but cannot administer the team (403)', async () => {
      await api.as(member, 'get', `/teams/${teamId}`).expect(200);
      for (const [method, path, body] of teamRoutes(teamId).slice(2)) {
        const response = await api.as(member, method, path).send(body as object | undefined).expect(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
      await api.as(member, 'post', '/teams').send({ enterpriseId: 'ent', name: 'x' }).expect(403);
      await api.as(member, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(403);
    });

    it('a team ADMIN manages members and the name, but cannot delete the team or create teams', async () => {
      await api.as(teamAdmin, 'delete', `/teams/${teamId}`).expect(403);
      await api.as(teamAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'x' }).expect(403);
      await api.as(teamAdmin, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(403);
    });

    it('a team ADMIN of one team has no rights in another team of the workspace (404)', async () => {
      await api.as(teamAdmin, 'get', `/teams/${defaultTeamId}`).expect(404);
      await api.as(teamAdmin, 'post', `/teams/${defaultTeamId}/members`).send({ members: [{ externalUserId: 'team-admin', role: 'ADMIN' }] }).expect(404);
    });

    it('a non-member of the tenant gets 404 for every team route, with no data', async () => {
      for (const [method, path, body] of teamRoutes(teamId)) {
        const response = await api.as(outsider, method, path).send(body as object | undefined).expect(404);
        expect(response.body.error).toEqual({ code: 'NOT_FOUND', message: 'Team not found' });
        expect(JSON.stringify(response.body)).not.toContain('Growth');
      }
      await api.as(outsider, 'post', '/teams').send({ enterpriseId: 'ent', name: 'x' }).expect(404);
      await api.as(outsider, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(404);
    });

    it("another workspace's admin gets 404", async () => {
      for (const [method, path, body] of teamRoutes(teamId)) {
        await api.as(otherWsAdmin, method, path).send(body as object | undefined).expect(404);
      }
      await api.as(otherWsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'x' }).expect(404);
      await api.as(otherWsAdmin, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(404);
    });

    it('another tenant gets 404, even with the same externalUserId as the workspace admin', async () => {
      const globex = await api.createTenant('Globex');
      const impostor = await api.login(globex.apiKey, 'ws-admin');
      for (const [method, path, body] of teamRoutes(teamId)) {
        await api.as(impostor, method, path).send(body as object | undefined).expect(404);
      }
      await api.as(impostor, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(404);
      const names = await testApp.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [teamId]);
      expect(names[0].name).toBe('Growth Team');
    });

    it('ids that are not UUIDs answer 400, unknown UUIDs 404, never 500', async () => {
      const bad = await api.as(wsAdmin, 'get', '/teams/not-a-uuid').expect(400);
      expect(bad.body.error.details).toEqual(['teamId must be a UUID']);
      await api.as(wsAdmin, 'get', "/teams/1'%20OR%201=1").expect(400);
      await api.as(wsAdmin, 'get', '/teams/00000000-0000-4000-8000-000000000000').expect(404);
      await api.as(wsAdmin, 'post', '/teams/get-all').send({}).expect(400);
      await api.as(wsAdmin, 'post', '/teams/get-all').send({ enterpriseId: ['ent'] }).expect(400);
    });
  });
});
