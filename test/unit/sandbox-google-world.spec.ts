import * as fs from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { GoogleAccountsReader } from '../../src/platforms/google/google-accounts.reader';
import { GoogleAdsClient, GoogleAdsRow } from '../../src/platforms/google/google-ads.client';
import { GoogleAssetsReader } from '../../src/platforms/google/google-assets.reader';
import { GoogleConnector } from '../../src/platforms/google/google-connector';
import { mapGoogleAdGroups, mapGoogleAds, mapGoogleCampaignMetrics, mapGoogleCampaigns } from '../../src/platforms/google/google-import.mapper';
import {
  googleAdGroupsQuery,
  googleAdsQuery,
  googleCampaignMetricsQuery,
  googleCampaignsQuery,
  googleChangesQuery,
  googleDateRange,
  googleDateTime,
} from '../../src/platforms/google/google-import.queries';
import { GoogleInsightsReader } from '../../src/platforms/google/google-insights.reader';
import { GoogleOAuthClient } from '../../src/platforms/google/google-oauth.client';
import { GoogleReportReader } from '../../src/platforms/google/google-report.reader';
import { PlatformError } from '../../src/platforms/platform-error';
import type { PlatformAdAccount } from '../../src/platforms/platform-grant';
import { GoogleSandboxWorld } from '../../src/sandbox/google/google-sandbox-world';
import { GoogleSandboxWorldFactory } from '../../src/sandbox/google/google-sandbox-world.factory';
import { SimulatedGooglePlatform } from '../../src/sandbox/google/simulated-google-platform';
import {
  SANDBOX_GOOGLE_CLIENT_ID,
  SANDBOX_GOOGLE_CLIENT_SECRET,
  SANDBOX_GOOGLE_DEVELOPER_TOKEN,
  SANDBOX_TOKEN_PREFIX,
  SandboxWorld,
} from '../../src/sandbox/sandbox-world';
import { ConfiguredSandboxEndpoints } from '../support/configured-sandbox-endpoints';
import { submitConsent } from '../fakes/consent-form.client';

const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-sandbox-google-'));
const TENANT = '5f0c2a44-0d7e-4d0b-9b43-8a0e3c1f7a21';
const OTHER_TENANT = '0b9d6c1e-3a52-4f8e-8c11-2f4b7d9e6a10';
const PUBLIC_URL = 'https://api.example.test';
const STATE = 'state-42';
const today = () => new Date().toISOString().slice(0, 10);

/** A stand-in for the simulator server: `/t/{tenant}/google/{rest}` → the tenant's world with `req.url` = `/{rest}`, and the app's consent route. */
class TestSimulator {
  private server: Server | undefined;
  private readonly worlds = new Map<string, SandboxWorld>();
  url = '';

  constructor(private readonly make: (tenantId: string, baseUrl: string) => SandboxWorld) {}

