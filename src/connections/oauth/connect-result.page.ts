import type { PlatformName } from '../../platforms/platform-error';

export interface ConnectResult {
  status: 'success' | 'error';
  platform: PlatformName;
  connectionId?: string;
  error?: string;
}

const MESSAGES: Record<string, string> = {
  ACCESS_DENIED: 'The permission request was declined, so nothing was connected.',
  INVALID_STATE: 'This connect link is not valid. Start the connection again from the application.',
  STATE_EXPIRED: 'This connect link has expired (links are valid for 10 minutes). Start the connection again.',
  STATE_ALREADY_USED: 'This connect link was already used. Start the connection again if you need to.',
  FORBIDDEN: 'You are no longer allowed to manage connections of this team.',
  PLATFORM_AUTH_EXPIRED: 'The platform did not accept the authorization. Try connecting again.',
  PLATFORM_RATE_LIMITED: 'The platform is limiting requests right now. Try again in a few minutes.',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page a browser lands on when the tenant gave no redirect: plain, accessible, no external assets. */
export function renderConnectResultPage(result: ConnectResult): string {
  const platformName = result.platform === 'meta' ? 'Meta' : 'Google Ads';
  const success = result.status === 'success';
  const title = success ? `${platformName} account connected` : `${platformName} connection failed`;
  const detail = success
    ? 'Your ad accounts are connected. You can close this window and return to the application.'
    : (MESSAGES[result.error ?? ''] ?? 'Something went wrong while connecting. Try again from the application.');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
.card{border:1px solid #ccc;border-radius:8px;padding:1.5rem}.ok{border-color:#2e7d32}.err{border-color:#c62828}code{background:#f2f2f2;padding:0 .25rem}</style>
</head>
<body>
<main>
<div class="card ${success ? 'ok' : 'err'}" role="${success ? 'status' : 'alert'}">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
${!success && result.error ? `<p>Error code: <code>${escapeHtml(result.error)}</code></p>` : ''}
</div>
</main>
</body>
</html>
`;
}
