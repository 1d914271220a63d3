import { API, ApiClient, TenantKey } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP contract: envelope, request ids, health, docs', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let tenant: TenantKey;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
    tenant = await api.createTenant('Envelope Inc');
  });
  afterAll(() => testApp.close());

  it('health checks the database, with no API key', async () => {
    const response = await api.http.get(`${API}/health`).expect(200);
    expect(response.body).toMatchObject({ success: true, statusCode: 200, data: { status: 'ok', info: { database: { status: 'up' } } } });
  });

  it('echoes a safe x-request-id and generates one otherwise', async () => {
    const echoed = await api.http.get(`${API}/health`).set('x-request-id', 'trace-abc.123').expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-abc.123');
    expect(echoed.body.requestId).toBe('trace-abc.123');
    const generated = await api.http.get(`${API}/health`).expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await api.http.get(`${API}/health`).set('x-request-id', 'bad id\twith spaces').expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const onError = await api.http.get(`${API}/nowhere`).set('x-request-id', 'err-1').expect(404);
    expect(onError.headers['x-request-id']).toBe('err-1');
    expect(onError.body.requestId).toBe('err-1');
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await api.http.delete(`${API}/no/such/route?x=1`).expect(404);
    expect(response.body).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: expect.any(String) },
      timestamp: expect.any(String),
      statusCode: 404,
      path: '/api/v1/no/such/route',
      requestId: expect.any(String),
    });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await api.http
      .post(`${API}/auth/token`)
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send('{"externalUserId": ')
      .expect(400);
    expect(response.body).toMatchObject({ success: false, error: { code: 'BAD_REQUEST' }, statusCode: 400, path: '/api/v1/auth/token' });
  });

  it('answers bodies over 1 MB with 413', async () => {
    const response = await api.http
      .post(`${API}/auth/token`)
      .set('x-api-key', tenant.apiKey)
      .send({ externalUserId: 'x'.repeat(1024 * 1024 + 10) })
      .expect(413);
    expect(response.body).toMatchObject({ success: false, error: { code: 'PAYLOAD_TOO_LARGE' }, statusCode: 413 });
  });

  it('answers an unexpected failure with 500 INTERNAL_ERROR, without stack or SQL', async () => {
    // A broken schema is a failure the client did not cause.
    await testApp.query('ALTER TABLE users RENAME TO users_moved');
    const response = await api.http.post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId: 'after-crash' });
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ success: false, error: { code: 'INTERNAL_ERROR', message: 'Internal server error' }, statusCode: 500 });
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/SELECT|INSERT|terminat|at .*\.(js|ts):\d+/i);
    await testApp.query('ALTER TABLE users_moved RENAME TO users');
    await api.http.post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId: 'after-crash' }).expect(201);
  });

  it('serves OpenAPI at /docs-json listing every route, with both security schemes', async () => {
    const response = await api.http.get('/docs-json').expect(200);
    const document = response.body;
    expect(document.components.securitySchemes).toMatchObject({
      'api-key': { type: 'apiKey', in: 'header', name: 'x-api-key' },
      bearer: { type: 'http', scheme: 'bearer' },
    });
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const expected = [
      'POST /api/v1/auth/token',
      'GET /api/v1/auth/refresh-token',
      'GET /api/v1/auth/me',
      'GET /api/v1/health',
      'POST /api/v1/admin/tenants',
      'GET /api/v1/admin/tenants',
      'GET /api/v1/admin/tenants/{id}',
      'PATCH /api/v1/admin/tenants/{id}',
      'POST /api/v1/admin/tenants/{id}/rotate-key',
      'POST /api/v1/admin/tenants/{id}/disable',
      'POST /api/v1/admin/tenants/{id}/enable',
    ];
    expect(documented).toEqual(expect.arrayContaining(expected));
    const fastify = testApp.app.getHttpAdapter().getInstance();
    for (const route of documented) {
      const [method, path] = route.split(' ');
      expect({ route, served: fastify.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') }) }).toEqual({ route, served: true });
    }
    expect(document.components.schemas).toHaveProperty('CreateTokenDto');
    expect(document.components.schemas).toHaveProperty('CreateTenantDto');
    const html = await api.http.get('/docs').redirects(1);
    expect(html.status).toBe(200);
    expect(html.text).toContain('swagger');
  });
});
