export interface ConsentPageInput {
  /** "Facebook" or "Google": who asks. */
  provider: string;
  /** Who the user is signed in as at the platform. */
  signedInAs: string;
  /** The permissions the app asks for. */
  scopes: string[];
  /** Where the form posts back: the dialog's own path. */
  action: string;
  /** The dialog's query parameters, carried through the form so the POST sees what the GET saw. */
  params: Record<string, string>;
}

export const CONSENT_GRANT = 'grant';
export const CONSENT_DENY = 'deny';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The fakes' consent dialog: a plain form with Grant and Deny, so a real browser (or the HTTP helper) can click through. */
export function renderConsentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const scopes = input.scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(input.provider)}: allow access?</title></head>
<body>
<main>
<h1>Allow this app to manage your ads?</h1>
<p>Signed in to ${escapeHtml(input.provider)} as <strong>${escapeHtml(input.signedInAs)}</strong>.</p>
<h2>The app asks for</h2>
<ul>${scopes}</ul>
<form method="post" action="${escapeHtml(input.action)}">
${hidden}
<button type="submit" name="decision" value="${CONSENT_GRANT}">Grant</button>
<button type="submit" name="decision" value="${CONSENT_DENY}">Deny</button>
</form>
</main>
</body>
</html>
`;
}
