import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { FakeGooglePlatform } from '../fakes/google-platform.fake';
import { FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { freePort, googleFakeEnv, metaFakeEnv } from '../support/fake-platform-env';
import { ApiClient, UserSession } from '../support/api-client';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import request from 'supertest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser-connect e2e SKIPPED: no Chromium at ${CHROMIUM}. Install Debian's Chromium with "apt-get install -y chromium" ` +
      '(.ci/run does this when it runs as root), or point CHROMIUM_PATH at a Chromium binary.',
  );
}
const describeWithChromium = hasChromium ? describe : describe.skip;

// --no-sandbox: CI runs as root; the rest keep Chromium off the (closed) network and quick to start.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The tenant's own app: where the browser should land after the callback. */
async function startTenantSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><title>Tenant app</title><h1>Back at the tenant</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

describeWithChromium('Connect flow in a real browser (headless Chromium)', () => {
  let meta: FakeMetaPlatform;
  let google: FakeGooglePlatform;
  let tenantSite: { server: Server; origin: string };
  let testApp: TestApp;
  let appOrigin: string;
  let api: ApiClient;
  let admin: UserSession;
  let browser: Browser;
  let context: BrowserContext;
  let requested: string[];
  /** What Chromium reports as blocked by a Content Security Policy. */
  let blocked: string[];

  beforeAll(async () => {
    meta = await FakeMetaPlatform.start();
    meta.addUser({ id: '9001', name: 'Ada', adAccounts: [{ account_id: '1001', name: 'Acme US', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 }] });
    google = await FakeGooglePlatform.start();
    google.addCustomer({ id: '1234567890', descriptiveName: 'Acme Search', currencyCode: 'USD', timeZone: 'America/New_York' });
    google.addUser({ sub: 'google-user-1', email: 'ada@acme.test', customers: ['1234567890'] });
    tenantSite = await startTenantSite();
    const port = await freePort();
    appOrigin = `http://127.0.0.1:${port}`;
    testApp = await startTestApp({ PUBLIC_URL: appOrigin, ...metaFakeEnv(meta.url), ...googleFakeEnv(google.url) });
    await testApp.app.listen(port, '127.0.0.1');
    api = new ApiClient(testApp);
    const tenant = await api.createTenant('Acme', [tenantSite.origin]);
    admin = await api.login(tenant.apiKey, 'ws-admin');
    await api.as(admin, 'post', '/workspace').send({ enterpriseId: 'ent', workspaceName: 'Acme' }).expect(201);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await new Promise<void>((resolve) => tenantSite?.server.close(() => resolve()));
    await meta?.close();
    await google?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    requested = [];
    blocked = [];
    context.on('request', (request) => requested.push(request.url()));
    context.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
    });
  });
  afterEach(() => context.close());

  async function authUrl(platform: 'meta' | 'google', redirect?: string): Promise<string> {
    const body = { platform, workspaceId: 'ent', ...(redirect ? { redirect } : {}) };
    return (await api.as(admin, 'post', '/connections').send(body).expect(201)).body.data.authUrl as string;
  }

  /** Opens the authUrl, presses a button on the platform's consent page, and waits to leave the platform. */
  async function consent(url: string, button: 'Grant' | 'Deny', platformOrigin: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL((current) => current.origin !== platformOrigin);
    return page;
  }

  function landing(page: Page): Record<string, string> {
    const url = new URL(page.url());
    expect(`${url.origin}${url.pathname}`).toBe(`${tenantSite.origin}/connected`);
    return Object.fromEntries(url.searchParams);
  }

  async function connectionCount(platform: string): Promise<number> {
    return (await testApp.query(`SELECT id FROM platform_connections WHERE platform = $1`, [platform])).length;
  }

  it.each([
    ['meta', () => meta.url],
    ['google', () => google.url],
  ] as const)('%s: Grant on the consent page lands on the tenant redirect with status=success and a stored connection', async (platform, platformUrl) => {
    const page = await consent(await authUrl(platform, `${tenantSite.origin}/connected`), 'Grant', platformUrl());
    const result = landing(page);
    expect(result).toEqual({ status: 'success', platform, connectionId: expect.stringMatching(UUID) });
    await expect(page.locator('h1').textContent()).resolves.toBe('Back at the tenant');
    const [row] = await testApp.query<{ platform: string }>(`SELECT platform FROM platform_connections WHERE id = $1`, [result.connectionId]);
    expect(row.platform).toBe(platform);
  });

  it.each([
    ['meta', () => meta.url],
    ['google', () => google.url],
  ] as const)('%s: Deny on the consent page lands on the tenant redirect with status=error and connects nothing', async (platform, platformUrl) => {
    const before = await connectionCount(platform);
    const page = await consent(await authUrl(platform, `${tenantSite.origin}/connected`), 'Deny', platformUrl());
    expect(landing(page)).toEqual({ status: 'error', platform, error: 'ACCESS_DENIED' });
    expect(await connectionCount(platform)).toBe(before);
  });

  it('without a redirect, a granted consent shows our readable, accessible success page, with nothing loaded from elsewhere', async () => {
    const page = await consent(await authUrl('meta'), 'Grant', meta.url);
    expect(new URL(page.url()).origin).toBe(appOrigin);
    await expect(page.title()).resolves.toBe('Meta account connected');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Meta account connected');
    await expect(page.getByRole('status').textContent()).resolves.toContain('You can close this window and return to the application.');
    await expect(page.locator('script, img, link, iframe').count()).resolves.toBe(0);
    // The inline style ran under the page's CSP (allowed by its hash) and gives readable text.
    const colours = await page.evaluate<{ color: string; background: string; maxWidth: string }>(
      '(() => { const style = getComputedStyle(document.body); return { color: style.color, background: style.backgroundColor, maxWidth: style.maxWidth }; })()',
    );
    expect(colours.maxWidth).toBe('576px');
    expect(contrast(colours.color, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(blocked).toEqual([]);
    const allowed = [appOrigin, meta.url];
    expect(requested.filter((url) => !allowed.includes(new URL(url).origin))).toEqual([]);
  });

  it('without a redirect, a denied consent shows a readable error that says what to do', async () => {
    const page = await context.newPage();
    await page.goto(await authUrl('google'));
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${appOrigin}/api/v1/google/redirect/callback`)), page.getByRole('button', { name: 'Deny' }).click()]);
    expect(response.status()).toBe(400);
    expect(response.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(response.headers()['content-security-policy']).not.toMatch(/https?:|\*/);
    expect(response.headers()['cache-control']).toBe('no-store');
    await page.waitForURL((url) => url.origin === appOrigin);
    await expect(page.title()).resolves.toBe('Google Ads connection failed');
    const alert = (await page.getByRole('alert').innerText()).replace(/\s+/g, ' ');
    expect(alert).toContain('The permission request on Google Ads was declined, so nothing was connected.');
    expect(alert).toContain('What to do now');
    expect(alert).toContain('start again from the application and allow access when Google Ads asks');
    expect(alert).toContain('Error code: ACCESS_DENIED');
    expect(blocked).toEqual([]);
  });

  it('reflects nothing of a hostile callback URL into the page', async () => {
    let dialogs = 0;
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const hostile = encodeURIComponent('"><script>alert(1)</script><img src=x onerror=alert(2)>');
    const response = await page.goto(`${appOrigin}/api/v1/meta/redirect/callback?code=${hostile}&state=${hostile}&error=${hostile}`);
    expect(response!.status()).toBe(400);
    await expect(page.title()).resolves.toBe('Meta connection failed');
    await expect(page.getByRole('alert').innerText()).resolves.toContain('This connect link is not valid.');
    await expect(page.locator('script, img').count()).resolves.toBe(0);
    expect(await page.content()).not.toContain('alert(');
    expect(dialogs).toBe(0);
  });

  it.each(['meta', 'google'] as const)(
    '%s in sandbox: the simulated consent page is served by the app itself, and Grant lands on the tenant redirect',
    async (platform) => {
      const created = await request(testApp.http)
        .post('/api/v1/admin/tenants')
        .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
        .send({ name: `Sandbox ${platform}`, allowedRedirectOrigins: [tenantSite.origin], sandbox: true })
        .expect(201);
      const user = await api.login(created.body.data.apiKey as string, 'ws-admin');
      await api.as(user, 'post', '/workspace').send({ enterpriseId: `sbx-${platform}`, workspaceName: 'Sandbox' }).expect(201);
      const body = { platform, workspaceId: `sbx-${platform}`, redirect: `${tenantSite.origin}/connected` };
      const url = (await api.as(user, 'post', '/connections').send(body).expect(201)).body.data.authUrl as string;
      expect(new URL(url).origin).toBe(appOrigin);

      const liveCalls = meta.calls.length + google.calls.length;
      const page = await context.newPage();
      await page.goto(url);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
      await expect(page.locator('script, img, link, iframe').count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Grant' }).click();
      await page.waitForURL((current) => current.origin !== appOrigin);
      expect(landing(page)).toEqual({ status: 'success', platform, connectionId: expect.stringMatching(UUID) });
      expect(blocked).toEqual([]);
      expect(requested.filter((requestedUrl) => ![appOrigin, tenantSite.origin].includes(new URL(requestedUrl).origin))).toEqual([]);
      // The live fakes configured for this server saw nothing of the sandbox tenant's flow.
      expect(meta.calls.length + google.calls.length).toBe(liveCalls);
    },
  );
});
