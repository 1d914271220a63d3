import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const ACCOUNT = '3001';
const SECOND = '3002';

const launchBody = {
  campaignName: 'Audit launch',
  status: 'PAUSED',
  budget: 100,
  adSetName: 'Audit set',
  pageId: '900',
  targeting: { ageMin: 18, ageMax: 35, geoLocations: [{ type: 'country', id: 'US' }] },
  creatives: { primaryText: 'Hello', headline: 'Best', callToAction: 'LEARN_MORE', imageUrl: 'https://images.example.com/ad.jpg', url: 'https://example.com' },
  optimizationGoal: 'LANDING_PAGE_VIEWS',
  conversionLocation: 'WEBSITE',
};

type AuditEvent = {
  id: string;
  action: string;
  resource: { type: string; id: string };
  teamId: string | null;
  actor: { userId: string | null; externalUserId: string | null };
  requestId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
};

describe('Audit log', () => {
  let f: MetaTeamFixture;
  const trail = async (query: Record<string, string | number> = {}) =>
    (await f.api.as(f.wsAdmin, 'get', '/audit').query({ enterpriseId: 'ent', limit: 100, ...query }).expect(200)).body.data as AuditEvent[];
  const actions = (events: AuditEvent[]) => events.map((event) => event.action);

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '801',
      name: 'Ada',
      adAccounts: [
        { account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
        { account_id: SECOND, name: 'Second', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
      ],
    });
    f.meta.setAccountObjects(ACCOUNT, { campaigns: [{ id: '11', name: 'Spring', status: 'PAUSED', objective: 'OUTCOME_TRAFFIC', account_id: ACCOUNT }] });
  });

  afterAll(() => f.close());

  it('records the setup: workspace, teams, members and the connection, newest first, with actors', async () => {
    const events = await trail();
    expect(actions(events).reverse()).toEqual([
      'workspace.created',
      'team.created',
      'team.member_added', // team-admin
      'team.member_added', // member
      'connection.created',
    ]);
    const [connection] = events;
    expect(connection).toMatchObject({ resource: { type: 'connection' }, teamId: f.teamId, data: { platform: 'meta', reconnected: false, adAccounts: [ACCOUNT, SECOND] } });
    expect(connection.actor.userId).toEqual(expect.any(String));
    const created = events.find((event) => event.action === 'workspace.created')!;
    expect(created.actor.externalUserId).toBe('ws-admin');
    expect(created.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(events)).not.toMatch(/token|secret/i);
  });

  it('records permissions, renames, member removal and a launch, each with the request id and the caller', async () => {
    const admin = f.teamAdmin;
    const base = `/${f.teamId}/ads-accounts`;
    await f.api.as(admin, 'post', `${base}/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'member', permission: 'VIEWER' }).expect(201);
    await f.api.as(admin, 'post', `${base}/change-permission`).send({ adAccountId: ACCOUNT, externalUserId: 'member', permission: 'MANAGER' }).expect(200);
    await f.api.as(admin, 'patch', `/teams/${f.teamId}`).set('x-request-id', 'audit-rename-1').send({ name: 'Growth EU' }).expect(200);
    await f.api.as(admin, 'post', `/${f.teamId}/meta/campaign/traffic?adAccountId=act_${ACCOUNT}`).send(launchBody).expect(201);
    await f.api.as(admin, 'patch', `/${f.teamId}/meta/campaign/11`).query({ adAccountId: ACCOUNT }).send({ status: 'ACTIVE' }).expect(200);
    await f.api.as(admin, 'post', `${base}/revoke`).send({ adAccountId: ACCOUNT, externalUserId: 'member' }).expect(200);
    await f.api.as(admin, 'delete', `/teams/${f.teamId}/members`).send({ members: ['member'] }).expect(200);

    const events = await trail();
    expect(actions(events).slice(0, 7).reverse()).toEqual([
      'permission.assigned',
      'permission.changed',
      'team.renamed',
      'campaign.launched',
      'campaign.status_changed',
      'permission.revoked',
      'team.member_removed',
    ]);
    const byAction = new Map(events.map((event) => [event.action, event]));
    expect(byAction.get('permission.assigned')).toMatchObject({
      resource: { type: 'ad_account', id: ACCOUNT },
      actor: { externalUserId: 'team-admin' },
      data: { permission: 'VIEWER', externalUserId: 'member', platform: 'meta' },
    });
    expect(byAction.get('permission.changed')!.data.permission).toBe('MANAGER');
    expect(byAction.get('team.renamed')).toMatchObject({ requestId: 'audit-rename-1', data: { previousName: 'Growth', name: 'Growth EU' } });
    expect(byAction.get('campaign.launched')).toMatchObject({ resource: { type: 'campaign' }, data: { platform: 'meta', kind: 'traffic' } });
    expect(byAction.get('campaign.status_changed')).toMatchObject({ resource: { type: 'campaign', id: '11' }, data: { status: 'ACTIVE', adAccountId: ACCOUNT } });
    expect(byAction.get('team.member_removed')).toMatchObject({ data: { externalUserId: 'member', role: 'MEMBER' } });
  });

  it('records nothing for a change that was refused or rolled back', async () => {
    const before = (await trail()).length;
    // The last ADMIN of the default team cannot leave it: 409, nothing changed, nothing recorded.
    await f.api.as(f.wsAdmin, 'delete', `/teams/${f.otherTeamId}/members`).send({ members: ['ws-admin'] }).expect(409);
    // A launch whose ad step fails is undone at Meta and here.
    f.meta.launches.failLaunchStep('ads');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/meta/campaign/traffic?adAccountId=act_${ACCOUNT}`).send({ ...launchBody, campaignName: 'doomed' }).expect(400);
    // A second assign of the same permission is a 409.
    await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'member', role: 'MEMBER' }] }).expect(201);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: ACCOUNT, externalUserId: 'member', permission: 'VIEWER' }).expect(201);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: ACCOUNT, externalUserId: 'member', permission: 'VIEWER' }).expect(409);
    const after = await trail();
    expect(actions(after.slice(0, after.length - before)).reverse()).toEqual(['team.member_added', 'permission.assigned']);
  });

  it('filters by resource, action and time, and pages newest first', async () => {
    const forAccount = await trail({ resourceType: 'ad_account', resourceId: ACCOUNT });
    expect(forAccount.length).toBeGreaterThanOrEqual(4);
    expect(forAccount.every((event) => event.resource.type === 'ad_account' && event.resource.id === ACCOUNT)).toBe(true);
    expect(actions(await trail({ action: 'team.renamed' }))).toEqual(['team.renamed']);

    const all = await trail();
    const middle = all[Math.floor(all.length / 2)].createdAt;
    const older = await trail({ to: middle });
    const newer = await trail({ from: middle });
    expect(older.length + newer.length).toBe(all.length);
    expect(older.every((event) => event.createdAt < middle)).toBe(true);

    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const body = (await f.api.as(f.wsAdmin, 'get', '/audit').query({ enterpriseId: 'ent', limit: 3, ...(cursor ? { cursor } : {}) }).expect(200)).body;
      walked.push(...body.data.map((event: AuditEvent) => event.id));
      cursor = body.meta.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(all.map((event) => event.id));
  });

  it.each([
    ['no enterpriseId', {}],
    ['an unknown resourceType', { enterpriseId: 'ent', resourceType: 'planet' }],
    ['an unknown action', { enterpriseId: 'ent', action: 'team.exploded' }],
    ['a bad from', { enterpriseId: 'ent', from: 'last tuesday' }],
    ['from after to', { enterpriseId: 'ent', from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }],
  ])('answers 400 for %s', async (_label, query) => {
    const body = (await f.api.as(f.wsAdmin, 'get', '/audit').query(query).expect(400)).body;
    expect(body.error.code).toBe('BAD_REQUEST');
  });

  it('is for the workspace admin only: a team ADMIN is refused, an outsider and another tenant see nothing', async () => {
    const teamAdmin = await f.api.as(f.teamAdmin, 'get', '/audit').query({ enterpriseId: 'ent' }).expect(403);
    expect(teamAdmin.body.data).toBeUndefined();
    await f.api.as(f.member, 'get', '/audit').query({ enterpriseId: 'ent' }).expect(403);
    const outsider = await f.api.as(f.outsider, 'get', '/audit').query({ enterpriseId: 'ent' }).expect(404);
    expect(outsider.body.data).toBeUndefined();
    const otherTenant = await f.api.createTenant('Globex');
    const stranger = await f.api.login(otherTenant.apiKey, 'ws-admin');
    await f.api.as(stranger, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Globex' }).expect(201);
    const theirs = (await f.api.as(stranger, 'get', '/audit').query({ enterpriseId: 'ent' }).expect(200)).body.data as AuditEvent[];
    expect(actions(theirs)).toEqual(['workspace.created']);
  });

  it('records removal of an account, disconnection, team deletion, the admin change and the workspace deletion', async () => {
    const status = (await f.api.as(f.teamAdmin, 'get', '/connections/status').expect(200)).body.data.connected as Array<{ id: string; ads_account_id: string; connectionId: string }>;
    const second = status.find((account) => account.ads_account_id === SECOND)!;
    await f.api.as(f.teamAdmin, 'delete', `/connections/${second.id}/remove-connection`).expect(200);
    await f.api.as(f.teamAdmin, 'delete', `/connections/${second.connectionId}/disconnect`).expect(200);
    await f.api.as(f.wsAdmin, 'patch', '/workspace/ent').send({ name: 'Acme Corp' }).expect(200);
    await f.api.as(f.wsAdmin, 'delete', `/teams/${f.teamId}`).expect(200);
    await f.api.as(f.wsAdmin, 'patch', '/workspace/ent/change-admin').send({ adminId: 'team-admin' }).expect(200);

    // The new admin reads the trail; the old one no longer may.
    await f.api.as(f.wsAdmin, 'get', '/audit').query({ enterpriseId: 'ent' }).expect(403);
    const events = (await f.api.as(f.teamAdmin, 'get', '/audit').query({ enterpriseId: 'ent', limit: 5 }).expect(200)).body.data as AuditEvent[];
    expect(actions(events).reverse()).toEqual(['ad_account.removed', 'connection.disconnected', 'workspace.renamed', 'team.deleted', 'workspace.admin_changed']);
    expect(events[4].data).toMatchObject({ connectionRemoved: false }); // the connection still had another account
    expect(events[0].data).toMatchObject({ newAdminExternalUserId: 'team-admin' });

    const workspaceId = (await f.testApp.query<{ id: string }>(`SELECT id FROM workspaces WHERE enterprise_id = 'ent' ORDER BY created_at LIMIT 1`))[0].id;
    await f.api.as(f.teamAdmin, 'delete', '/workspace/ent').expect(200);
    const kept = await f.testApp.query<{ action: string }>(`SELECT action FROM audit_events WHERE workspace_id = $1 ORDER BY created_at DESC LIMIT 1`, [workspaceId]);
    expect(kept).toEqual([{ action: 'workspace.deleted' }]);
  });
});
