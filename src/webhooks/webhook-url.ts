const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_URL_LENGTH = 2048;

/** Why a webhook URL is refused, or null: HTTPS only, plain HTTP to loopback outside production, no credentials. */
export function webhookUrlProblem(value: string, production: boolean): string | null {
  if (value.length > MAX_URL_LENGTH) return `url must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.username || url.password) return 'url must not carry credentials';
  if (url.hash) return 'url must not have a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && !production && (LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname))) return null;
  return production ? 'url must use https' : 'url must use https (plain http is accepted only for a loopback address outside production)';
}
