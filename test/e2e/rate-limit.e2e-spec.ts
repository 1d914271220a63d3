import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { API, ApiClient, TenantKey, UserSession } from '../support/api-client';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';

function expectRateLimited(response: request.Response, scope: 'tenant' | 'user', limit: number): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(response.headers['x-request-id']).toBeDefined();
  expect(response.body).toEqual({
    success: false,
    error: {
      code: 'RATE_LIMITED',
      message: `Rate limit exceeded: at most ${limit} requests per minute for this ${scope}`,
      details: { scope, limit, windowSeconds: 60, retryAfterSeconds: retryAfter },
    },
    timestamp: expect.any(String),
    statusCode: 429,
    path: expect.any(String),
    requestId: response.headers['x-request-id'],
    environment: 'live',
  });
}

const me = (http: TestApp['http'], session: UserSession) =>
  request(http).get(`${API}/auth/me`).set('x-api-key', session.apiKey).set('authorization', `Bearer ${session.accessToken}`);
const login = (http: TestApp['http'], tenant: TenantKey, externalUserId: string) =>
  request(http).post(`${API}/auth/token`).set('x-api-key', tenant.apiKey).send({ externalUserId });

describe('rate limits on one instance (in memory)', () => {
  let testApp: TestApp;
  let api: ApiClient;
  let acme: TenantKey;
  let globex: TenantKey;

  // Tenant: 8 requests a minute; user: 3. Logins take only the API key and count for the tenant alone.
  beforeAll(async () => {
    testApp = await startTestApp({ RATE_LIMIT_TENANT_PER_MINUTE: '8', RATE_LIMIT_USER_PER_MINUTE: '3' });
    api = new ApiClient(testApp);
    acme = await api.createTenant('Acme');
    globex = await api.createTenant('Globex');
  });
  afterAll(() => testApp.close());

  it('refuses a user past their limit, then the tenant past its own, with 429 RATE_LIMITED and Retry-After', async () => {
    const first = await api.login(acme.apiKey, 'first'); // tenant 1
    const second = await api.login(acme.apiKey, 'second'); // 2
    const third = await api.login(acme.apiKey, 'third'); // 3
    for (let i = 0; i < 3; i++) await me(testApp.http, first).expect(200); // 6, first: 3
    expectRateLimited(await me(testApp.http, first), 'user', 3); // 7, first: 4
    await me(testApp.http, second).expect(200); // 8: another user of the tenant still passes
    expectRateLimited(await me(testApp.http, third), 'tenant', 8); // 9
    expectRateLimited(await login(testApp.http, acme, 'fourth'), 'tenant', 8);
  });

  it('leaves other tenants, the admin API and health alone', async () => {
    const other = await api.login(globex.apiKey, 'first');
    await me(testApp.http, other).expect(200);
    await request(testApp.http).get(`${API}/admin/tenants`).set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(200);
    await request(testApp.http).get(`${API}/health`).expect(200);
  });

  it('authenticates before it counts: a bad key or token is still a 401, not a 429', async () => {
    const missingKey = await request(testApp.http).get(`${API}/auth/me`);
    expect(missingKey.status).toBe(401);
    const badToken = await request(testApp.http).get(`${API}/auth/me`).set('x-api-key', acme.apiKey).set('authorization', 'Bearer nope');
    expect(badToken.status).toBe(401);
    expect(badToken.body.error.code).toBe('INVALID_TOKEN');
  });
});

describe('a limit set to 0 is off', () => {
  let testApp: TestApp;
  afterAll(() => testApp.close());

  it('serves past what the other limit would allow', async () => {
    testApp = await startTestApp({ RATE_LIMIT_TENANT_PER_MINUTE: '0', RATE_LIMIT_USER_PER_MINUTE: '2' });
    const api = new ApiClient(testApp);
    const tenant = await api.createTenant('Acme');
    for (let i = 0; i < 5; i++) await api.login(tenant.apiKey, `user-${i}`);
    const user = await api.login(tenant.apiKey, 'user-0');
    await me(testApp.http, user).expect(200);
    await me(testApp.http, user).expect(200);
    expectRateLimited(await me(testApp.http, user), 'user', 2);
  });
});

describe('rate limits on two instances sharing Redis', () => {
  const prefix = `test:${randomUUID()}:`;
  const env = { REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, RATE_LIMIT_TENANT_PER_MINUTE: '6', RATE_LIMIT_USER_PER_MINUTE: '3' };
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  let a: TestApp;
  let b: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    a = await startTestApp(env);
    b = await startTestApp(env, { database: a.database });
    api = new ApiClient(a);
    await redis.connect();
  });
  afterAll(async () => {
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await b.close();
    await a.close();
  });

  it('shares the tenant and user counters between replicas', async () => {
    const acme = await api.createTenant('Acme');
    const alice = await api.login(acme.apiKey, 'alice'); // tenant 1, on A
    await me(a.http, alice).expect(200); // 2, alice 1
    await me(b.http, alice).expect(200); // 3, alice 2
    await me(a.http, alice).expect(200); // 4, alice 3
    expectRateLimited(await me(b.http, alice), 'user', 3); // 5, alice 4: B saw only one of alice's requests
    const bob = (await login(b.http, acme, 'bob').expect(201)).body.data as { accessToken: string }; // 6
    expectRateLimited(await me(a.http, { externalUserId: 'bob', apiKey: acme.apiKey, accessToken: bob.accessToken, refreshToken: '' }), 'tenant', 6); // 7

    const keys = await redis.keys(`*${prefix}*`);
    expect(keys).toEqual(expect.arrayContaining([expect.stringContaining(`${prefix}tenant:${acme.id}`)]));

    const globex = await api.createTenant('Globex');
    const other = (await login(b.http, globex, 'alice').expect(201)).body.data as { accessToken: string };
    await me(a.http, { externalUserId: 'alice', apiKey: globex.apiKey, accessToken: other.accessToken, refreshToken: '' }).expect(200);
  });
});

describe('with Redis unreachable', () => {
  let testApp: TestApp;
  afterAll(() => testApp.close());

  it('serves requests (limits are not enforced until Redis answers) instead of failing them', async () => {
    testApp = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_TENANT_PER_MINUTE: '1', RATE_LIMIT_USER_PER_MINUTE: '1' });
    const api = new ApiClient(testApp);
    const tenant = await api.createTenant('Acme');
    const user = await api.login(tenant.apiKey, 'alice');
    await me(testApp.http, user).expect(200);
    await me(testApp.http, user).expect(200);
  });
});
