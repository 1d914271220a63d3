import { DataSource } from 'typeorm';
import { META_LOCAL_INSIGHT_FIELDS, MetaInsightsRead, MetaInsightsSource } from '../../src/sync/meta/meta-insights-source.service';
import { localInsightsJson } from '../../src/sync/meta/meta-local-insights.writer';
import { addDays } from '../../src/sync/meta/meta-insights.store';
import { MetaInsightSeriesStore } from '../../src/sync/meta/meta-insight-series.store';
import type { UserSession } from '../support/api-client';
import { connectThroughBrowser, TENANT_REDIRECT } from '../support/connect-flow';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const ACCOUNT = '6101';
const YEN_ACCOUNT = '6102';
const HISTORY_DAYS = 30;
/** SQL of the 1-based index in `totals` of a fixed column on day $2 (see meta-insight-series.codec.ts). */
const dayColumn = (column: 'impressions' | 'clicks') => `($2::date - first_date) * (4 + cardinality(action_keys)) + ${column === 'impressions' ? 2 : 3}`;
const BREAKDOWNS = ['', 'gender', 'age', 'country', 'publisher_platform', 'impression_device'] as const;

describe('Local insights answers: serialized once, cached per tenant, account, copy version and query', () => {
  let f: MetaTeamFixture;
  let viewer: UserSession;
  let since: string;
  let until: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    f = await startMetaTeam(
      {
        id: '971',
        name: 'Ada',
        adAccounts: [
          { account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'UTC', account_status: 1 },
          { account_id: YEN_ACCOUNT, name: 'Tokyo', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 },
        ],
      },
      { IMPORT_HISTORY_DAYS: String(HISTORY_DAYS) },
    );
    f.meta.pageSize = 80;
    const campaigns = [
      { id: '7401', name: 'Spring "quoted" \\ name' },
      { id: '7402', name: 'Été ☀ 🌻' },
      { id: '7403', name: 'Autumn' },
    ];
    f.meta.setAccountObjects(ACCOUNT, { campaigns: campaigns.map((c) => ({ ...c, status: 'ACTIVE', daily_budget: '5000' })) });
    f.meta.reportRuns.setModel(ACCOUNT, { campaigns });
    const yen = [{ id: '7501', name: 'Sakura' }];
    f.meta.setAccountObjects(YEN_ACCOUNT, { campaigns: yen.map((c) => ({ ...c, status: 'ACTIVE' })) });
    f.meta.reportRuns.setModel(YEN_ACCOUNT, { campaigns: yen, seed: 11 });
    dataSource = f.testApp.app.get(DataSource);

    await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'viewer', role: 'MEMBER' }] });
    viewer = await f.api.login(f.tenant.apiKey, 'viewer');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);

    expect(await runImport(f.teamAdmin, f.teamId, ACCOUNT)).toMatchObject({ status: 'succeeded' });
    expect(await runImport(f.teamAdmin, f.teamId, YEN_ACCOUNT)).toMatchObject({ status: 'succeeded' });
    const coverage = await f.testApp.query<{ since: string; until: string }>(
      `SELECT since::text AS since, until::text AS until FROM meta_campaign_insight_coverage c JOIN ad_accounts a ON a.id = c.ad_account_id WHERE a.account_id = $1`,
      [ACCOUNT],
    );
    ({ since, until } = coverage[0]);
  });
  afterAll(() => f.close());

  async function runImport(who: UserSession, teamId: string, account: string, mode?: 'resync'): Promise<Record<string, any>> {
    const started = await f.api.as(who, 'get', `/${teamId}/meta/import?adAccountId=act_${account}${mode ? `&mode=${mode}` : ''}`).expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const body = (await f.api.as(who, 'get', `/${teamId}/imports/${started.body.data.importId}`).expect(200)).body.data;
      if (body.status === 'succeeded' || body.status === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`import still ${body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const insights = (who: UserSession, query: string, account = ACCOUNT, teamId = f.teamId) => f.api.as(who, 'get', `/${teamId}/meta/insights?adAccountId=act_${account}&${query}`);
  const range = (start: string, end: string, breakdown = '', extra = '') => `level=campaign&startDate=${start}&endDate=${end}${breakdown ? `&breakdown=${breakdown}` : ''}${extra}`;
  const cache = () => f.testApp.app.get(MetaInsightsSource).cached;

  async function accountOf(account: string, teamId = f.teamId): Promise<{ id: string; tenantId: string; currency: string }> {
    const rows = await f.testApp.query<{ id: string; tenant_id: string; currency: string }>(
      `SELECT a.id, a.tenant_id, c.currency FROM ad_accounts a JOIN meta_campaign_insight_coverage c ON c.ad_account_id = a.id WHERE a.account_id = $1 AND a.team_id = $2`,
      [account, teamId],
    );
    return { id: rows[0].id, tenantId: rows[0].tenant_id, currency: rows[0].currency };
  }

  /** The answer's data made fresh from the copy: the range totals' rows, serialized. */
  async function reference(account: string, read: MetaInsightsRead, teamId = f.teamId): Promise<string> {
    const owner = await accountOf(account, teamId);
    const withActions = read.fields.includes('actions') || read.fields.includes('action_values');
    const ranges = await MetaInsightSeriesStore.rangeTotals(dataSource, { tenantId: owner.tenantId, adAccountId: owner.id }, read.breakdown ?? 'none', read.startDate, read.endDate, withActions);
    return localInsightsJson(ranges, read, owner.currency);
  }

  /** The answer's text with the data the reference gives; also checks the rest of the envelope. */
  function expectData(text: string, data: string): void {
    expect(text.startsWith(`{"success":true,"data":${data},"message":"Request successful","meta":{"source":"local","syncedAt":"`)).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ success: true, statusCode: 200, requestId: expect.any(String), timestamp: expect.any(String) });
  }

  it('answers, cached or not, the bytes the rows of the copy serialize to, for every breakdown, range, field order and currency', async () => {
    const ranges: Array<[string, string]> = [
      [since, until],
      [addDays(until, -6), until],
      [addDays(since, 3), addDays(since, 3)],
      [addDays(since, 5), addDays(since, 17)],
    ];
    const fieldLists = [
      undefined,
      META_LOCAL_INSIGHT_FIELDS.join(','),
      'ctr,date_stop,campaign_name,spend,actions',
      'action_values,clicks,clicks,cpc',
      'date_start',
      'spend,impressions',
      'impressions,spend',
    ];
    for (const breakdown of BREAKDOWNS) {
      for (const [start, end] of ranges) {
        for (const fields of fieldLists) {
          const response = await insights(viewer, range(start, end, breakdown, fields ? `&fields=${fields}` : '')).expect(200);
          const read: MetaInsightsRead = {
            level: 'campaign',
            breakdown: breakdown || undefined,
            fields: fields ? [...new Set(fields.split(','))] : ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values'],
            startDate: start,
            endDate: end,
            live: false,
          };
          const expected = await reference(ACCOUNT, read);
          expectData(response.text, expected);
          const again = await insights(viewer, range(start, end, breakdown, fields ? `&fields=${fields}` : '')).expect(200);
          expectData(again.text, expected);
        }
      }
    }
    const yenRead: MetaInsightsRead = { level: 'campaign', breakdown: 'age', fields: META_LOCAL_INSIGHT_FIELDS, startDate: addDays(until, -9), endDate: until, live: false };
    const yen = await insights(f.teamAdmin, range(yenRead.startDate, yenRead.endDate, 'age', `&fields=${META_LOCAL_INSIGHT_FIELDS.join(',')}`), YEN_ACCOUNT).expect(200);
    expectData(yen.text, await reference(YEN_ACCOUNT, yenRead));
  });

  it('serves a repeated read from the cache, and a resync changes the answer', async () => {
    const query = range(addDays(until, -6), until, 'gender');
    const first = await insights(viewer, query).set('accept-encoding', 'identity').expect(200);
    // Sent in pieces, with its length: not chunked, and the same headers as any answer.
    expect(first.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
    expect(first.headers['transfer-encoding']).toBeUndefined();
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers.vary).toBe('accept-encoding');
    expect(first.headers['x-request-id']).toBe(first.body.requestId);
    // A client that accepts gzip gets the same answer compressed (supertest decompresses it).
    const gzipped = await insights(viewer, query).set('accept-encoding', 'gzip, deflate').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(Number(gzipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(first.text) / 3);
    expect(gzipped.text.replace(/"timestamp":"[^"]+","statusCode":200,"requestId":"[^"]+"/, '')).toBe(first.text.replace(/"timestamp":"[^"]+","statusCode":200,"requestId":"[^"]+"/, ''));
    const held = cache();
    expect(held.answers).toBeGreaterThan(0);
    expect(held.bytes).toBeGreaterThan(0);
    const owner = await accountOf(ACCOUNT);
    // Written behind the import's back: the cached answer does not see it, which shows the read is served from it.
    await f.testApp.query(`UPDATE meta_campaign_insight_series SET totals[${dayColumn('impressions')}] = totals[${dayColumn('impressions')}] + 1000000 WHERE ad_account_id = $1 AND breakdown = 'gender'`, [owner.id, until]);
    const second = await insights(viewer, query).expect(200);
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.meta).toEqual(first.body.meta);

    await insights(viewer, range(addDays(until, -6), until, 'age')).expect(200);
    const beforeResync = cache().answers;
    f.meta.reportRuns.revise(ACCOUNT, '7401', until, 3);
    expect(await runImport(f.teamAdmin, f.teamId, ACCOUNT, 'resync')).toMatchObject({ status: 'succeeded' });
    const after = await insights(viewer, query).expect(200);
    expect(after.body.meta.syncedAt).not.toBe(first.body.meta.syncedAt);
    expect(after.body.data).not.toEqual(first.body.data);
    const live = await insights(viewer, `${query}&live=true`).expect(200);
    const byKey = (rows: Array<Record<string, unknown>>) => [...rows].sort((a, b) => `${a.campaign_id}|${a.gender}`.localeCompare(`${b.campaign_id}|${b.gender}`));
    expect(byKey(after.body.data)).toEqual(byKey(live.body.data));
    // The account's answers of the old copy are gone from the cache, not only unreachable.
    expect(cache().answers).toBeLessThan(beforeResync);
  });

  it('a failed resync that committed pages also changes the version', async () => {
    const query = range(addDays(until, -2), until);
    const before = await insights(viewer, query).expect(200);
    const owner = await accountOf(ACCOUNT);
    const team = (await f.testApp.query<{ team_id: string }>(`SELECT team_id FROM ad_accounts WHERE id = $1`, [owner.id]))[0].team_id;
    // A run that wrote pages and then failed: its row changes, and so does the key.
    await f.testApp.query(
      `INSERT INTO imports (tenant_id, team_id, ad_account_id, platform, mode, status, finished_at) VALUES ($1, $2, $3, 'meta', 'resync', 'failed', now())`,
      [owner.tenantId, team, owner.id],
    );
    await f.testApp.query(`UPDATE meta_campaign_insight_series SET totals[${dayColumn('clicks')}] = totals[${dayColumn('clicks')}] + 7 WHERE ad_account_id = $1 AND breakdown = 'none'`, [owner.id, until]);
    const after = await insights(viewer, query).expect(200);
    expect(after.body.meta).toEqual(before.body.meta);
    const clicks = (rows: Array<Record<string, number>>) => rows.reduce((sum, row) => sum + row.clicks, 0);
    expect(clicks(after.body.data) - clicks(before.body.data)).toBe(7 * after.body.data.length);
  });

  it('never gives a cached answer to another team or tenant, and authorizes every request first', async () => {
    // From the copy's second day: the other tenant's copy, made later, starts a day later when UTC midnight passed.
    const query = range(addDays(since, 1), until, 'age');
    const own = await insights(viewer, query).expect(200);
    expect(own.body.meta.source).toBe('local');

    // Same tenant: the other team does not hold the account; a member without a permission is refused.
    const otherTeam = await f.api.as(f.wsAdmin, 'get', `/${f.otherTeamId}/meta/insights?adAccountId=act_${ACCOUNT}&${query}`).expect(404);
    expect(otherTeam.body.data).toBeUndefined();
    const forbidden = await insights(f.member, query).expect(403);
    expect(JSON.stringify(forbidden.body)).not.toContain('impressions');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/revoke`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer' }).expect(200);
    await insights(viewer, query).expect(403);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);

    // Another tenant connects the same Meta account: before its own import it reads live, never this tenant's copy.
    const tenant = await f.api.createTenant('Other', ['https://app.acme.test']);
    const admin = await f.api.login(tenant.apiKey, 'other-admin');
    await f.api.as(admin, 'post', '/workspace').send({ enterpriseId: 'other', workspaceName: 'Other' }).expect(201);
    const teamId = (await f.api.as(admin, 'post', '/teams/get-all').send({ enterpriseId: 'other' }).expect(200)).body.data[0].id as string;
    const connected = await connectThroughBrowser(f.testApp, f.api, admin, { platform: 'meta', teamId, redirect: TENANT_REDIRECT });
    expect(connected.location?.searchParams.get('status')).toBe('success');
    const before = await insights(admin, query, ACCOUNT, teamId).expect(200);
    expect(before.body.meta).toEqual({ source: 'live' });

    // Its own copy, of numbers Meta has revised since: its answer is its own, the first tenant's stays the same.
    f.meta.reportRuns.revise(ACCOUNT, '7402', addDays(since, 4), 5);
    expect(await runImport(admin, teamId, ACCOUNT)).toMatchObject({ status: 'succeeded' });
    const theirs = await insights(admin, query, ACCOUNT, teamId).expect(200);
    expect(theirs.body.meta.source).toBe('local');
    const read: MetaInsightsRead = { level: 'campaign', breakdown: 'age', fields: ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values'], startDate: addDays(since, 1), endDate: until, live: false };
    expectData(theirs.text, await reference(ACCOUNT, read, teamId));
    expect(theirs.body.data).not.toEqual(own.body.data);
    const ownAgain = await insights(viewer, query).expect(200);
    expect(ownAgain.body.data).toEqual(own.body.data);
  });
});
