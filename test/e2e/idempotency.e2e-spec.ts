import { ApiClient, TenantKey, UserSession } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Idempotency-Key on creating POSTs', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let user: UserSession;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
    acme = await api.createTenant('Acme');
    user = await api.login(acme.apiKey, 'ada');
  });
  afterAll(() => testApp.close());

  const createWorkspace = (key: string, enterpriseId: string, who = user) =>
    api.as(who, 'post', '/workspace').set('idempotency-key', key).send({ enterpriseId, workspaceName: 'W' });
  const workspaces = async (enterpriseId: string) => (await testApp.query(`SELECT id FROM workspaces WHERE enterprise_id = $1`, [enterpriseId])).length;

  it('replays the stored answer for the same key and body, without doing the work again', async () => {
    const first = await createWorkspace('key-1', 'idem-1').expect(201);
    const second = await createWorkspace('key-1', 'idem-1').expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await workspaces('idem-1')).toBe(1);
  });

  it('the same body with its keys in another order is the same request', async () => {
    await api.as(user, 'post', '/workspace').set('idempotency-key', 'key-order').send({ enterpriseId: 'idem-order', workspaceName: 'W' }).expect(201);
    const replay = await api.as(user, 'post', '/workspace').set('idempotency-key', 'key-order').send({ workspaceName: 'W', enterpriseId: 'idem-order' }).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('the same key with another body is a 409', async () => {
    await createWorkspace('key-2', 'idem-2').expect(201);
    const response = await createWorkspace('key-2', 'idem-2-other').expect(409);
    expect(response.body.error.code).toBe('CONFLICT');
    expect(await workspaces('idem-2-other')).toBe(0);
  });

  it('two concurrent requests with one key do the work once and answer the same', async () => {
    const [a, b] = await Promise.all([createWorkspace('key-race', 'idem-race'), createWorkspace('key-race', 'idem-race')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.data).toEqual(b.body.data);
    expect(await workspaces('idem-race')).toBe(1);
  });

  it('a failed request does not keep its key: a retry does the work', async () => {
    await api.as(user, 'post', '/workspace').set('idempotency-key', 'key-3').send({ enterpriseId: 'idem-3' }).expect(400);
    await api.as(user, 'post', '/workspace').set('idempotency-key', 'key-3').send({ enterpriseId: 'idem-3', workspaceName: 'W' }).expect(201);
    expect(await workspaces('idem-3')).toBe(1);
  });

  it('keys are per tenant, and bound to the user', async () => {
    const other = await api.createTenant('Other');
    const stranger = await api.login(other.apiKey, 'ada');
    await createWorkspace('key-1', 'idem-1', stranger).expect(201);
    const colleague = await api.login(acme.apiKey, 'bob');
    await createWorkspace('key-1', 'idem-1', colleague).expect(409);
  });

  it('a key past 24 hours is forgotten', async () => {
    await createWorkspace('key-old', 'idem-old-1').expect(201);
    await testApp.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'key-old'`);
    await createWorkspace('key-old', 'idem-old-2').expect(201);
    expect(await workspaces('idem-old-2')).toBe(1);
  });

  it('refuses a malformed key', async () => {
    await createWorkspace('x'.repeat(256), 'idem-long').expect(400);
    await createWorkspace('with space', 'idem-space').expect(400);
  });
});