  world(tenantId: string): SandboxWorld {
    let world = this.worlds.get(tenantId);
    if (!world) {
      world = this.make(tenantId, `${this.url}/t/${tenantId}/google`);
      this.worlds.set(tenantId, world);
    }
    return world;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const consent = /^\/consent\/([^/?]+)(?:\?(.*))?$/.exec(req.url ?? '');
      if (consent) {
        void this.consent(consent[1], req.method === 'POST' ? 'POST' : 'GET', consent[2] ?? '', req, res);
        return;
      }
      const match = /^\/t\/([^/]+)\/google(\/.*)$/.exec(req.url ?? '');
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      req.url = match[2];
      void this.world(match[1]).handle(req, res);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async consent(tenantId: string, method: 'GET' | 'POST', query: string, req: NodeJS.ReadableStream, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = Object.fromEntries(new URLSearchParams(method === 'POST' ? Buffer.concat(chunks).toString('utf8') : query));
    const answer = this.world(tenantId).consent(method, params, `${this.url}/consent/${tenantId}`);
    res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function configFor(simulatorUrl: string, tenantId: string, extra: Record<string, string> = {}): AppConfig {
  const world = `${simulatorUrl}/t/${tenantId}/google`;
  return loadConfig({
    JWT_SECRET: 'x'.repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    DATA_DIR,
    PUBLIC_URL,
    GOOGLE_CLIENT_ID: SANDBOX_GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET: SANDBOX_GOOGLE_CLIENT_SECRET,
    GOOGLE_ADS_DEVELOPER_TOKEN: SANDBOX_GOOGLE_DEVELOPER_TOKEN,
    GOOGLE_ADS_API_URL: world,
    GOOGLE_OAUTH_AUTHORIZE_URL: `${simulatorUrl}/consent/${tenantId}`,
    GOOGLE_OAUTH_TOKEN_URL: `${world}/token`,
    GOOGLE_OAUTH_REVOKE_URL: `${world}/revoke`,
    ...extra,
  });
}

function product(config: AppConfig) {
  const endpoints = new ConfiguredSandboxEndpoints(config);
  const oauth = new GoogleOAuthClient(config, endpoints);
  const ads = new GoogleAdsClient(config, endpoints);
  return {
    oauth,
    ads,
    connector: new GoogleConnector(oauth, new GoogleAccountsReader(ads)),
    insights: new GoogleInsightsReader(ads),
    reports: new GoogleReportReader(ads),
    assets: new GoogleAssetsReader(ads),
  };
}

async function grantCode(oauth: GoogleOAuthClient): Promise<string> {
  const answer = await submitConsent(oauth.authorizeUrl(STATE));
  expect(answer.status).toBe(302);
  const location = new URL(String(answer.location));
  expect(location.searchParams.get('state')).toBe(STATE);
  return String(location.searchParams.get('code'));
}

/** A factory as a restarted app of the same installation (same token encryption key) would make it. */
const newFactory = () => new GoogleSandboxWorldFactory(loadConfig({ JWT_SECRET: 'x'.repeat(40), TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'), DATA_DIR }));

const sum = (rows: Array<Record<string, unknown>>, field: string) => rows.reduce((total, row) => total + Number(row[field] ?? 0), 0);
const groupSums = (rows: Array<Record<string, unknown>>, key: string, field: string) => {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(String(row[key]), (sums.get(String(row[key])) ?? 0) + Number(row[field] ?? 0));
  return sums;
};

describe('the sandbox Google world over HTTP', () => {
  const factory = newFactory();
  let simulator: TestSimulator;
  let config: AppConfig;
  let google: ReturnType<typeof product>;
  let refreshToken: string;
  let accessToken: string;
  let accounts: PlatformAdAccount[];

  beforeAll(async () => {
    simulator = new TestSimulator((tenantId, baseUrl) => factory.create(tenantId, baseUrl));
    await simulator.start();
    config = configFor(simulator.url, TENANT);
    google = product(config);
    const grant = await google.connector.connect(await grantCode(google.oauth));
    refreshToken = String(grant.refreshToken);
    accessToken = grant.accessToken;
    accounts = grant.accounts;
  }, 30_000);

  afterAll(async () => {
    await simulator.close();
  });

  describe('consent and OAuth', () => {
    it('answers the consent page with Grant and Deny posting back to the given action', async () => {
      const page = await fetch(google.oauth.authorizeUrl(STATE));
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(html).toContain(`<form method="post" action="${simulator.url}/consent/${TENANT}">`);
      expect(html).toMatch(/Signed in to Google as <strong>[a-z]+\.[a-z]+@[a-z0-9.-]+\.example<\/strong>/);
      expect(html).toContain('value="grant">Grant</button>');
      expect(html).toContain('value="deny">Deny</button>');
      expect(html).toContain('https://www.googleapis.com/auth/adwords');
    });

    it('redirects a grant to the callback with a code and the state', async () => {
      const answer = await submitConsent(google.oauth.authorizeUrl(STATE));
      expect(answer.status).toBe(302);
      const location = new URL(String(answer.location));
      expect(`${location.origin}${location.pathname}`).toBe(`${PUBLIC_URL}/api/v1/google/redirect/callback`);
      expect(location.searchParams.get('code')).toMatch(/^4\/0A/);
      expect(location.searchParams.get('state')).toBe(STATE);
    });

    it('redirects a denial with error=access_denied and the state', async () => {
      const answer = await submitConsent(google.oauth.authorizeUrl(STATE), 'deny');
      expect(answer.status).toBe(302);
      const location = new URL(String(answer.location));
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('state')).toBe(STATE);
      expect(location.searchParams.has('code')).toBe(false);
    });

    it('refuses a consent request from another OAuth client', () => {
      const answer = simulator.world(TENANT).consent('GET', { client_id: 'someone-else', redirect_uri: `${PUBLIC_URL}/cb`, response_type: 'code', scope: 'https://www.googleapis.com/auth/adwords' }, '/consent');
      expect(answer.status).toBe(401);
      expect(answer.body).toContain('invalid_client');
    });

    it('exchanges the code for sbx_ tokens and the seeded user, and refreshes', async () => {
      const tokens = await google.oauth.exchangeCode(await grantCode(google.oauth));
      expect(tokens.accessToken.startsWith(SANDBOX_TOKEN_PREFIX)).toBe(true);
      expect(tokens.refreshToken?.startsWith(SANDBOX_TOKEN_PREFIX)).toBe(true);
      expect(tokens.subject).toMatch(/^\d{21}$/);
      expect(tokens.scopes).toContain('https://www.googleapis.com/auth/adwords');
      expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now());

      const refreshed = await google.oauth.refresh(String(tokens.refreshToken));
      expect(refreshed.accessToken.startsWith(SANDBOX_TOKEN_PREFIX)).toBe(true);
      expect(refreshed.accessToken).not.toBe(tokens.accessToken);
      expect(await google.ads.listAccessibleCustomers(refreshed.accessToken)).toHaveLength(2);
    });

    it('refuses a wrong client secret and a used code', async () => {
      const code = await grantCode(google.oauth);
      const wrong = product(configFor(simulator.url, TENANT, { GOOGLE_CLIENT_SECRET: 'not-the-sandbox-secret' }));
      await expect(wrong.oauth.exchangeCode(code)).rejects.toBeInstanceOf(PlatformError);
      const raw = await fetch(`${simulator.url}/t/${TENANT}/google/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: SANDBOX_GOOGLE_CLIENT_ID, client_secret: 'nope' }).toString(),
      });
      expect(raw.status).toBe(401);
      expect(await raw.json()).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });

      await google.oauth.exchangeCode(code);
      await expect(google.oauth.exchangeCode(code)).rejects.toBeInstanceOf(PlatformError);
    });

    it('revokes a grant: its refresh token then answers invalid_grant', async () => {
      const tokens = await google.oauth.exchangeCode(await grantCode(google.oauth));
      await google.oauth.revoke(String(tokens.refreshToken));
      await expect(google.oauth.refresh(String(tokens.refreshToken))).rejects.toBeInstanceOf(PlatformError);
      // The grant used by the other tests is untouched.
      await expect(google.oauth.refresh(refreshToken)).resolves.toBeDefined();
    });

    it('accepts Ads calls with or without a developer token, as Google does since 2026-09-09', async () => {
      const answer = await fetch(`${simulator.url}/t/${TENANT}/google/v26/customers:listAccessibleCustomers`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(answer.status).toBe(200);
      const other = product(configFor(simulator.url, TENANT, { GOOGLE_ADS_DEVELOPER_TOKEN: 'a-live-developer-token' }));
      await expect(other.ads.listAccessibleCustomers(accessToken)).resolves.toHaveLength(2);
    });
  });

  describe('accounts', () => {
    it('lists a manager and a direct account, and the manager has three clients', async () => {
      const direct = await google.ads.listAccessibleCustomers(accessToken);
      expect(direct).toHaveLength(2);
      const manager = accounts.find((account) => account.isManager);
      expect(manager).toBeDefined();
      const clients = accounts.filter((account) => account.loginCustomerId === manager?.accountId);
      expect(clients).toHaveLength(3);
      const own = accounts.filter((account) => !account.isManager && account.loginCustomerId === null);
      expect(own).toHaveLength(1);
      for (const account of accounts) {
        expect(account.accountId).toMatch(/^\d{10}$/);
        expect(account.name).toBeTruthy();
        expect(account.timezone).toMatch(/^[A-Z][a-z]+\/[A-Za-z_]+$/);
        expect(account.status).toBe('ENABLED');
      }
    });

    it('has ad accounts in several currencies, one without minor units', () => {
      const currencies = new Set(accounts.filter((account) => !account.isManager).map((account) => account.currency));
      expect(currencies.size).toBeGreaterThanOrEqual(3);
      expect([...currencies].some((currency) => currency === 'JPY' || currency === 'KRW')).toBe(true);
    });

    it('refuses a client without the manager as login-customer-id, and metrics of the manager', async () => {
      const client = accounts.find((account) => account.loginCustomerId !== null)!;
      await expect(google.ads.search(accessToken, client.accountId, 'SELECT customer.id FROM customer', { loginCustomerId: null })).rejects.toMatchObject({
        platformDetails: { platformCode: 'USER_PERMISSION_DENIED' },
      });
      const manager = accounts.find((account) => account.isManager)!;
      await expect(
        google.ads.search(accessToken, manager.accountId, `SELECT metrics.clicks FROM customer WHERE segments.date DURING LAST_7_DAYS`, { loginCustomerId: manager.accountId }),
      ).rejects.toMatchObject({ platformDetails: { platformCode: 'REQUESTED_METRICS_FOR_MANAGER' } });
    });
  });

  describe('what the import reads', () => {
    const adAccounts = () => accounts.filter((account) => !account.isManager);
    const read = (account: PlatformAdAccount, query: string) => google.ads.search<GoogleAdsRow>(accessToken, account.accountId, query, { loginCustomerId: account.loginCustomerId });

    it('answers campaigns of mixed statuses and channel types, with budgets in the account currency', async () => {
      for (const account of adAccounts()) {
        const campaigns = mapGoogleCampaigns(await read(account, googleCampaignsQuery()), null);
        expect(campaigns.length).toBeGreaterThanOrEqual(5);
        expect(campaigns.length).toBeLessThanOrEqual(12);
        expect(campaigns.map((campaign) => campaign.status)).toEqual(expect.arrayContaining(['ENABLED', 'PAUSED']));
        expect(new Set(campaigns.map((campaign) => campaign.advertising_channel_type)).size).toBeGreaterThanOrEqual(3);
        for (const campaign of campaigns) {
          expect(campaign.currency).toBe(account.currency);
          expect(campaign.name).toContain(' | ');
          expect(campaign.budget_micros).toBeGreaterThan(0);
          const unit = account.currency === 'JPY' || account.currency === 'KRW' ? 1_000_000 : 10_000;
          expect(Number(campaign.budget_micros) % unit).toBe(0);
          expect(String(campaign.data.start_date_time)).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
        }
      }
    });

    it('answers ad groups and ads that belong to the campaigns', async () => {
      const account = adAccounts()[0];
      const campaignIds = new Set(mapGoogleCampaigns(await read(account, googleCampaignsQuery()), null).map((campaign) => campaign.campaign_id));
      const adGroups = mapGoogleAdGroups(await read(account, googleAdGroupsQuery()), null);
      const ads = mapGoogleAds(await read(account, googleAdsQuery()));
      expect(adGroups.length).toBeGreaterThanOrEqual(5);
      expect(ads.length).toBeGreaterThanOrEqual(adGroups.length);
      for (const adGroup of adGroups) expect(campaignIds.has(String(adGroup.campaign_id))).toBe(true);
      const adGroupIds = new Set(adGroups.map((adGroup) => adGroup.ad_group_id));
      for (const ad of ads) expect(adGroupIds.has(ad.ad_group_id)).toBe(true);
      const search = ads.filter((ad) => ad.type === 'RESPONSIVE_SEARCH_AD');
      expect(search.length).toBeGreaterThan(0);
      for (const ad of search) {
        expect((ad.data.headlines as string[]).length).toBeGreaterThanOrEqual(3);
        expect((ad.data.descriptions as string[]).length).toBeGreaterThanOrEqual(2);
        for (const headline of ad.data.headlines as string[]) expect(headline.length).toBeLessThanOrEqual(30);
        expect((ad.data.final_urls as string[])[0]).toMatch(/^https:\/\/www\.[a-z0-9.-]+\.example\//);
      }
      const onlySome = mapGoogleAdGroups(await read(account, googleAdGroupsQuery([adGroups[0].ad_group_id])), null);
      expect(onlySome.map((adGroup) => adGroup.ad_group_id)).toEqual([adGroups[0].ad_group_id]);
    });

    it('answers 90 days of daily campaign metrics up to today, in one page per account', async () => {
      const { from, to } = googleDateRange(today(), 90);
      for (const account of adAccounts()) {
        const page = await google.ads.searchPage<GoogleAdsRow>(accessToken, account.accountId, googleCampaignMetricsQuery(from, to), { loginCustomerId: account.loginCustomerId, totalCount: true });
        expect(page.nextPageToken).toBeUndefined();
        const metrics = mapGoogleCampaignMetrics(page.rows, null);
        expect(metrics.length).toBeGreaterThan(300);
        const dates = metrics.map((metric) => metric.date).sort();
        expect(dates[0]).toBe(from);
        expect(dates[dates.length - 1]).toBe(to);
        expect(sum(metrics as unknown as Array<Record<string, unknown>>, 'clicks')).toBeGreaterThan(1000);
        for (const metric of metrics) {
          expect(metric.currency).toBe(account.currency);
          expect(metric.clicks).toBeLessThanOrEqual(metric.impressions);
        }
      }
    });

    it('answers the change_status scan of a re-sync', async () => {
      const account = adAccounts()[0];
      const since = googleDateTime(new Date(Date.now() - 80 * 24 * 3600 * 1000), account.timezone);
      const until = googleDateTime(new Date(Date.now() + 3600 * 1000), account.timezone);
      const rows = await read(account, googleChangesQuery('ad_group', since, until));
      for (const row of rows) expect(row.changeStatus?.resourceType).toBe('AD_GROUP');
    });
  });

  describe('reports that add up', () => {
    const adAccount = () => accounts.find((account) => account.loginCustomerId !== null)!;
    const window = () => googleDateRange(today(), 30);
    const report = (level: 'customer' | 'campaign' | 'ad_group' | 'ad', fields: string[]) =>
      google.reports.report(accessToken, { ...adAccount(), currency: adAccount().currency }, { level, fields, startDate: window().from, endDate: window().to });

    it('splits each campaign by device, network and date into parts that add up to its total', async () => {
      const totals = await report('campaign', ['impressions', 'clicks', 'cost_micros', 'conversions', 'conversions_value']);
      expect(totals.length).toBeGreaterThanOrEqual(5);
      for (const segment of ['device', 'ad_network_type', 'date']) {
        const parts = await report('campaign', [segment, 'impressions', 'clicks', 'cost_micros', 'conversions', 'conversions_value']);
        expect(new Set(parts.map((row) => row[segment])).size).toBeGreaterThan(segment === 'ad_network_type' ? 1 : 2);
        for (const field of ['impressions', 'clicks', 'cost_micros', 'conversions']) {
          const split = groupSums(parts, 'campaign_id', field);
          for (const total of totals) expect(split.get(String(total.campaign_id)) ?? 0).toBe(Number(total[field]));
        }
        const values = groupSums(parts, 'campaign_id', 'conversions_value');
        for (const total of totals) expect(values.get(String(total.campaign_id)) ?? 0).toBeCloseTo(Number(total.conversions_value), 4);
      }
    });

    it('adds ads up to their ad groups, ad groups to their campaigns, campaigns to the account', async () => {
      const campaigns = await report('campaign', ['advertising_channel_type', 'clicks', 'cost_micros']);
      const adGroups = await report('ad_group', ['campaign_id', 'clicks', 'cost_micros']);
      const ads = await report('ad', ['ad_group_id', 'clicks', 'cost_micros']);
      const [account] = await report('customer', ['clicks', 'cost_micros']);
      expect(adGroups.length).toBeGreaterThan(0);
      for (const field of ['clicks', 'cost_micros']) {
        expect(sum(campaigns, field)).toBe(Number(account[field]));
        const byCampaign = groupSums(adGroups, 'campaign_id', field);
        for (const campaign of campaigns.filter((row) => row.advertising_channel_type !== 'PERFORMANCE_MAX')) {
          expect(byCampaign.get(String(campaign.campaign_id)) ?? 0).toBe(Number(campaign[field]));
        }
        const byAdGroup = groupSums(ads, 'ad_group_id', field);
        for (const adGroup of adGroups) expect(byAdGroup.get(String(adGroup.ad_group_id)) ?? 0).toBe(Number(adGroup[field]));
      }
    });

    it('answers account insights by day in the account currency, the days summing to the total', async () => {
      const account = adAccount();
      const query = { metrics: ['impressions', 'clicks', 'spend'], startDate: window().from, endDate: window().to };
      const total = await google.insights.accountInsights(accessToken, account, query);
      const byDay = await google.insights.accountInsights(accessToken, account, { ...query, breakdown: 'date' });
      expect(total.currency).toBe(account.currency);
      expect(byDay.rows).toHaveLength(30);
      expect(sum(byDay.rows, 'clicks')).toBe(Number(total.rows[0].clicks));
      expect(sum(byDay.rows, 'spend')).toBeCloseTo(Number(total.rows[0].spend), 2);
    });

    it('answers assets at customer, campaign and ad group level', async () => {
      const account = adAccount();
      const all = await google.assets.assets(accessToken, account, { level: 'customer' });
      expect(all.map((asset) => asset.asset_type)).toEqual(expect.arrayContaining(['SITELINK', 'CALLOUT', 'TEXT', 'IMAGE']));
      const campaignLinks = await google.assets.assets(accessToken, account, { level: 'campaign' });
      expect(campaignLinks.length).toBeGreaterThan(3);
      expect(campaignLinks.every((link) => link.link_status !== 'REMOVED')).toBe(true);
      const adGroupLinks = await google.assets.assets(accessToken, account, { level: 'ad_group' });
      expect(adGroupLinks.length).toBeGreaterThan(0);
    });
  });

  describe('determinism', () => {
    const snapshot = async (tenantId: string, simulatorUrl: string) => {
      const other = product(configFor(simulatorUrl, tenantId));
      const grant = await other.connector.connect(await grantCode(other.oauth));
      const account = grant.accounts.find((candidate) => candidate.loginCustomerId !== null)!;
      const { from, to } = googleDateRange(today(), 90);
      const options = { loginCustomerId: account.loginCustomerId };
      return {
        accounts: grant.accounts.map((candidate) => [candidate.accountId, candidate.name, candidate.currency]).sort(),
        subject: grant.platformUserId,
        campaigns: await other.ads.search(grant.accessToken, account.accountId, googleCampaignsQuery(), options),
        metrics: await other.ads.search(grant.accessToken, account.accountId, googleCampaignMetricsQuery(from, to), options),
      };
    };

    it('answers the same data for the same tenant in a new world, and other data for another tenant', async () => {
      const second = new TestSimulator((tenantId, baseUrl) => newFactory().create(tenantId, baseUrl));
      await second.start();
      try {
        const first = await snapshot(TENANT, simulator.url);
        const again = await snapshot(TENANT, second.url);
        expect(again).toEqual(first);
        const other = await snapshot(OTHER_TENANT, second.url);
        expect(other.subject).not.toBe(first.subject);
        expect(other.accounts.map(([id]) => id)).not.toEqual(first.accounts.map(([id]) => id));
        expect(other.metrics).not.toEqual(first.metrics);
      } finally {
        await second.close();
      }
    }, 30_000);

    it("keeps a tenant's tokens valid in a new world of the same installation, and nowhere else", async () => {
      const restarted = new TestSimulator((tenantId, baseUrl) => newFactory().create(tenantId, baseUrl));
      await restarted.start();
      try {
        const same = product(configFor(restarted.url, TENANT));
        const refreshed = await same.oauth.refresh(refreshToken);
        expect(await same.ads.listAccessibleCustomers(refreshed.accessToken)).toHaveLength(2);
        expect(await same.ads.listAccessibleCustomers(accessToken)).toHaveLength(2);
        const other = product(configFor(restarted.url, OTHER_TENANT));
        await expect(other.oauth.refresh(refreshToken)).rejects.toBeInstanceOf(PlatformError);
        await expect(other.ads.listAccessibleCustomers(accessToken)).rejects.toBeInstanceOf(PlatformError);
      } finally {
        await restarted.close();
      }
    }, 30_000);
  });
});

describe('a sandbox Google world across midnight', () => {
  it('moves its 90 days forward when the day changes, keeping its grants', async () => {
    let now = new Date('2026-03-10T23:59:00Z');
    const platform = new SimulatedGooglePlatform({
      clientId: SANDBOX_GOOGLE_CLIENT_ID,
      clientSecret: SANDBOX_GOOGLE_CLIENT_SECRET,
      tokenPrefix: SANDBOX_TOKEN_PREFIX,
    });
    const world = new GoogleSandboxWorld(TENANT, platform, () => now);
    const simulator = new TestSimulator(() => world);
    await simulator.start();
    try {
      const google = product(configFor(simulator.url, TENANT));
      const grant = await google.connector.connect(await grantCode(google.oauth));
      const account = grant.accounts.find((candidate) => candidate.loginCustomerId !== null)!;
      const daily = () =>
        google.insights.accountInsights(grant.accessToken, account, { metrics: ['clicks'], breakdown: 'date', startDate: '2026-03-09', endDate: '2026-03-11' });
      const before = await daily();
      expect(before.rows.map((row) => row.date)).toEqual(['2026-03-09', '2026-03-10']);
      now = new Date('2026-03-11T00:01:00Z');
      const after = await daily();
      expect(after.rows.map((row) => row.date)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
      expect(after.rows[0]).toEqual(before.rows[0]);
      // The 10th was today, partly spent; now it is a whole day.
      expect(Number(after.rows[1].clicks)).toBeGreaterThan(Number(before.rows[1].clicks));
    } finally {
      await simulator.close();
    }
  }, 30_000);
});
