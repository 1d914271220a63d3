import request from 'supertest';
import type { ApiClient, UserSession } from './api-client';
import type { TestApp } from './test-app';

export const TEST_PUBLIC_URL = 'http://adlyft.test:3999';
export const TENANT_REDIRECT = 'https://app.acme.test/connected';

export interface ConnectOutcome {
  /** Where our callback sent the browser (null when it rendered its own page). */
  location: URL | null;
  status: number;
  body: string;
}

/** The callback URL the platform sent the browser to, as a path our app serves (the test has no public host). */
export function callbackPath(platformLocation: string): string {
  const url = new URL(platformLocation);
  if (url.origin !== new URL(TEST_PUBLIC_URL).origin) throw new Error(`platform redirected elsewhere: ${url.origin}`);
  return `${url.pathname}${url.search}`;
}

/** The browser at the platform's consent page: it answers with a redirect to our callback. */
export async function visitConsent(authUrl: string): Promise<string> {
  const response = await fetch(authUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`consent page answered ${response.status}: ${await response.text()}`);
  return location;
}

/** The browser arriving at our callback. */
export async function followCallback(testApp: TestApp, path: string): Promise<ConnectOutcome> {
  const response = await request(testApp.http).get(path);
  const location = response.headers.location as string | undefined;
  return { location: location ? new URL(location) : null, status: response.status, body: response.text };
}

/** POST /connections, consent at the platform, callback: the whole browser round trip. */
export async function connectThroughBrowser(
  testApp: TestApp,
  client: ApiClient,
  session: UserSession,
  body: Record<string, unknown>,
): Promise<ConnectOutcome & { authUrl: string; callback: string }> {
  const created = await client.as(session, 'post', '/connections').send(body).expect(201);
  const authUrl = created.body.data.authUrl as string;
  const callback = callbackPath(await visitConsent(authUrl));
  return { ...(await followCallback(testApp, callback)), authUrl, callback };
}
