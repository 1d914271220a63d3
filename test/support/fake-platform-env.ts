import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from '../fakes/google-platform.fake';
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET } from '../fakes/meta-platform.fake';

/** The app's configuration for a loopback Meta fake. */
export function metaFakeEnv(metaUrl: string): Record<string, string> {
  return { META_APP_ID: FAKE_META_APP_ID, META_APP_SECRET: FAKE_META_APP_SECRET, META_GRAPH_URL: metaUrl, META_DIALOG_URL: metaUrl };
}

/** The app's configuration for a loopback Google fake. */
export function googleFakeEnv(googleUrl: string): Record<string, string> {
  return {
    GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT_SECRET,
    GOOGLE_ADS_API_URL: googleUrl,
    GOOGLE_OAUTH_AUTHORIZE_URL: `${googleUrl}/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${googleUrl}/token`,
    GOOGLE_OAUTH_REVOKE_URL: `${googleUrl}/revoke`,
  };
}

/** A port free on 127.0.0.1 right now, for an app that must know its PUBLIC_URL before it listens. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
