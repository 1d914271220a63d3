import { CONSENT_DENY, CONSENT_GRANT } from './consent.page';

export interface ConsentAnswer {
  /** Status of the last answer: 302 after a submitted decision, or the dialog's own error status. */
  status: number;
  /** Where the platform sends the browser (the OAuth redirect_uri with code or error). */
  location: string | null;
  body: string;
}

function unescapeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!);
}

/** A browser without a browser: opens a fake platform's consent dialog and presses Grant (or Deny) on its form. */
export async function submitConsent(authUrl: string, decision: typeof CONSENT_GRANT | typeof CONSENT_DENY = CONSENT_GRANT): Promise<ConsentAnswer> {
  const page = await fetch(authUrl, { redirect: 'manual' });
  const html = await page.text();
  const form = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
  if (page.status !== 200 || !form) return { status: page.status, location: page.headers.get('location'), body: html };
  const fields = new URLSearchParams();
  for (const [, name, value] of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields.append(unescapeHtml(name), unescapeHtml(value));
  fields.append('decision', decision);
  const answer = await fetch(new URL(unescapeHtml(form[1]), authUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  return { status: answer.status, location: answer.headers.get('location'), body: await answer.text() };
}
