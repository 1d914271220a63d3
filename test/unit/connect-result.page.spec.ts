import { createHash } from 'node:crypto';
import { CONNECT_RESULT_PAGE_HEADERS, ConnectResult, renderConnectResultPage } from '../../src/connections/oauth/connect-result.page';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('connect result page', () => {
  it.each([
    ['ACCESS_DENIED', 'The permission request on Meta was declined', 'allow access when Meta asks'],
    ['INVALID_STATE', 'This connect link is not valid.', 'Start the connection again from the application.'],
    ['STATE_EXPIRED', 'links are valid for 10 minutes', 'Start the connection again from the application.'],
    ['STATE_ALREADY_USED', 'This connect link was already used.', 'If your ad accounts are not connected yet'],
    ['FORBIDDEN', 'no longer allowed to manage the connections of this team', 'Ask an admin of the team'],
    ['INVALID_REQUEST', 'Meta sent the browser back without an authorization.', 'Start the connection again'],
    ['PLATFORM_AUTH_EXPIRED', 'Meta did not accept the authorization.', 'Start the connection again'],
    ['PLATFORM_RATE_LIMITED', 'Meta is limiting requests right now.', 'Wait a few minutes'],
    ['PLATFORM_ERROR', 'Meta answered with an error', 'give them the error code below'],
    ['INTERNAL_ERROR', 'Something went wrong while connecting.', 'contact its support'],
  ])('%s says what went wrong and what to do', (code, what, next) => {
    const page = text(renderConnectResultPage({ status: 'error', platform: 'meta', error: code }));
    expect(page).toContain('Meta connection failed');
    expect(page).toContain(what);
    expect(page).toContain('What to do now');
    expect(page).toContain(next);
    expect(page).toContain(`Error code: ${code}`);
  });

  it('names the platform and the connection on success', () => {
    const html = renderConnectResultPage({ status: 'success', platform: 'google', connectionId: '7d0e6f3c-1111-4222-8333-944445555666' });
    expect(html).toContain('<title>Google Ads account connected</title>');
    expect(html).toContain('role="status"');
    expect(text(html)).toContain('Your Google Ads ad accounts are connected.');
    expect(text(html)).toContain('Connection id: 7d0e6f3c-1111-4222-8333-944445555666');
  });

  it('escapes everything it prints', () => {
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const results: ConnectResult[] = [
      { status: 'error', platform: 'meta', error: hostile },
      { status: 'success', platform: 'meta', connectionId: hostile },
    ];
    for (const result of results) {
      const html = renderConnectResultPage(result);
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('is a complete document that loads nothing from elsewhere', () => {
    for (const result of [{ status: 'success', platform: 'meta', connectionId: 'c' }, { status: 'error', platform: 'google', error: 'ACCESS_DENIED' }] as ConnectResult[]) {
      const html = renderConnectResultPage(result);
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain('<main>');
      expect(html).not.toMatch(/https?:|\/\/|<script|<link|<img|@import|url\(/);
    }
  });

  it('allows its one inline style by hash and nothing else', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(renderConnectResultPage({ status: 'success', platform: 'meta' }))![1];
    const hash = createHash('sha256').update(style).digest('base64');
    expect(CONNECT_RESULT_PAGE_HEADERS['content-security-policy']).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(CONNECT_RESULT_PAGE_HEADERS).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
  });
});
