import { createHash } from 'node:crypto';
import { API, ApiClient } from '../support/api-client';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

describe('Admin API: tenants and keys', () => {
  let testApp: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
  });
  afterAll(() => testApp.close());

  const admin = (method: 'get' | 'post' | 'patch', path = '') =>
    api.http[method](`${API}/admin/tenants${path}`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`);

  it('creates a tenant and shows its key once, storing only the hash', async () => {
    const response = await admin('post').send({ name: 'Acme', allowedRedirectOrigins: ['https://app.acme.com/', 'http://localhost:5173'] }).expect(201);
    expect(response.body).toMatchObject({ success: true, statusCode: 201, message: 'Resource created successfully' });
    const { id, name, apiKey } = response.body.data;
    expect(name).toBe('Acme');
    expect(apiKey).toMatch(/^ak_live_/);
    expect(response.body.data.allowedRedirectOrigins).toEqual(['https://app.acme.com', 'http://localhost:5173']);

    const rows = await testApp.query<{ key_hash: Buffer; prefix: string }>('SELECT key_hash, prefix FROM api_keys WHERE tenant_id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash.equals(createHash('sha256').update(apiKey).digest())).toBe(true);
    const dump = JSON.stringify(await testApp.query('SELECT * FROM api_keys'));
    expect(dump).not.toContain(apiKey.slice(10));

    const listed = await admin('get').expect(200);
    const tenant = listed.body.data.find((t: { id: string }) => t.id === id);
    expect(tenant).toEqual({
      id,
      name: 'Acme',
      status: 'active',
      environment: 'live',
      allowedRedirectOrigins: ['https://app.acme.com', 'http://localhost:5173'],
      keyPrefix: apiKey.slice(0, 14),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain(apiKey);
    const one = await admin('get', `/${id}`).expect(200);
    expect(one.body.data.id).toBe(id);
  });

  it('updates name and origins', async () => {
    const { id } = await api.createTenant('Old name');
    const response = await admin('patch', `/${id}`).send({ name: 'New name', allowedRedirectOrigins: ['https://new.example.com'] }).expect(200);
    expect(response.body.data).toMatchObject({ name: 'New name', allowedRedirectOrigins: ['https://new.example.com'] });
    // null cannot clear a required field: a 400, not a crash.
    await admin('patch', `/${id}`).send({ name: null }).expect(400);
    await admin('patch', `/${id}`).send({ allowedRedirectOrigins: null }).expect(400);
    const kept = await admin('get', `/${id}`).expect(200);
    expect(kept.body.data.name).toBe('New name');
  });

  it('rotates: the old key is revoked, the new one works', async () => {
    const tenant = await api.createTenant('Rotor');
    const rotated = await admin('post', `/${tenant.id}/rotate-key`).expect(200);
    expect(rotated.body.data).toMatchObject({ id: tenant.id, name: 'Rotor', apiKey: expect.stringMatching(/^ak_live_/) });
    await api.http.post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId: 'a' }).expect(401);
    await api.http.post(`${API}/auth/token`).set('x-api-key', rotated.body.data.apiKey).send({ externalUserId: 'a' }).expect(201);
  });

  it('disables and enables', async () => {
    const tenant = await api.createTenant('Switch');
    expect((await admin('post', `/${tenant.id}/disable`).expect(200)).body.data.status).toBe('disabled');
    await api.http.post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId: 'a' }).expect(401);
    expect((await admin('post', `/${tenant.id}/enable`).expect(200)).body.data.status).toBe('active');
    await api.http.post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId: 'a' }).expect(201);
  });

  describe('refusals', () => {
    it('without a token', async () => {
      const response = await api.http.get(`${API}/admin/tenants`).expect(401);
      expect(response.body.error).toEqual({ code: 'UNAUTHORIZED', message: 'Admin bearer token is required' });
    });

    it('with a wrong token, or a tenant API key', async () => {
      const response = await api.http.get(`${API}/admin/tenants`).set('authorization', 'Bearer wrong-token').expect(401);
      expect(response.body.error).toEqual({ code: 'UNAUTHORIZED', message: 'Invalid admin token' });
      const tenant = await api.createTenant('Sneaky');
      await api.http.get(`${API}/admin/tenants`).set('x-api-key', tenant.apiKey).set('authorization', `Bearer ${tenant.apiKey}`).expect(401);
      await api.http.post(`${API}/admin/tenants`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}x`).send({ name: 'x' }).expect(401);
    });

    it('bad bodies and ids', async () => {
      const noName = await admin('post').send({}).expect(400);
      expect(noName.body.error.details).toEqual(expect.arrayContaining(['name should not be empty']));
      const badOrigin = await admin('post').send({ name: 'x', allowedRedirectOrigins: ['https://a.com/path', 'javascript:alert(1)'] }).expect(400);
      expect(badOrigin.body.error.details[0]).toContain('must be an origin');
      await admin('post').send({ name: 'x', apiKey: 'chosen' }).expect(400);
      const badId = await admin('get', '/not-a-uuid').expect(400);
      expect(badId.body.error.code).toBe('BAD_REQUEST');
      const missing = await admin('post', '/00000000-0000-4000-8000-000000000000/rotate-key').expect(404);
      expect(missing.body.error).toEqual({ code: 'NOT_FOUND', message: 'Tenant not found' });
    });
  });
});

describe('Admin API when ADMIN_API_TOKEN is unset', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ ADMIN_API_TOKEN: undefined });
  });
  afterAll(() => testApp.close());

  it('is off: every admin route answers 404, whatever the bearer', async () => {
    const api = new ApiClient(testApp);
    const response = await api.http.post(`${API}/admin/tenants`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`).send({ name: 'x' }).expect(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    await api.http.get(`${API}/admin/tenants`).set('authorization', 'Bearer ').expect(404);
  });
});
