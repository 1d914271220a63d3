import { connectThroughBrowser, TENANT_REDIRECT } from '../support/connect-flow';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const ACCOUNT = '3001';
const OTHER_ACCOUNT = '3002';

describe('Meta read surface and the per-account permission guard', () => {
  let f: MetaTeamFixture;
  let viewer: MetaTeamFixture['member'];
  let manager: MetaTeamFixture['member'];
  const base = () => `/${f.teamId}/meta`;

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '801',
      name: 'Ada',
      adAccounts: [
        { account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
        { account_id: OTHER_ACCOUNT, name: 'Second', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 },
      ],
    });
    f.meta.setAccountObjects(ACCOUNT, {
      campaigns: [
        { id: '11', name: 'Spring', status: 'ACTIVE', objective: 'OUTCOME_TRAFFIC', daily_budget: '5000' },
        { id: '12', name: 'Summer', status: 'PAUSED', objective: 'OUTCOME_SALES', daily_budget: '2500' },
      ],
      adsets: [
        { id: '21', name: 'Set A', campaign_id: '11', status: 'ACTIVE', daily_budget: '1000' },
        { id: '22', name: 'Set B', campaign_id: '12', status: 'PAUSED', daily_budget: '2000' },
      ],
      ads: [
        { id: '31', name: 'Ad A', campaign_id: '11', adset_id: '21', status: 'ACTIVE' },
        { id: '32', name: 'Ad B', campaign_id: '12', adset_id: '22', status: 'PAUSED' },
      ],
      adcreatives: [{ id: '41', name: 'Creative A', object_story_spec: { page_id: '900' } }],
      pixels: [{ id: '51', name: 'Main pixel' }],
      savedAudiences: [{ id: '61', name: 'Saved' }],
      customAudiences: [{ id: '71', name: 'Custom' }],
    });
    f.meta.setAccountObjects(OTHER_ACCOUNT, { campaigns: [{ id: '99', name: 'Other account campaign', status: 'ACTIVE', objective: 'OUTCOME_AWARENESS' }] });
    f.meta.setInsights(ACCOUNT, [
      { campaign_id: '11', campaign_name: 'Spring', impressions: '1000', clicks: '40', spend: '12.50', gender: 'female', date_start: '2026-11-01', date_stop: '2026-11-07' },
      { campaign_id: '11', campaign_name: 'Spring', impressions: '500', clicks: '10', spend: '7.50', gender: 'male', date_start: '2026-11-01', date_stop: '2026-11-07' },
    ]);
    f.meta.setPages('801', [{ id: '900', name: 'Acme Page' }]);
    f.meta.setLeadForms('900', [{ id: '1900', name: 'Signup form', status: 'ACTIVE', locale: 'EN_US' }]);
    f.meta.setSearchResults('adgeolocation', undefined, [{ key: '2490299', name: 'New York', type: 'city', country_code: 'US' }]);
    f.meta.setSearchResults('adinterest', undefined, [{ id: '6003', name: 'Running', audience_size_lower_bound: 1000, audience_size_upper_bound: 2000 }]);
    f.meta.setSearchResults('adTargetingCategory', 'behaviors', [{ id: '6007', name: 'Frequent travelers', type: 'behaviors' }]);

    await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'viewer', role: 'MEMBER' }, { externalUserId: 'manager', role: 'MEMBER' }] }).expect(200);
    viewer = await f.api.login(f.tenant.apiKey, 'viewer');
    manager = await f.api.login(f.tenant.apiKey, 'manager');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'manager', permission: 'MANAGER' }).expect(201);
  });
  afterAll(() => f.close());

  const get = (who: MetaTeamFixture['member'], path: string) => f.api.as(who, 'get', `${base()}${path}`);

  it('lists campaigns with numbers for budgets, only the asked fields, scoped to the account', async () => {
    const all = await get(f.teamAdmin, `/campaigns?adAccountId=act_${ACCOUNT}`).expect(200);
    expect(all.body.data.map((c: { id: string }) => c.id).sort()).toEqual(['11', '12']);
    expect(all.body.data.find((c: { id: string }) => c.id === '11').daily_budget).toBe(5000);
    const some = await get(f.teamAdmin, `/campaigns?adAccountId=act_${ACCOUNT}&fields=name&campaignId=11,99`).expect(200);
    expect(some.body.data).toEqual([{ id: '11', name: 'Spring' }]);
  });

  it('filters ad sets and ads by campaign and ad set', async () => {
    const adsets = await get(viewer, `/adsets?adAccountId=${ACCOUNT}&campaignId=12`).expect(200);
    expect(adsets.body.data.map((a: { id: string }) => a.id)).toEqual(['22']);
    const ads = await get(viewer, `/ads?adAccountId=${ACCOUNT}&adsetId=21&fields=id,name,campaign_id`).expect(200);
    expect(ads.body.data).toEqual([{ id: '31', name: 'Ad A', campaign_id: '11' }]);
    const creatives = await get(viewer, `/adcreatives?adAccountId=${ACCOUNT}`).expect(200);
    expect(creatives.body.data[0]).toMatchObject({ id: '41', name: 'Creative A' });
  });

  it('reads insights at campaign level with a breakdown, metrics as numbers', async () => {
    const response = await get(viewer, `/insights?adAccountId=${ACCOUNT}&level=campaign&breakdown=gender&fields=impressions,clicks,spend&startDate=2026-11-01&endDate=2026-11-07`).expect(200);
    expect(response.body.data).toHaveLength(2);
    expect(response.body.data[0]).toMatchObject({ campaign_id: '11', impressions: expect.any(Number), spend: expect.any(Number), gender: expect.any(String) });
    const call = f.meta.calls.filter((c) => c.path.endsWith(`/act_${ACCOUNT}/insights`)).pop()!;
    expect(call.query).toMatchObject({ level: 'campaign', breakdowns: 'gender' });
  });

  it.each([
    ['an unknown field', `/campaigns?adAccountId=${ACCOUNT}&fields=name,secret_sauce`],
    ['a non-numeric id filter', `/ads?adAccountId=${ACCOUNT}&adId=abc`],
    ['an unknown insights level', `/insights?adAccountId=${ACCOUNT}&level=galaxy&startDate=2026-11-01&endDate=2026-11-07`],
    ['an unknown breakdown', `/insights?adAccountId=${ACCOUNT}&breakdown=zodiac&startDate=2026-11-01&endDate=2026-11-07`],
    ['start after end', `/insights?adAccountId=${ACCOUNT}&startDate=2026-11-08&endDate=2026-11-07`],
    ['missing dates', `/insights?adAccountId=${ACCOUNT}`],
    ['an unknown query parameter', `/campaigns?adAccountId=${ACCOUNT}&limitless=1`],
  ])('answers 400 for %s without calling Meta', async (_name, path) => {
    const calls = f.meta.calls.length;
    const response = await get(f.teamAdmin, path).expect(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
    expect(f.meta.calls.length).toBe(calls);
  });

  it('lists pages without their tokens, and lead forms read with the page token', async () => {
    const pages = await get(viewer, `/pages?adAccountId=${ACCOUNT}`).expect(200);
    expect(pages.body.data).toEqual([expect.objectContaining({ id: '900', name: 'Acme Page' })]);
    expect(JSON.stringify(pages.body)).not.toContain('access_token');
    const forms = await get(viewer, `/lead-form?adAccountId=${ACCOUNT}&pageId=900`).expect(200);
    expect(forms.body.data).toEqual([expect.objectContaining({ id: '1900', name: 'Signup form' })]);
    const formCall = f.meta.calls.filter((c) => c.path.endsWith('/900/leadgen_forms')).pop()!;
    expect(formCall.query.access_token).toBe(f.meta.pageAccessToken('801', '900'));
    await get(viewer, `/lead-form?adAccountId=${ACCOUNT}`).expect(200);
    await get(viewer, `/lead-form?adAccountId=${ACCOUNT}&pageId=12345`).expect(404);
  });

  it('reads pixels and audiences', async () => {
    expect((await get(viewer, `/pixels?adAccountId=${ACCOUNT}`).expect(200)).body.data[0]).toMatchObject({ id: '51' });
    expect((await get(viewer, `/savedAudience?adAccountId=${ACCOUNT}`).expect(200)).body.data[0]).toMatchObject({ id: '61' });
    expect((await get(viewer, `/customAudience?adAccountId=${ACCOUNT}`).expect(200)).body.data[0]).toMatchObject({ id: '71' });
  });

  it.each([
    ['location', 'new', 'adgeolocation', undefined, '2490299'],
    ['interest', 'run', 'adinterest', undefined, '6003'],
    ['behavior', 'travel', 'adTargetingCategory', 'behaviors', '6007'],
  ])('targeting search %s (query %p) goes to Graph type %s', async (type, query, graphType, cls, id) => {
    const response = await f.api.as(viewer, 'post', `${base()}/targeting/search?adAccountId=${ACCOUNT}`).send({ type, query }).expect(200);
    expect(response.body.data[0]).toMatchObject({ id, name: expect.any(String) });
    const call = f.meta.calls.filter((c) => c.path.endsWith('/search')).pop()!;
    expect(call.query.type).toBe(graphType);
    expect(call.query.class).toBe(cls);
  });

  it('refuses an unknown targeting type', async () => {
    await f.api.as(viewer, 'post', `${base()}/targeting/search?adAccountId=${ACCOUNT}`).send({ type: 'zodiac', query: 'leo' }).expect(400);
  });

  describe('campaign status and the permission rules', () => {
    const patch = (who: MetaTeamFixture['member'], campaignId = '11', status = 'PAUSED', account = ACCOUNT) =>
      f.api.as(who, 'patch', `${base()}/campaign/${campaignId}?adAccountId=${account}`).send({ status });

    it('a MANAGER pauses a campaign', async () => {
      const response = await patch(manager).expect(200);
      expect(response.body.data).toEqual({ id: '11', status: 'PAUSED' });
      expect(f.meta.campaignStatus('11')).toBe('PAUSED');
    });

    it('a VIEWER cannot write; a member without permission cannot read; an outsider sees nothing', async () => {
      await patch(viewer, '11', 'ACTIVE').expect(403);
      await get(f.member, `/campaigns?adAccountId=${ACCOUNT}`).expect(403);
      await get(f.outsider, `/campaigns?adAccountId=${ACCOUNT}`).expect(404);
      expect(f.meta.campaignStatus('11')).toBe('PAUSED');
    });

    it("a VIEWER of one account has nothing on the team's other account", async () => {
      await get(viewer, `/campaigns?adAccountId=${OTHER_ACCOUNT}`).expect(403);
    });

    it('a campaign of another account is not found; a bad status is a 400', async () => {
      await patch(f.teamAdmin, '99').expect(404);
      await patch(f.teamAdmin, '11', 'DELETED').expect(400);
      await patch(f.teamAdmin, 'abc').expect(400);
    });

    it('an account of another team is refused', async () => {
      f.meta.consentAs('801');
      const outcome = await connectThroughBrowser(f.testApp, f.api, f.wsAdmin, { platform: 'meta', teamId: f.otherTeamId, redirect: TENANT_REDIRECT });
      expect(outcome.location!.searchParams.get('status')).toBe('success');
      // The account exists in the other team too, but the viewer's permission is on this team's row only.
      await f.api.as(viewer, 'get', `/${f.otherTeamId}/meta/campaigns?adAccountId=${ACCOUNT}`).expect(404);
      await f.api.as(f.teamAdmin, 'get', `/${f.otherTeamId}/meta/campaigns?adAccountId=${ACCOUNT}`).expect(404);
    });

    it('without adAccountId: 400 when the team has several Meta accounts', async () => {
      const response = await get(f.teamAdmin, '/campaigns').expect(400);
      expect(response.body.error.details[0]).toContain('several');
    });

    it('an unknown account of the team is a 404; a malformed one a 400', async () => {
      await get(f.teamAdmin, '/campaigns?adAccountId=act_424242').expect(404);
      await get(f.teamAdmin, "/campaigns?adAccountId=act_1'--").expect(400);
    });
  });

  it('a platform rate limit is surfaced as 429 with Retry-After', async () => {
    f.meta.failNext('rate-limit', 1);
    const response = await get(f.teamAdmin, `/campaigns?adAccountId=${ACCOUNT}`).expect(429);
    expect(response.body.error.code).toBe('PLATFORM_RATE_LIMITED');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
