import type { UserSession } from '../support/api-client';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const ACCOUNT = '6001';
const YEN_ACCOUNT = '6002';
const REPEATING_ACCOUNT = '6003';
const HISTORY_DAYS = 40;
const BREAKDOWNS = ['', 'gender', 'age', 'country', 'publisher_platform', 'impression_device'];
const DAY_MS = 24 * 60 * 60 * 1000;

type Row = Record<string, unknown>;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const sorted = (rows: Row[], breakdown: string) =>
  [...rows].sort((a, b) => `${String(a.campaign_id)}|${breakdown ? String(a[breakdown]) : ''}`.localeCompare(`${String(b.campaign_id)}|${breakdown ? String(b[breakdown]) : ''}`));

describe('Meta import: daily campaign insights, and insights read from the copy', () => {
  let f: MetaTeamFixture;
  let viewer: UserSession;
  let member: UserSession;
  let since: string;
  let until: string;

  beforeAll(async () => {
    f = await startMetaTeam(
      {
        id: '961',
        name: 'Ada',
        adAccounts: [
          { account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'UTC', account_status: 1 },
          { account_id: YEN_ACCOUNT, name: 'Tokyo', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 },
          { account_id: REPEATING_ACCOUNT, name: 'Paged twice', currency: 'USD', timezone_name: 'UTC', account_status: 1 },
        ],
      },
      { IMPORT_HISTORY_DAYS: String(HISTORY_DAYS) },
    );
    f.meta.pageSize = 60;
    const campaigns = [
      { id: '7101', name: 'Spring' },
      { id: '7102', name: 'Summer' },
      { id: '7103', name: 'Autumn' },
    ];
    f.meta.setAccountObjects(ACCOUNT, { campaigns: campaigns.map((c) => ({ ...c, status: 'ACTIVE', daily_budget: '5000' })) });
    f.meta.reportRuns.setModel(ACCOUNT, { campaigns });
    const yen = [
      { id: '7201', name: 'Sakura' },
      { id: '7202', name: 'Fuji' },
    ];
    f.meta.setAccountObjects(YEN_ACCOUNT, { campaigns: yen.map((c) => ({ ...c, status: 'ACTIVE', daily_budget: '3000' })) });
    f.meta.reportRuns.setModel(YEN_ACCOUNT, { campaigns: yen, seed: 7 });
    const repeating = [{ id: '7301', name: 'Echo' }];
    f.meta.setAccountObjects(REPEATING_ACCOUNT, { campaigns: repeating.map((c) => ({ ...c, status: 'ACTIVE', daily_budget: '1000' })) });
    f.meta.reportRuns.setModel(REPEATING_ACCOUNT, { campaigns: repeating, seed: 11 });

    const added = await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'viewer', role: 'MEMBER' }] });
    expect(added.status).toBeLessThan(300);
    viewer = await f.api.login(f.tenant.apiKey, 'viewer');
    member = f.member;
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
  });
  afterAll(() => f.close());

  const insights = (who: UserSession, query: string, account = ACCOUNT) => f.api.as(who, 'get', `/${f.teamId}/meta/insights?adAccountId=act_${account}&${query}`);
  const range = (start: string, end: string, breakdown = '', extra = '') => `level=campaign&startDate=${start}&endDate=${end}${breakdown ? `&breakdown=${breakdown}` : ''}${extra}`;

  async function runImport(account: string, mode?: 'full' | 'resync'): Promise<Record<string, any>> {
    const started = await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import?adAccountId=act_${account}${mode ? `&mode=${mode}` : ''}`).expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const body = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports/${started.body.data.importId}`).expect(200)).body.data;
      if (body.status === 'succeeded' || body.status === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`import still ${body.status}: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function accountUuid(account: string): Promise<string> {
    return (await f.testApp.query<{ id: string }>(`SELECT id FROM ad_accounts WHERE account_id = $1 AND team_id = $2`, [account, f.teamId]))[0].id;
  }

  /** The same read live (`live=true`) and from the copy: both answers, after checking where each came from. */
  async function liveAndLocal(query: string, account = ACCOUNT, breakdown = ''): Promise<{ live: Row[]; local: Row[] }> {
    const live = await insights(f.teamAdmin, `${query}&live=true`, account).expect(200);
    expect(live.body.meta).toEqual({ source: 'live' });
    const local = await insights(f.teamAdmin, query, account).expect(200);
    expect(local.body.meta).toEqual({ source: 'local', syncedAt: expect.any(String) });
    return { live: sorted(live.body.data, breakdown), local: sorted(local.body.data, breakdown) };
  }

  function resultReads(fromCall: number): Array<{ path: string; after?: string }> {
    return f.meta.calls
      .slice(fromCall)
      .filter((call) => call.method === 'GET' && /^\/v\d+\.\d+\/\d+\/insights$/.test(call.path))
      .map((call) => ({ path: call.path, after: call.query.after }));
  }

  it('reads insights live while the account has no copy', async () => {
    const response = await insights(viewer, range('2026-10-01', '2026-10-07', 'gender')).expect(200);
    expect(response.body.meta).toEqual({ source: 'live' });
    expect(response.body.data.length).toBeGreaterThan(0);
  });

  it('copies 40 days of daily rows, plain and per breakdown, through one async report each', async () => {
    const calls = f.meta.calls.length;
    const reports = f.meta.reportRuns.created.length;
    const done = await runImport(ACCOUNT);
    expect(done).toMatchObject({ status: 'succeeded', error: null, progress: { insights: { done: expect.any(Number) } } });

    const coverage = await f.testApp.query<{ since: string; until: string; currency: string }>(
      `SELECT since::text AS since, until::text AS until, currency FROM meta_campaign_insight_coverage WHERE ad_account_id = $1`,
      [await accountUuid(ACCOUNT)],
    );
    ({ since, until } = coverage[0]);
    expect(coverage[0]).toEqual({ since: addDays(until, -(HISTORY_DAYS - 1)), until, currency: 'USD' });
    expect(until).toBe(new Date().toISOString().slice(0, 10));

    expect(f.meta.reportRuns.created.length - reports).toBe(6);
    const posts = f.meta.calls.slice(calls).filter((call) => call.method === 'POST' && call.path.endsWith(`/act_${ACCOUNT}/insights`));
    expect(posts.map((call) => call.body.breakdowns ?? '').sort()).toEqual([...BREAKDOWNS].sort());
    for (const post of posts) expect(post.body).toMatchObject({ level: 'campaign', time_increment: '1', time_range: JSON.stringify({ since, until }) });
    // Every results page is read once.
    const reads = resultReads(calls);
    expect(new Set(reads.map((read) => `${read.path}|${read.after}`)).size).toBe(reads.length);
    expect(done.progress.insights.done).toBeGreaterThan(HISTORY_DAYS * 3);

    // Each breakdown's rows add up to the plain day of the campaign; counts and money are integers.
    const sums = await f.testApp.query<{ breakdown: string; impressions: string; spend: string; days: number }>(
      `SELECT breakdown, sum(impressions)::text AS impressions, sum(spend)::text AS spend, count(DISTINCT (campaign_id, date))::int AS days
         FROM meta_campaign_insights WHERE ad_account_id = $1 GROUP BY breakdown ORDER BY breakdown`,
      [await accountUuid(ACCOUNT)],
    );
    expect(sums).toHaveLength(6);
    for (const sum of sums) expect({ impressions: sum.impressions, spend: sum.spend, days: sum.days }).toEqual({ impressions: sums[0].impressions, spend: sums[0].spend, days: sums[0].days });
  });

  it('answers campaign-level reads from the copy with the numbers Meta answers live, for every breakdown and range', async () => {
    const ranges: Array<[string, string]> = [
      [since, until],
      [addDays(until, -6), until],
      [addDays(since, 10), addDays(since, 20)],
      [addDays(since, 3), addDays(since, 3)],
    ];
    for (const breakdown of BREAKDOWNS) {
      for (const [start, end] of ranges) {
        const { live, local } = await liveAndLocal(range(start, end, breakdown), ACCOUNT, breakdown);
        expect(local.length).toBeGreaterThan(0);
        expect(local).toEqual(live);
      }
    }
    const fields = '&fields=impressions,clicks,spend,cpm,cpc,ctr,actions,action_values,campaign_name,date_start';
    const { live, local } = await liveAndLocal(range(addDays(until, -13), until, 'age', fields), ACCOUNT, 'age');
    expect(local).toEqual(live);
    expect(local[0]).toEqual({
      campaign_id: '7101',
      campaign_name: 'Spring',
      age: '18-24',
      impressions: expect.any(Number),
      clicks: expect.any(Number),
      spend: expect.any(Number),
      cpm: expect.any(Number),
      cpc: expect.any(Number),
      ctr: expect.any(Number),
      actions: expect.arrayContaining([{ action_type: 'link_click', value: expect.any(Number) }]),
      action_values: expect.any(Array),
      date_start: addDays(until, -13),
      date_stop: until,
    });
  });

  it('reads live for other levels, fields Meta counts uniquely, ranges outside the copy, and live=true', async () => {
    const cases = [
      `level=adset&startDate=${until}&endDate=${until}`,
      range(addDays(until, -3), until, '', '&fields=impressions,reach'),
      range(addDays(since, -1), until),
      range(since, until, 'gender', '&live=true'),
    ];
    for (const query of cases) {
      const response = await insights(viewer, query).expect(200);
      expect(response.body.meta).toEqual({ source: 'live' });
    }
    const local = await insights(viewer, range(since, until, 'gender')).expect(200);
    expect(local.body.meta.source).toBe('local');
  });

  it('refuses a member without a permission on the account, another team and another account, also for local reads', async () => {
    const forbidden = await insights(member, range(since, until)).expect(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(forbidden.body)).not.toContain('impressions');
    const outsider = await f.api.as(f.outsider, 'get', `/${f.teamId}/meta/insights?adAccountId=act_${ACCOUNT}&${range(since, until)}`).expect(404);
    expect(outsider.body.error.code).toBe('NOT_FOUND');
    const otherTeam = await f.api.as(f.wsAdmin, 'get', `/${f.otherTeamId}/meta/insights?adAccountId=act_${ACCOUNT}&${range(since, until)}`).expect(404);
    expect(otherTeam.body.data).toBeUndefined();
    // The viewer may read this account, not the other one of the team.
    await insights(viewer, range(since, until), YEN_ACCOUNT).expect(403);
  });

  it('a resync copies the recent days again and leaves older days alone', async () => {
    const recentDay = addDays(until, -2);
    const oldDay = addDays(since, 2);
    const day = (date: string) => range(date, date);
    const oldBefore = (await insights(f.teamAdmin, day(oldDay)).expect(200)).body.data;
    const owner = await accountUuid(ACCOUNT);
    const syncedBefore = await f.testApp.query<{ synced_at: Date }>(`SELECT max(synced_at) AS synced_at FROM meta_campaign_insights WHERE ad_account_id = $1 AND date = $2`, [owner, oldDay]);
    f.meta.reportRuns.revise(ACCOUNT, '7101', recentDay, 3);
    f.meta.reportRuns.revise(ACCOUNT, '7101', oldDay, 3);
    // A day Meta no longer reports (a campaign deleted since): the resync drops it.
    await f.testApp.query(
      `INSERT INTO meta_campaign_insights (tenant_id, ad_account_id, breakdown, date, campaign_id, breakdown_value, impressions, clicks, spend)
       SELECT tenant_id, id, 'none', $2::date, '7999', '', 100, 1, 100 FROM ad_accounts WHERE id = $1`,
      [owner, recentDay],
    );

    const calls = f.meta.calls.length;
    const done = await runImport(ACCOUNT, 'resync');
    expect(done).toMatchObject({ status: 'succeeded', mode: 'resync' });
    const posts = f.meta.calls.slice(calls).filter((call) => call.method === 'POST' && call.path.endsWith(`/act_${ACCOUNT}/insights`));
    expect(posts).toHaveLength(6);
    for (const post of posts) expect(post.body.time_range).toBe(JSON.stringify({ since: addDays(until, -27), until }));

    for (const breakdown of ['', 'gender']) {
      const recent = await liveAndLocal(range(recentDay, recentDay, breakdown), ACCOUNT, breakdown);
      expect(recent.local).toEqual(recent.live);
      const whole = await liveAndLocal(range(addDays(until, -27), until, breakdown), ACCOUNT, breakdown);
      expect(whole.local).toEqual(whole.live);
    }
    const oldNow = await liveAndLocal(day(oldDay));
    expect(oldNow.local).toEqual(oldBefore);
    expect(oldNow.local).not.toEqual(oldNow.live);
    const syncedAfter = await f.testApp.query<{ synced_at: Date }>(`SELECT max(synced_at) AS synced_at FROM meta_campaign_insights WHERE ad_account_id = $1 AND date = $2`, [owner, oldDay]);
    expect(syncedAfter[0].synced_at).toEqual(syncedBefore[0].synced_at);
    expect(await f.testApp.query(`SELECT 1 FROM meta_campaign_insights WHERE ad_account_id = $1 AND campaign_id = '7999'`, [owner])).toEqual([]);
    // The copy still covers the whole history.
    const coverage = await f.testApp.query<{ since: string }>(`SELECT since::text AS since FROM meta_campaign_insight_coverage WHERE ad_account_id = $1`, [owner]);
    expect(coverage[0].since).toBe(since);
  });

  it('a run that fails half-way resumes after its last committed pages: no committed page read again, no row twice', async () => {
    const owner = await accountUuid(ACCOUNT);
    const rowsBefore = await f.testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM meta_campaign_insights WHERE ad_account_id = $1`, [owner]);
    const calls = f.meta.calls.length;
    const reports = f.meta.reportRuns.created.length;
    // The 5th results page of the age report fails on every try the Graph client makes: the attempt ends (the
    // breakdown copied beside it stops after its page), the import is retried.
    f.meta.reportRuns.failResultPages(3, 4, 'age');
    const done = await runImport(ACCOUNT, 'resync');
    expect(done).toMatchObject({ status: 'succeeded' });
    const attempts = await f.testApp.query<{ attempts: number }>(`SELECT attempts FROM imports WHERE id = $1`, [done.id]);
    expect(attempts[0].attempts).toBe(2);

    expect(f.meta.reportRuns.created.length - reports).toBe(6);
    const reads = resultReads(calls).map((read) => `${read.path}|${read.after}`);
    const timesRead = (read: string) => reads.filter((other) => other === read).length;
    const repeated = [...new Set(reads)].filter((read) => timesRead(read) > 1);
    // The failed page: three failed tries, then once more by the retry. At most one other page per other lane (two)
    // is read twice: the one its breakdown had read ahead, not yet written, when the attempt stopped.
    const counts = repeated.map(timesRead).sort();
    expect(counts.filter((times) => times === 4)).toEqual([4]);
    expect(counts.filter((times) => times !== 4).length).toBeLessThanOrEqual(2);
    for (const times of counts.filter((n) => n !== 4)) expect(times).toBe(2);

    const rowsAfter = await f.testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM meta_campaign_insights WHERE ad_account_id = $1`, [owner]);
    expect(rowsAfter[0].n).toBe(rowsBefore[0].n);
    const duplicates = await f.testApp.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM meta_campaign_insight_series WHERE ad_account_id = $1 GROUP BY breakdown, campaign_id, breakdown_value HAVING count(*) > 1) d`,
      [owner],
    );
    expect(duplicates[0].n).toBe(0);
    // Within the resynced days (an older day was revised at Meta after the copy, on purpose).
    const { live, local } = await liveAndLocal(range(addDays(until, -27), until, 'country'), ACCOUNT, 'country');
    expect(local).toEqual(live);
  });

  it('a full import over the stored copy rewrites its days and drops those Meta no longer reports', async () => {
    const owner = await accountUuid(ACCOUNT);
    const count = async () =>
      (await f.testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM meta_campaign_insights WHERE ad_account_id = $1`, [owner]))[0].n;
    const rowsBefore = await count();
    const revisedDay = addDays(since, 3);
    f.meta.reportRuns.revise(ACCOUNT, '7102', revisedDay, 2);
    await f.testApp.query(
      `INSERT INTO meta_campaign_insights (tenant_id, ad_account_id, breakdown, date, campaign_id, breakdown_value, impressions, clicks, spend)
       SELECT tenant_id, id, 'age', $2::date, '7998', '25-34', 100, 1, 100 FROM ad_accounts WHERE id = $1`,
      [owner, addDays(since, 5)],
    );

    const done = await runImport(ACCOUNT, 'full');
    expect(done).toMatchObject({ status: 'succeeded', mode: 'full' });
    expect(await f.testApp.query(`SELECT 1 FROM meta_campaign_insights WHERE ad_account_id = $1 AND campaign_id = '7998'`, [owner])).toEqual([]);
    expect(await count()).toBe(rowsBefore);
    for (const breakdown of ['', 'age']) {
      const revised = await liveAndLocal(range(revisedDay, revisedDay, breakdown), ACCOUNT, breakdown);
      expect(revised.local).toEqual(revised.live);
      const whole = await liveAndLocal(range(since, until, breakdown), ACCOUNT, breakdown);
      expect(whole.local).toEqual(whole.live);
    }
  });

  it('a first copy whose result pages repeat a row stores it once (the page is written again as an upsert)', async () => {
    f.meta.reportRuns.repeatRowsAcrossPages('gender');
    f.meta.reportRuns.repeatRowsAcrossPages('none');
    const calls = f.meta.calls.length;
    expect(await runImport(REPEATING_ACCOUNT)).toMatchObject({ status: 'succeeded', mode: 'full' });
    // The repeat really happened: more than one results page of each of those reports.
    expect(resultReads(calls).filter((read) => read.after !== undefined).length).toBeGreaterThan(2);
    const owner = await accountUuid(REPEATING_ACCOUNT);
    const rows = await f.testApp.query<{ breakdown: string; n: number; keys: number }>(
      `SELECT breakdown, count(*)::int AS n, count(DISTINCT (campaign_id, breakdown_value, date))::int AS keys
         FROM meta_campaign_insights WHERE ad_account_id = $1 GROUP BY breakdown ORDER BY breakdown`,
      [owner],
    );
    const byBreakdown = Object.fromEntries(rows.map((row) => [row.breakdown, row]));
    // One row per key (a repeated row written twice would have failed the import or doubled the sums below).
    for (const breakdown of ['none', 'gender']) expect(byBreakdown[breakdown].n).toBe(byBreakdown[breakdown].keys);
    expect(byBreakdown.none.n).toBeGreaterThan(f.meta.pageSize / 2);
    expect(byBreakdown.gender.n).toBeGreaterThan(f.meta.pageSize);
    for (const breakdown of ['', 'gender']) {
      const whole = await liveAndLocal(range(addDays(until, -(HISTORY_DAYS - 1)), until, breakdown), REPEATING_ACCOUNT, breakdown);
      expect(whole.local).toEqual(whole.live);
    }
  });

  it('copies a JPY account in yen; a failed report is asked again, one that keeps failing fails the import and keeps the copy', async () => {
    f.meta.reportRuns.failNextReports(1);
    const reports = f.meta.reportRuns.created.length;
    expect(await runImport(YEN_ACCOUNT)).toMatchObject({ status: 'succeeded' });
    expect(f.meta.reportRuns.created.length - reports).toBe(7);
    const rows = await f.testApp.query<{ spend: string; currency: string }>(
      `SELECT spend::text AS spend, currency FROM meta_campaign_insights WHERE ad_account_id = $1 AND breakdown = 'none' LIMIT 1`,
      [await accountUuid(YEN_ACCOUNT)],
    );
    expect(rows[0].currency).toBe('JPY');
    const yenRange = range(addDays(until, -20), addDays(until, -1), 'publisher_platform');
    const before = await liveAndLocal(yenRange, YEN_ACCOUNT, 'publisher_platform');
    expect(before.local).toEqual(before.live);
    for (const row of before.local) expect(Number.isInteger(row.spend)).toBe(true);

    // The next ten reports fail: the six asked at the start and the first new ones the lanes ask, so a breakdown's
    // report fails three times.
    f.meta.reportRuns.failNextReports(10);
    const failed = await runImport(YEN_ACCOUNT, 'resync');
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'PLATFORM_ERROR', message: expect.stringContaining('Job Failed') } });
    const after = await insights(f.teamAdmin, yenRange, YEN_ACCOUNT).expect(200);
    expect(after.body.meta.source).toBe('local');
    expect(sorted(after.body.data, 'publisher_platform')).toEqual(before.local);
  });

  it('removing an ad account removes its insights and running totals, and only its own', async () => {
    const yen = await accountUuid(YEN_ACCOUNT);
    const main = await accountUuid(ACCOUNT);
    const count = async (table: string, account: string) =>
      (await f.testApp.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ad_account_id = $1`, [account]))[0].n;
    const mainBefore = [await count('meta_campaign_insights', main), await count('meta_campaign_insight_series', main)];
    expect(await count('meta_campaign_insights', yen)).toBeGreaterThan(0);
    expect(await count('meta_campaign_insight_series', yen)).toBeGreaterThan(0);

    await f.api.as(f.teamAdmin, 'delete', `/connections/${yen}/remove-connection`).expect(200);

    expect(await count('meta_campaign_insights', yen)).toBe(0);
    expect(await count('meta_campaign_insight_series', yen)).toBe(0);
    expect([await count('meta_campaign_insights', main), await count('meta_campaign_insight_series', main)]).toEqual(mainBefore);
  });

  it('keeps answering from the copy while Meta is down', async () => {
    const query = range(addDays(until, -9), until, 'impression_device');
    const before = sorted((await insights(viewer, query).expect(200)).body.data, 'impression_device');
    await f.meta.close();
    const down = await insights(viewer, query).expect(200);
    expect(down.body.meta.source).toBe('local');
    expect(sorted(down.body.data, 'impression_device')).toEqual(before);
    const live = await insights(viewer, `${query}&live=true`).expect(502);
    expect(live.body.error.code).toBe('PLATFORM_ERROR');
  });
});

