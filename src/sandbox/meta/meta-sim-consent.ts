import { CONSENT_GRANT, renderConsentPage } from '../consent.page';
import { SimAnswer, graphError, invalidParameter } from './meta-sim-errors';

/** What the login dialog needs of the platform at the moment it answers. */
export interface SimMetaConsentContext {
  appId: string;
  /** The user logged in to the dialog, if any. */
  user: { id: string; name: string; scopes?: string[] } | undefined;
  denyConsent: boolean;
  consentNotice: string | undefined;
  issueCode(userId: string, redirectUri: string, scopes: string[]): string;
}

/**
 * The login dialog (`/{version}/dialog/oauth`): GET renders the consent page whose form posts to `action`, POST
 * answers the redirect to `redirect_uri` with a code (Grant) or Meta's access_denied parameters (Deny).
 */
export function metaConsentDialog(method: 'GET' | 'POST', params: Record<string, string>, action: string, context: SimMetaConsentContext): SimAnswer {
  if (params.client_id !== context.appId) return graphError({ message: 'Invalid App ID: The provided app ID does not look like a valid app ID.', code: 101 });

  let target: URL;
  try {
    target = new URL(params.redirect_uri ?? '');
  } catch {
    return invalidParameter('Missing or invalid redirect_uri parameter.');
  }
  if ((params.response_type ?? 'code') !== 'code') return invalidParameter('Unsupported response_type; this app uses the code flow.');
  if (!params.scope) return invalidParameter('Missing scope parameter.');
  const user = context.user;
  const { decision, ...dialogParams } = params;
  const scopes = params.scope.split(',').map((scope) => scope.trim()).filter(Boolean);
  if (method === 'GET') {
    if (!user && !context.denyConsent) return graphError({ message: 'No user is logged in to the simulated dialog.', code: 1 });
    const html = renderConsentPage({ provider: 'Facebook', signedInAs: user?.name ?? 'a Facebook user', scopes, action, params: dialogParams, notice: context.consentNotice });
    return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, body: html };
  }

  if (context.denyConsent || decision !== CONSENT_GRANT) {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_reason', 'user_denied');
    target.searchParams.set('error_description', 'Permissions error');
  } else {
    if (!user) return graphError({ message: 'No user is logged in to the simulated dialog.', code: 1 });
    target.searchParams.set('code', context.issueCode(user.id, params.redirect_uri, user.scopes ?? scopes));
  }
  if (params.state !== undefined) target.searchParams.set('state', params.state);
  return { status: 302, headers: { Location: target.toString() }, body: null };
}
