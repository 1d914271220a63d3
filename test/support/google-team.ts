import { FakeGooglePlatform } from '../fakes/google-platform.fake';
import { googleFakeEnv } from './fake-platform-env';
import { ApiClient, TenantKey, UserSession } from './api-client';
import { connectThroughBrowser, TENANT_REDIRECT, TEST_PUBLIC_URL } from './connect-flow';
import { startTestApp, TestApp } from './test-app';

/** A tenant with a workspace, a team (admin, two plain members), an outsider, and the fake Google ready to be seeded. */
export interface GoogleTeamFixture {
  google: FakeGooglePlatform;
  testApp: TestApp;
  api: ApiClient;
  tenant: TenantKey;
  wsAdmin: UserSession;
  teamAdmin: UserSession;
  member: UserSession;
  /** A plain member too; tests hand out their permissions. */
  viewer: UserSession;
  outsider: UserSession;
  teamId: string;
  /** The team admin connects Google to the team through the browser round trip; the connection id. */
  connect(): Promise<string>;
  close(): Promise<void>;
}

/** `seed` runs before the app starts, so customers and users exist when the team connects. */
export async function startGoogleTeam(seed: (google: FakeGooglePlatform) => void): Promise<GoogleTeamFixture> {
  const google = await FakeGooglePlatform.start();
  seed(google);
  const testApp = await startTestApp({ PUBLIC_URL: TEST_PUBLIC_URL, ...googleFakeEnv(google.url) });
  const api = new ApiClient(testApp);
  const tenant = await api.createTenant('Acme', ['https://app.acme.test']);
  const wsAdmin = await api.login(tenant.apiKey, 'ws-admin');
  await api.as(wsAdmin, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Acme' }).expect(201);
  const teamId = (await api.as(wsAdmin, 'post', '/teams').send({ enterpriseId: 'ent', name: 'Search' }).expect(201)).body.data.id as string;
  await api
    .as(wsAdmin, 'post', `/teams/${teamId}/members`)
    .send({
      members: [
        { externalUserId: 'team-admin', role: 'ADMIN' },
        { externalUserId: 'member', role: 'MEMBER' },
        { externalUserId: 'viewer', role: 'MEMBER' },
      ],
    })
    .expect(200);
  const teamAdmin = await api.login(tenant.apiKey, 'team-admin');
  const member = await api.login(tenant.apiKey, 'member');
  const viewer = await api.login(tenant.apiKey, 'viewer');
  const outsider = await api.login(tenant.apiKey, 'outsider');
  return {
    google,
    testApp,
    api,
    tenant,
    wsAdmin,
    teamAdmin,
    member,
    viewer,
    outsider,
    teamId,
    connect: async () => {
      const outcome = await connectThroughBrowser(testApp, api, teamAdmin, { platform: 'google', teamId, redirect: TENANT_REDIRECT });
      if (outcome.location?.searchParams.get('status') !== 'success') throw new Error(`connect failed: ${outcome.location}`);
      return outcome.location.searchParams.get('connectionId')!;
    },
    close: async () => {
      await testApp.close();
      await google.close();
    },
  };
}
