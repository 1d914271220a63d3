import request from 'supertest';
import { submitConsent } from '../fakes/consent-form.client';
import { CONSENT_DENY, CONSENT_GRANT } from '../fakes/consent.page';
import type { ApiClient, UserSession } from './api-client';
import type { TestApp } from './test-app';

export const TEST_PUBLIC_URL = 'http://adlyft.test:3999';
export const TENANT_REDIRECT = 'https://app.acme.test/connected';

export interface ConnectOutcome {
  /** Where our callback sent the browser (null when it rendered its own page). */
  location: URL | null;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The callback URL the platform sent the browser to, as a path our app serves (the test has no public host). */
export function callbackPath(platformLocation: string): string {
  const url = new URL(platformLocation);
  if (url.origin !== new URL(TEST_PUBLIC_URL).origin) throw new Error(`platform redirected elsewhere: ${url.origin}`);
  return `${url.pathname}${url.search}`;
}

/** The browser at the platform's consent page: Grant (or Deny) is pressed and the platform redirects to our callback. */
export async function visitConsent(authUrl: string, decision: typeof CONSENT_GRANT | typeof CONSENT_DENY = CONSENT_GRANT): Promise<string> {
  const answer = await submitConsent(authUrl, decision);
  if (answer.status !== 302 || !answer.location) throw new Error(`consent page answered ${answer.status}: ${answer.body}`);
  return answer.location;
}

/** The browser arriving at our callback. */
export async function followCallback(testApp: TestApp, path: string): Promise<ConnectOutcome> {
  const response = await request(testApp.http).get(path);
  const location = response.headers.location as string | undefined;
  return { location: location ? new URL(location) : null, status: response.status, headers: response.headers as Record<string, string>, body: response.text };
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
