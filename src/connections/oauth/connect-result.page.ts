import { createHash } from 'node:crypto';
import type { PlatformName } from '../../platforms/platform-error';

export interface ConnectResult {
  status: 'success' | 'error';
  platform: PlatformName;
  connectionId?: string;
  error?: string;
}

interface Explanation {
  what: string;
  next: string;
}

const AGAIN = 'Start the connection again from the application.';

/** What went wrong and what the person can do about it, per error code; `{platform}` is filled in. */
const EXPLANATIONS: Record<string, Explanation> = {
  ACCESS_DENIED: {
    what: 'The permission request on {platform} was declined, so nothing was connected.',
    next: 'To connect your ad accounts, start again from the application and allow access when {platform} asks.',
  },
  INVALID_STATE: { what: 'This connect link is not valid.', next: AGAIN },
  STATE_EXPIRED: { what: 'This connect link has expired: links are valid for 10 minutes.', next: AGAIN },
  STATE_ALREADY_USED: { what: 'This connect link was already used.', next: 'If your ad accounts are not connected yet, start the connection again from the application.' },
  FORBIDDEN: { what: 'You are no longer allowed to manage the connections of this team.', next: 'Ask an admin of the team to connect the account, or to make you an admin.' },
  INVALID_REQUEST: { what: '{platform} sent the browser back without an authorization.', next: AGAIN },
  PLATFORM_AUTH_EXPIRED: { what: '{platform} did not accept the authorization.', next: AGAIN },
  PLATFORM_RATE_LIMITED: { what: '{platform} is limiting requests right now.', next: 'Wait a few minutes, then start the connection again from the application.' },
  PLATFORM_ERROR: { what: '{platform} answered with an error while granting access.', next: 'Try again in a few minutes. If it keeps failing, contact the support of the application and give them the error code below.' },
};

const UNKNOWN: Explanation = {
  what: 'Something went wrong while connecting.',
  next: 'Try again from the application. If it keeps failing, contact its support and give them the error code below.',
};

// Dark text on white, and the status colours only on borders next to a text that says the same (WCAG AA contrast).
const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}' +
  '.card{border:2px solid #767676;border-radius:8px;padding:1.5rem}.ok{border-color:#2e7d32}.err{border-color:#c62828}' +
  'h1{font-size:1.5rem;margin-top:0}h2{font-size:1.1rem;margin-bottom:0}code{background:#f2f2f2;padding:0 .25rem}';

/**
 * Headers of the page: nothing may load from elsewhere (the one inline style is allowed by its hash, no scripts at all),
 * nothing is cached, and the page cannot be framed.
 */
export const CONNECT_RESULT_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page a browser lands on when the tenant gave no redirect: plain, accessible, no script, no external assets. */
export function renderConnectResultPage(result: ConnectResult): string {
  const platformName = result.platform === 'meta' ? 'Meta' : 'Google Ads';
  const success = result.status === 'success';
  const title = success ? `${platformName} account connected` : `${platformName} connection failed`;
  const explanation = success
    ? { what: 'Your {platform} ad accounts are connected.', next: 'You can close this window and return to the application.' }
    : (EXPLANATIONS[result.error ?? ''] ?? UNKNOWN);
  const fill = (text: string) => escapeHtml(text.replaceAll('{platform}', platformName));
  const reference = success
    ? result.connectionId
      ? `<p>Connection id: <code>${escapeHtml(result.connectionId)}</code></p>`
      : ''
    : `<p>Error code: <code>${escapeHtml(result.error ?? 'UNKNOWN')}</code></p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card ${success ? 'ok' : 'err'}" role="${success ? 'status' : 'alert'}">
<h1>${escapeHtml(title)}</h1>
<p>${fill(explanation.what)}</p>
<h2>What to do now</h2>
<p>${fill(explanation.next)}</p>
${reference}
</div>
</main>
</body>
</html>
`;
}
