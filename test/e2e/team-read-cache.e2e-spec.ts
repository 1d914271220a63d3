import { TeamSnapshots } from '../../src/access/team-snapshots.service';
import { ApiClient, TenantKey, UserSession } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

const NOTIFICATION_DEADLINE_MS = 5_000;

/**
 * GET /teams/{id} is answered from a per-process cache of team snapshots. Every change must reach it: at once for a
 * write made through this app, and through the database's notifications for one made anywhere else (another replica,
 * the CLI, SQL). These tests read the team first, so that the answer is cached, then change it.
 */
describe('team reads from the snapshot cache', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let owner: UserSession;
  let snapshots: TeamSnapshots;
  let workspaceSeq = 0;

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + NOTIFICATION_DEADLINE_MS;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A new workspace of `owner` with a team holding `members` (MEMBER role); returns the team id. */
  async function teamWith(...members: UserSession[]): Promise<{ enterpriseId: string; teamId: string }> {
    const enterpriseId = `cache-${++workspaceSeq}`;
    await api.as(owner, 'post', '/workspace').send({ enterpriseId, workspaceName: `Cache ${workspaceSeq}` }).expect(201);
    const created = await api.as(owner, 'post', '/teams').send({ enterpriseId, name: 'Readers' }).expect(201);
    const teamId = created.body.data.id as string;
    if (members.length > 0) {
      await api
        .as(owner, 'post', `/teams/${teamId}/members`)
        .send({ members: [...members.map((member) => ({ externalUserId: member.externalUserId, role: 'MEMBER' })), { externalUserId: 'filler', role: 'MEMBER' }] })
        .expect(200);
    }
    return { enterpriseId, teamId };
  }

  /** Reads the team as `session` and checks that the answer is now in the cache. */
  async function readCached(session: UserSession, teamId: string) {
    const response = await api.as(session, 'get', `/teams/${teamId}`).expect(200);
    expect(snapshots.cachedTeams).toBeGreaterThan(0);
    return response;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
    acme = await api.createTenant('Cache Co');
    owner = await api.login(acme.apiKey, 'owner');
    snapshots = testApp.app.get(TeamSnapshots);
    // The cache turns on once the change listener has heard its own ping.
    await until(async () => snapshots.isCaching, (live) => live);
    expect(snapshots.isCaching).toBe(true);
  });
  afterAll(() => testApp.close());

  it('refuses a removed member at once', async () => {
    const reader = await api.login(acme.apiKey, 'removed-reader');
    const { teamId } = await teamWith(reader);
    await readCached(reader, teamId);
    await readCached(reader, teamId);
    await api.as(owner, 'delete', `/teams/${teamId}/members`).send({ members: ['removed-reader'] }).expect(200);
    const refused = await api.as(reader, 'get', `/teams/${teamId}`).expect(404);
    expect(refused.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    expect(refused.body.data).toBeUndefined();
  });

  it('shows a new member, a new name and a renamed workspace at once', async () => {
    const reader = await api.login(acme.apiKey, 'watching-reader');
    const { enterpriseId, teamId } = await teamWith(reader);
    const before = await readCached(reader, teamId);
    expect(before.body.data.TeamMembers).toHaveLength(3);

    await api.as(owner, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'late-joiner', role: 'MEMBER' }] }).expect(201);
    const joined = await api.as(reader, 'get', `/teams/${teamId}`).expect(200);
    expect(joined.body.data.TeamMembers.map((m: { user: { externalUserId: string } }) => m.user.externalUserId)).toEqual([
      'owner',
      'watching-reader',
      'filler',
      'late-joiner',
    ]);
    const newcomer = await api.login(acme.apiKey, 'late-joiner');
    await api.as(newcomer, 'get', `/teams/${teamId}`).expect(200);

    await api.as(owner, 'patch', `/teams/${teamId}`).send({ name: 'Renamed' }).expect(200);
    expect((await api.as(reader, 'get', `/teams/${teamId}`).expect(200)).body.data.name).toBe('Renamed');

    await api.as(owner, 'patch', `/workspace/${enterpriseId}`).send({ name: 'New WS name' }).expect(200);
    expect((await api.as(reader, 'get', `/teams/${teamId}`).expect(200)).body.data.workspace).toEqual({ name: 'New WS name', enterpriseId });
  });

  it('takes the workspace admin rights away at once when the admin changes', async () => {
    const { enterpriseId, teamId } = await teamWith();
    // The creator is the team's first ADMIN: hand the team to another ADMIN, so that the owner reads it only as the
    // workspace admin.
    await api.as(owner, 'post', `/teams/${teamId}/members`).send({ members: [{ externalUserId: 'keeper', role: 'ADMIN' }] }).expect(201);
    await api.as(owner, 'delete', `/teams/${teamId}/members`).send({ members: ['owner'] }).expect(200);
    await readCached(owner, teamId);

    const successor = await api.login(acme.apiKey, 'successor');
    await api.as(owner, 'patch', `/workspace/${enterpriseId}/change-admin`).send({ adminId: 'successor' }).expect(200);
    await api.as(owner, 'get', `/teams/${teamId}`).expect(404);
    await api.as(successor, 'get', `/teams/${teamId}`).expect(200);
  });

  it('drops the snapshot for a write through this app by itself, before any notification', async () => {
    const reader = await api.login(acme.apiKey, 'local-reader');
    const { teamId } = await teamWith(reader);
    await readCached(reader, teamId);
    // With the notifications off, only this process's own invalidation can refuse the removed member.
    await testApp.query('ALTER TABLE team_members DISABLE TRIGGER team_members_notify_change');
    try {
      await api.as(owner, 'delete', `/teams/${teamId}/members`).send({ members: ['local-reader'] }).expect(200);
      await api.as(reader, 'get', `/teams/${teamId}`).expect(404);
    } finally {
      await testApp.query('ALTER TABLE team_members ENABLE TRIGGER team_members_notify_change');
    }
  });

  it('answers 404 at once for a deleted team', async () => {
    const reader = await api.login(acme.apiKey, 'deleted-reader');
    const { teamId } = await teamWith(reader);
    await readCached(reader, teamId);
    await api.as(owner, 'delete', `/teams/${teamId}`).expect(200);
    await api.as(reader, 'get', `/teams/${teamId}`).expect(404);
  });

  it('never answers another tenant from the cache', async () => {
    const reader = await api.login(acme.apiKey, 'home-reader');
    const { teamId } = await teamWith(reader);
    await readCached(reader, teamId);
    const rival = await api.createTenant('Rival');
    // Same externalUserId in another tenant: another user.
    const lookalike = await api.login(rival.apiKey, 'home-reader');
    const response = await api.as(lookalike, 'get', `/teams/${teamId}`).expect(404);
    expect(response.body.data).toBeUndefined();
    // A token of one tenant with the key of the other is refused before any team is looked at.
    await api.http.get(`/api/v1/teams/${teamId}`).set('x-api-key', rival.apiKey).set('authorization', `Bearer ${reader.accessToken}`).expect(401);
  });

  it('sees a change made outside this process (plain SQL) through the database notification', async () => {
    const reader = await api.login(acme.apiKey, 'sql-reader');
    const { teamId } = await teamWith(reader);
    await readCached(reader, teamId);
    await testApp.query(
      `DELETE FROM team_members m USING users u WHERE u.id = m.user_id AND m.team_id = $1 AND u.external_user_id = 'sql-reader'`,
      [teamId],
    );
    const after = await until(
      async () => (await api.as(reader, 'get', `/teams/${teamId}`)).status,
      (status) => status === 404,
    );
    expect(after).toBe(404);

    await testApp.query(`UPDATE teams SET name = 'Renamed by SQL' WHERE id = $1`, [teamId]);
    const renamed = await until(
      async () => (await api.as(owner, 'get', `/teams/${teamId}`)).body.data?.name as string | undefined,
      (name) => name === 'Renamed by SQL',
    );
    expect(renamed).toBe('Renamed by SQL');
  });

  it('stops using the cache when its listener connection is lost, and keeps nothing stale after it is back', async () => {
    const reader = await api.login(acme.apiKey, 'outage-reader');
    const { teamId } = await teamWith(reader);
    await readCached(reader, teamId);
    await testApp.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'adlyft-backend-listener' AND datname = current_database()`,
    );
    // Made while nobody listens: no notification will ever report it.
    await testApp.query(
      `DELETE FROM team_members m USING users u WHERE u.id = m.user_id AND m.team_id = $1 AND u.external_user_id = 'outage-reader'`,
      [teamId],
    );
    const status = await until(
      async () => (await api.as(reader, 'get', `/teams/${teamId}`)).status,
      (value) => value === 404,
    );
    expect(status).toBe(404);
    // The listener comes back and the cache with it.
    await until(async () => snapshots.isCaching, (live) => live);
    expect(snapshots.isCaching).toBe(true);
    await api.as(reader, 'get', `/teams/${teamId}`).expect(404);
    await readCached(owner, teamId);
  });
});
