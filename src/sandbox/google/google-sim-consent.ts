import { CONSENT_GRANT, renderConsentPage } from '../consent.page';
import type { SimReply } from './google-sim-errors';

/** What the consent dialog needs of the platform at the moment it answers. */
export interface SimGoogleConsentContext {
  clientId: string;
  /** The user the dialog consents as (`consentAs`), if any. */
  consentSub: string | undefined;
  user: { sub: string; email?: string } | undefined;
  denyConsent: boolean;
  issueCode(sub: string, redirectUri: string, scope: string, offline: boolean): string;
}

const ADWORDS_SCOPE = 'https://www.googleapis.com/auth/adwords';

const oauthPage = (status: number, error: string, description: string): SimReply => ({
  status,
  body: `<!DOCTYPE html><title>Error ${status}: ${error}</title><p>Access blocked: Error ${status}: ${error}</p><p>${description}</p>`,
});

/** Google's authorization endpoint: GET renders the consent page that posts back to `action`, POST redirects with a code or access_denied. */
export function googleAuthorize(method: string, params: URLSearchParams, action: string, context: SimGoogleConsentContext): SimReply {
  const redirectUri = params.get('redirect_uri') ?? '';
  const scope = params.get('scope') ?? '';
  const state = params.get('state');
  if (params.get('client_id') !== context.clientId) return oauthPage(401, 'invalid_client', 'The OAuth client was not found.');
  if (!/^https?:\/\/[^\s]+$/.test(redirectUri)) return oauthPage(400, 'invalid_request', 'Missing required parameter: redirect_uri');
  if (params.get('response_type') !== 'code') return oauthPage(400, 'unsupported_response_type', `Unsupported response type: ${params.get('response_type')}`);
  if (!scope.split(' ').includes(ADWORDS_SCOPE)) return oauthPage(400, 'invalid_scope', `Some requested scopes were invalid or the adwords scope is missing: ${scope}`);
  const user = context.user;
  if (method === 'GET') {
    if (!user && !context.denyConsent) return oauthPage(400, 'access_denied', 'simulator: no user to consent as (addUser first)');
    const dialogParams = Object.fromEntries([...params].filter(([name]) => name !== 'decision'));
    const html = renderConsentPage({ provider: 'Google', signedInAs: user?.email ?? user?.sub ?? 'a Google user', scopes: scope.split(' '), action, params: dialogParams });
    return { status: 200, headers: { 'cache-control': 'no-store' }, body: html };
  }

  const target = new URL(redirectUri);
  if (context.denyConsent || params.get('decision') !== CONSENT_GRANT) {
    target.searchParams.set('error', 'access_denied');
  } else {
    if (!context.consentSub) return oauthPage(400, 'access_denied', 'simulator: no user to consent as (addUser first)');
    const code = context.issueCode(context.consentSub, redirectUri, scope, params.get('access_type') === 'offline');
    target.searchParams.set('code', code);
    target.searchParams.set('scope', scope);
  }
  if (state !== null) target.searchParams.set('state', state);
  return { status: 302, headers: { location: target.toString() } };
}