describe('Meta import: a short insights history is read with the synchronous insights edge', () => {
  let f: MetaTeamFixture;

  beforeAll(async () => {
    f = await startMetaTeam(
      { id: '962', name: 'Lin', adAccounts: [{ account_id: ACCOUNT, name: 'Main', currency: 'EUR', timezone_name: 'Europe/Berlin', account_status: 1 }] },
      { IMPORT_HISTORY_DAYS: '5' },
    );
    f.meta.pageSize = 25;
    const campaigns = [{ id: '7301', name: 'Winter' }];
    f.meta.setAccountObjects(ACCOUNT, { campaigns: campaigns.map((c) => ({ ...c, status: 'ACTIVE' })) });
    f.meta.reportRuns.setModel(ACCOUNT, { campaigns, seed: 3, gaps: false });
  });
  afterAll(() => f.close());

  it('copies the days without a report and answers from them', async () => {
    const started = await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/meta/import?adAccountId=act_${ACCOUNT}`).expect(202);
    let done: Record<string, any> = {};
    for (let i = 0; i < 300 && !['succeeded', 'failed'].includes(done.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = (await f.api.as(f.teamAdmin, 'get', `/${f.teamId}/imports/${started.body.data.importId}`).expect(200)).body.data;
    }
    expect(done).toMatchObject({ status: 'succeeded', progress: { insights: { done: 5 * (1 + 3 + 6 + 5 + 4 + 4) } } });
    expect(f.meta.reportRuns.created).toHaveLength(0);
    const edgeReads = f.meta.calls.filter((call) => call.path.endsWith(`/act_${ACCOUNT}/insights`));
    expect(edgeReads.every((call) => call.method === 'GET' && call.query.time_increment === '1')).toBe(true);

    const coverage = (await f.testApp.query<{ since: string; until: string }>(`SELECT since::text AS since, until::text AS until FROM meta_campaign_insight_coverage`))[0];
    expect(coverage.since).toBe(addDays(coverage.until, -4));
    const query = `/${f.teamId}/meta/insights?adAccountId=act_${ACCOUNT}&level=campaign&breakdown=age&startDate=${coverage.since}&endDate=${coverage.until}`;
    const local = await f.api.as(f.teamAdmin, 'get', query).expect(200);
    const live = await f.api.as(f.teamAdmin, 'get', `${query}&live=true`).expect(200);
    expect(local.body.meta.source).toBe('local');
    expect(sorted(local.body.data, 'age')).toEqual(sorted(live.body.data, 'age'));
  });
});
