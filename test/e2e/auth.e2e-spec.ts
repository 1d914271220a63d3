import { JwtService } from '@nestjs/jwt';
import { API, ApiClient, TenantKey } from '../support/api-client';
import { startTestApp, TEST_ADMIN_TOKEN, TEST_JWT_SECRET, TestApp } from '../support/test-app';

describe('Auth: API keys and user tokens', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let globex: TenantKey;
  const jwt = new JwtService({ secret: TEST_JWT_SECRET });

  beforeAll(async () => {
    testApp = await startTestApp();
    api = new ApiClient(testApp);
    acme = await api.createTenant('Acme');
    globex = await api.createTenant('Globex');
  });
  afterAll(() => testApp.close());

  const me = (apiKey: string, token?: string) => {
    const call = api.http.get(`${API}/auth/me`).set('x-api-key', apiKey);
    return token ? call.set('authorization', `Bearer ${token}`) : call;
  };

  it('issues a token pair and creates the user once', async () => {
    const first = await api.http.post(`${API}/auth/token`).set('x-api-key', acme.apiKey).send({ externalUserId: 'u-1' }).expect(201);
    expect(first.body).toEqual({
      success: true,
      data: { accessToken: expect.any(String), refreshToken: expect.any(String) },
      message: 'Resource created successfully',
      timestamp: expect.any(String),
      statusCode: 201,
      requestId: expect.any(String),
      environment: 'live',
    });
    const second = await api.login(acme.apiKey, 'u-1');
    const a = (await me(acme.apiKey, first.body.data.accessToken).expect(200)).body.data;
    const b = (await me(acme.apiKey, second.accessToken).expect(200)).body.data;
    expect(a).toEqual({ id: expect.any(String), externalUserId: 'u-1', tenantId: acme.id });
    expect(b.id).toBe(a.id);
  });

  it('makes one user when the first requests race', async () => {
    await Promise.all(Array.from({ length: 8 }, () => api.login(acme.apiKey, 'racer')));
    const rows = await testApp.query(`SELECT count(*)::int AS n FROM users WHERE external_user_id = 'racer'`);
    expect(rows[0].n).toBe(1);
  });

  it('signs HS256 tokens with user, tenant and type, for 1 hour and 1 day', async () => {
    const session = await api.login(acme.apiKey, 'claims');
    const access = jwt.decode(session.accessToken, { complete: true }) as { header: { alg: string }; payload: Record<string, number | string> };
    const refresh = jwt.decode(session.refreshToken) as Record<string, number | string>;
    expect(access.header.alg).toBe('HS256');
    expect(access.payload).toMatchObject({ tid: acme.id, ext: 'claims', typ: 'access' });
    expect(Number(access.payload.exp) - Number(access.payload.iat)).toBe(3600);
    expect(refresh).toMatchObject({ tid: acme.id, ext: 'claims', typ: 'refresh' });
    expect(Number(refresh.exp) - Number(refresh.iat)).toBe(86400);
  });

  it('refreshes an access token with the refresh token', async () => {
    const session = await api.login(acme.apiKey, 'refresher');
    const response = await api.http
      .get(`${API}/auth/refresh-token`)
      .set('x-api-key', acme.apiKey)
      .set('authorization', `Bearer ${session.refreshToken}`)
      .expect(200);
    expect(response.body).toMatchObject({ success: true, statusCode: 200, message: 'Request successful' });
    const fresh = response.body.data.accessToken as string;
    expect(fresh).not.toBe(session.accessToken);
    await me(acme.apiKey, fresh).expect(200);
  });

  describe('refusals', () => {
    it('without an API key', async () => {
      const response = await api.http.post(`${API}/auth/token`).send({ externalUserId: 'x' }).expect(401);
      expect(response.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED', message: 'API key is required' }, statusCode: 401, path: '/api/v1/auth/token' });
    });

    it('with a wrong API key', async () => {
      const response = await api.http.post(`${API}/auth/token`).set('x-api-key', 'ak_live_nope').send({ externalUserId: 'x' }).expect(401);
      expect(response.body.error).toEqual({ code: 'UNAUTHORIZED', message: 'Invalid API key' });
    });

    it('without an access token', async () => {
      const response = await me(acme.apiKey).expect(401);
      expect(response.body.error.code).toBe('INVALID_TOKEN');
    });

    it('with a tampered token', async () => {
      const session = await api.login(acme.apiKey, 'tamper');
      const [header, payload, signature] = session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, ext: 'admin' })).toString('base64url');
      expect((await me(acme.apiKey, `${header}.${forged}.${signature}`).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
      expect((await me(acme.apiKey, `${header}.${payload}.${flipped}`).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    });

    it('with alg none', async () => {
      const session = await api.login(acme.apiKey, 'none-alg');
      const claims = jwt.decode(session.accessToken) as object;
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      expect((await me(acme.apiKey, `${header}.${body}.`).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    });

    it('with a token signed by another secret or another algorithm', async () => {
      const claims = { sub: '00000000-0000-0000-0000-000000000001', tid: acme.id, ext: 'x', typ: 'access', iss: 'adlyft-backend' };
      const other = new JwtService({ secret: 'some-other-secret-0123456789-0123456789' }).sign(claims);
      expect((await me(acme.apiKey, other).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      const hs512 = jwt.sign(claims, { algorithm: 'HS512' });
      expect((await me(acme.apiKey, hs512).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    });

    it('a refresh token used as an access token, and the reverse', async () => {
      const session = await api.login(acme.apiKey, 'swapper');
      expect((await me(acme.apiKey, session.refreshToken).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      const response = await api.http
        .get(`${API}/auth/refresh-token`)
        .set('x-api-key', acme.apiKey)
        .set('authorization', `Bearer ${session.accessToken}`)
        .expect(401);
      expect(response.body.error.code).toBe('INVALID_TOKEN');
    });

    it("a token of one tenant with another tenant's API key", async () => {
      const session = await api.login(acme.apiKey, 'crosser');
      expect((await me(globex.apiKey, session.accessToken).expect(401)).body.error.code).toBe('INVALID_TOKEN');
      const refresh = await api.http
        .get(`${API}/auth/refresh-token`)
        .set('x-api-key', globex.apiKey)
        .set('authorization', `Bearer ${session.refreshToken}`)
        .expect(401);
      expect(refresh.body.error.code).toBe('INVALID_TOKEN');
    });

    it('an expired access or refresh token', async () => {
      const session = await api.login(acme.apiKey, 'expired');
      const claims = jwt.decode(session.accessToken) as Record<string, unknown>;
      const past = Math.floor(Date.now() / 1000) - 60;
      const expiredAccess = jwt.sign({ ...claims, iat: past - 3600, exp: past });
      const response = await me(acme.apiKey, expiredAccess).expect(401);
      expect(response.body.error).toEqual({ code: 'TOKEN_EXPIRED', message: 'The access token has expired' });
      const expiredRefresh = jwt.sign({ ...claims, typ: 'refresh', iat: past - 86400, exp: past });
      const refresh = await api.http
        .get(`${API}/auth/refresh-token`)
        .set('x-api-key', acme.apiKey)
        .set('authorization', `Bearer ${expiredRefresh}`)
        .expect(401);
      expect(refresh.body.error.code).toBe('TOKEN_EXPIRED');
    });

    it('bad bodies, field by field', async () => {
      const call = (body: unknown) => api.http.post(`${API}/auth/token`).set('x-api-key', acme.apiKey).send(body as object);
      const missing = await call({}).expect(400);
      expect(missing.body.error.code).toBe('BAD_REQUEST');
      expect(missing.body.error.details).toEqual(expect.arrayContaining(['externalUserId should not be empty', 'externalUserId must be a string']));
      const extra = await call({ externalUserId: 'a', role: 'ADMIN' }).expect(400);
      expect(extra.body.error.details).toEqual(['property role should not exist']);
      const wrongType = await call({ externalUserId: 42 }).expect(400);
      expect(wrongType.body.error.details).toContain('externalUserId must be a string');
      const tooLong = await call({ externalUserId: 'x'.repeat(256) }).expect(400);
      expect(tooLong.body.error.details).toEqual(['externalUserId must be shorter than or equal to 255 characters']);
      const array = await call([{ externalUserId: 'a' }]).expect(400);
      expect(array.body.error.code).toBe('BAD_REQUEST');
    });
  });

  describe('tenant lifecycle', () => {
    const admin = (method: 'post' | 'get', path: string) => api.http[method](`${API}/admin/tenants${path}`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`);

    it('a rotated key stops working at once; the new key keeps existing tokens valid', async () => {
      const tenant = await api.createTenant('Rotating');
      const session = await api.login(tenant.apiKey, 'r-1');
      const rotated = await admin('post', `/${tenant.id}/rotate-key`).expect(200);
      const newKey = rotated.body.data.apiKey as string;
      expect(newKey).not.toBe(tenant.apiKey);
      expect((await me(tenant.apiKey, session.accessToken).expect(401)).body.error).toEqual({ code: 'UNAUTHORIZED', message: 'Invalid API key' });
      await me(newKey, session.accessToken).expect(200);
    });

    it("a disabled tenant's keys and tokens stop working, and work again once enabled", async () => {
      const tenant = await api.createTenant('Disabling');
      const session = await api.login(tenant.apiKey, 'd-1');
      await admin('post', `/${tenant.id}/disable`).expect(200);
      expect((await me(tenant.apiKey, session.accessToken).expect(401)).body.error).toEqual({ code: 'UNAUTHORIZED', message: 'Tenant is disabled' });
      await api.http.post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId: 'd-2' }).expect(401);
      await api.http.get(`${API}/auth/refresh-token`).set('x-api-key', tenant.apiKey).set('authorization', `Bearer ${session.refreshToken}`).expect(401);
      await admin('post', `/${tenant.id}/enable`).expect(200);
      await me(tenant.apiKey, session.accessToken).expect(200);
    });
  });
});
