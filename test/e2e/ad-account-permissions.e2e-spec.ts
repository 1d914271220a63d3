import { startMetaTeam, MetaTeamFixture } from '../support/meta-team';

describe('Ad-account permissions: assign, change, revoke', () => {
  let f: MetaTeamFixture;

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '501',
      name: 'Ada',
      adAccounts: [
        { account_id: '111', name: 'One', currency: 'USD', timezone_name: 'UTC', account_status: 1 },
        { account_id: '222', name: 'Two', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 },
      ],
    });
  });
  afterAll(() => f.close());

  const assign = (who = f.teamAdmin, body: Record<string, unknown> = { adAccountId: 'act_111', externalUserId: 'member', permission: 'VIEWER' }) =>
    f.api.as(who, 'post', `/${f.teamId}/ads-accounts/assign`).send(body);

  it('team ADMIN assigns a permission: 201 with the seed shape', async () => {
    const response = await assign().expect(201);
    expect(response.body.message).toBe('Resource created successfully');
    expect(response.body.data).toEqual({
      id: expect.any(String),
      permission: 'VIEWER',
      externalUserId: 'member',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      adsAccount: { id: expect.any(String), platform: 'meta', accountId: '111' },
    });
  });

  it('a second assignment of the same account is a 409; bare ids work like act_ ids', async () => {
    const response = await assign(f.teamAdmin, { adAccountId: '111', externalUserId: 'member', permission: 'MANAGER' }).expect(409);
    expect(response.body.error.code).toBe('CONFLICT');
  });

  it('changes the permission', async () => {
    const response = await f.api
      .as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/change-permission`)
      .send({ adAccountId: 'act_111', externalUserId: 'member', permission: 'MANAGER' })
      .expect(200);
    expect(response.body.data).toMatchObject({ permission: 'MANAGER', adsAccount: { accountId: '111' } });
    const [row] = await f.testApp.query<{ permission: string }>(`SELECT permission FROM ad_account_permissions`);
    expect(row.permission).toBe('MANAGER');
  });

  it('revokes it: 200 with null data; a second revoke is a 404', async () => {
    const revoke = () => f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/revoke`).send({ adAccountId: 'act_111', externalUserId: 'member' });
    const response = await revoke().expect(200);
    expect(response.body).toMatchObject({ data: null, message: 'Ad account revoked from member successfully' });
    await revoke().expect(404);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/change-permission`).send({ adAccountId: 'act_111', externalUserId: 'member', permission: 'VIEWER' }).expect(404);
  });

  describe('refusals', () => {
    it.each([
      ['a MEMBER of the team', () => f.member, 403],
      ['a user outside the team', () => f.outsider, 404],
    ])('refuses %s', async (_name, who, status) => {
      await assign(who()).expect(status);
      await f.api.as(who(), 'post', `/${f.teamId}/ads-accounts/revoke`).send({ adAccountId: 'act_111', externalUserId: 'member' }).expect(status);
      await f.api.as(who(), 'post', `/${f.teamId}/ads-accounts/change-permission`).send({ adAccountId: 'act_111', externalUserId: 'member', permission: 'VIEWER' }).expect(status);
    });

    it("refuses another tenant's caller with 404", async () => {
      const other = await f.api.createTenant('Other');
      const stranger = await f.api.login(other.apiKey, 'team-admin');
      await assign(stranger).expect(404);
    });

    it.each([
      ['a user who is not in the team', { adAccountId: 'act_111', externalUserId: 'outsider', permission: 'VIEWER' }, 400],
      ['an account of no connection of the team', { adAccountId: 'act_999', externalUserId: 'member', permission: 'VIEWER' }, 404],
      ['an unknown permission', { adAccountId: 'act_111', externalUserId: 'member', permission: 'OWNER' }, 400],
      ['a malformed account id', { adAccountId: "act_1' or 1=1", externalUserId: 'member', permission: 'VIEWER' }, 400],
      ['a missing user', { adAccountId: 'act_111', permission: 'VIEWER' }, 400],
    ])('refuses %s', async (_name, body, status) => {
      await assign(f.teamAdmin, body).expect(status);
    });

    it("refuses an account that belongs to another team of the workspace", async () => {
      await f.api.as(f.wsAdmin, 'post', `/${f.otherTeamId}/ads-accounts/assign`).send({ adAccountId: 'act_111', externalUserId: 'ws-admin', permission: 'VIEWER' }).expect(404);
    });
  });

  it('a member who leaves the team loses their permissions in it', async () => {
    await assign(f.teamAdmin, { adAccountId: 'act_222', externalUserId: 'member', permission: 'VIEWER' }).expect(201);
    await f.api.as(f.teamAdmin, 'delete', `/teams/${f.teamId}/members`).send({ members: ['member'] }).expect(200);
    expect(await f.testApp.query(`SELECT id FROM ad_account_permissions`)).toHaveLength(0);
  });
});
