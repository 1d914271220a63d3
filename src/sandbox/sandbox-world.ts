import type { IncomingMessage, ServerResponse } from 'node:http';

export type SandboxPlatform = 'meta' | 'google';

/** An answer of the simulated consent dialog: an HTML page (GET) or a redirect to the app's callback (POST). */
export interface SandboxConsentAnswer {
  status: number;
  headers: Record<string, string>;
  /** HTML text, or null for a redirect. */
  body: string | null;
}

/** What the simulated platform may call its consent dialog with: the query (GET) or the form (POST). */
export type SandboxDialogParams = Record<string, string>;

/**
 * One sandbox tenant's simulated platform: deterministic data seeded from the tenant id, plus what the tenant did to
 * it (connections, launches, status changes). Speaks the platform's real wire format over HTTP.
 */
export interface SandboxWorld {
  /**
   * One HTTP request to the simulated platform. `req.url` has been rewritten to the path below the world's base URL
   * (e.g. `/v25.0/me/adaccounts?…` for Meta, `/v26/customers/…:search` or `/token` for Google).
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * The consent dialog, served to the browser by the app itself (not by the simulator's loopback server).
   * `action` is the absolute URL the page's form posts back to (the app's own consent route).
   */
  consent(method: 'GET' | 'POST', params: SandboxDialogParams, action: string): SandboxConsentAnswer;
}

/** Makes the world of one tenant; `baseUrl` is where the world is reached (for `paging.next` URLs and the like). */
export interface SandboxWorldFactory {
  readonly platform: SandboxPlatform;
  create(tenantId: string, baseUrl: string): SandboxWorld;
}

/** Credentials the app uses against the simulator; they mean nothing anywhere else. */
export const SANDBOX_META_APP_ID = '990000000000001';
export const SANDBOX_META_APP_SECRET = 'sandbox-meta-app-secret';
export const SANDBOX_GOOGLE_CLIENT_ID = 'sandbox-client.apps.adlyft.invalid';
export const SANDBOX_GOOGLE_CLIENT_SECRET = 'sandbox-google-client-secret';
/** Sent by tests only: Google ignores developer tokens since 2026-09-09, and so does the simulator. */
export const SANDBOX_GOOGLE_DEVELOPER_TOKEN = 'sandbox-developer-token';

/**
 * Every token the simulator issues (access, refresh, page tokens) starts with this marker, and no real Meta or Google
 * token does: the platform clients refuse to send a marked token to a real platform, or an unmarked one to the
 * simulator.
 */
export const SANDBOX_TOKEN_PREFIX = 'sbx_';

export function isSandboxToken(token: string): boolean {
  return token.startsWith(SANDBOX_TOKEN_PREFIX);
}
