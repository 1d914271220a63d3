import request from 'supertest';
import type { TestApp } from './test-app';
import { TEST_ADMIN_TOKEN } from './test-app';

export const API = '/api/v1';

export interface TenantKey {
  id: string;
  name: string;
  apiKey: string;
}

export interface UserSession {
  externalUserId: string;
  accessToken: string;
  refreshToken: string;
  apiKey: string;
}

/** Operator and tenant steps that most tests start from, all through the public HTTP API. */
export class ApiClient {
  constructor(private readonly testApp: TestApp) {}

  get http() {
    return request(this.testApp.http);
  }

  async createTenant(name = 'Acme', allowedRedirectOrigins: string[] = []): Promise<TenantKey> {
    const response = await this.http
      .post(`${API}/admin/tenants`)
      .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .send({ name, allowedRedirectOrigins })
      .expect(201);
    return response.body.data as TenantKey;
  }

  async login(apiKey: string, externalUserId: string): Promise<UserSession> {
    const response = await this.http.post(`${API}/auth/token`).set('x-api-key', apiKey).send({ externalUserId }).expect(201);
    return { externalUserId, apiKey, ...(response.body.data as { accessToken: string; refreshToken: string }) };
  }

  /** A request as `session`'s user: API key and bearer access token set. */
  as(session: UserSession, method: 'get' | 'post' | 'patch' | 'delete', path: string) {
    return this.http[method](`${API}${path}`).set('x-api-key', session.apiKey).set('authorization', `Bearer ${session.accessToken}`);
  }
}
