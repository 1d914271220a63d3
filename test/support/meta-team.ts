import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { ApiClient, TenantKey, UserSession } from './api-client';
import { connectThroughBrowser, TENANT_REDIRECT, TEST_PUBLIC_URL } from './connect-flow';
import { startTestApp, TestApp } from './test-app';

/** A tenant with a workspace, a team (admin, manager, viewer, plain member), an outsider and a connected Meta user. */
export interface MetaTeamFixture {
  meta: FakeMetaPlatform;
  testApp: TestApp;
  api: ApiClient;
  tenant: TenantKey;
  wsAdmin: UserSession;
  teamAdmin: UserSession;
  member: UserSession;
  outsider: UserSession;
  teamId: string;
  otherTeamId: string;
  close(): Promise<void>;
}

export async function startMetaTeam(metaUser: Parameters<FakeMetaPlatform['addUser']>[0], env: Record<string, string | undefined> = {}): Promise<MetaTeamFixture> {
  const meta = await FakeMetaPlatform.start();
  meta.addUser(metaUser);
  const testApp = await startTestApp({
    PUBLIC_URL: TEST_PUBLIC_URL,
    META_APP_ID: FAKE_META_APP_ID,
    META_APP_SECRET: FAKE_META_APP_SECRET,
    META_GRAPH_URL: meta.url,
    META_DIALOG_URL: meta.url,
    ...env,
  });
  const api = new ApiClient(testApp);
  const tenant = await api.createTenant('Acme', ['https://app.acme.test']);
  const wsAdmin = await api.login(tenant.apiKey, 'ws-admin');
  await api.as(wsAdmin, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Acme' }).expect(201);
  const otherTeamId = (await api.as(wsAdmin, 'post', '/teams/get-all').send({ enterpriseId: 'ent' }).expect(200)).body.data[0].id as string;
  const teamId = (await api.as(wsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'Growth' }).expect(201)).body.data.id as string;
  await api
    .as(wsAdmin, 'post', `/teams/${teamId}/members`)
    .send({ members: [{ externalUserId: 'team-admin', role: 'ADMIN' }, { externalUserId: 'member', role: 'MEMBER' }] })
    .expect(200);
  const teamAdmin = await api.login(tenant.apiKey, 'team-admin');
  const member = await api.login(tenant.apiKey, 'member');
  const outsider = await api.login(tenant.apiKey, 'outsider');
  const outcome = await connectThroughBrowser(testApp, api, teamAdmin, { platform: 'meta', teamId, redirect: TENANT_REDIRECT });
  if (outcome.location?.searchParams.get('status') !== 'success') throw new Error(`connect failed: ${outcome.location}`);
  return {
    meta,
    testApp,
    api,
    tenant,
    wsAdmin,
    teamAdmin,
    member,
    outsider,
    teamId,
    otherTeamId,
    close: async () => {
      await testApp.close();
      await meta.close();
    },
  };
}
