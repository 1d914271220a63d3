import type { FakeLaunchObject } from '../fakes/meta-fake-launch';
import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const USD = '3001';
const JPY = '3002';
const PAGE = '900';
const IG_USER = '17841400000001';

type Kind = 'lead' | 'traffic' | 'sales' | 'awareness' | 'engagement';
type Body = Record<string, unknown>;

const targeting = {
  ageMin: 18,
  ageMax: 35,
  genders: [2],
  geoLocations: [
    { type: 'country', id: 'US' },
    { type: 'city', id: '2490299' },
  ],
  excludedGeoLocations: [{ type: 'region', id: '3847' }],
  interests: [{ id: '6003', name: 'Running' }],
  behaviors: [{ id: '6007' }],
  relationshipStatuses: [1],
  educationStatuses: ['9'],
  locales: [6],
};
const creatives = {
  primaryText: 'Check out our website!',
  headline: 'Best Products',
  callToAction: 'LEARN_MORE',
  imageUrl: 'https://images.example.com/ad.jpg',
  description: 'Free shipping',
  url: 'https://example.com',
};
const common = (name: string): Body => ({
  campaignName: name,
  status: 'PAUSED',
  budget: 100,
  adSetName: `${name} set`,
  pageId: PAGE,
  audienceId: ['2384'],
  targeting,
  creatives,
  instagramActorId: IG_USER,
});

const bodies: Record<Kind, (name: string) => Body> = {
  lead: (name) => ({ ...common(name), leadFormId: '1900', creatives: { ...creatives, callToAction: 'SIGN_UP' } }),
  traffic: (name) => ({ ...common(name), optimizationGoal: 'LANDING_PAGE_VIEWS', conversionLocation: 'WEBSITE' }),
  sales: (name) => ({
    ...common(name),
    pixelId: '1391191359009715',
    conversionEvent: 'PURCHASE',
    conversionLocation: 'WEBSITE',
    creatives: { ...creatives, callToAction: 'SHOP_NOW' },
  }),
  awareness: (name) => ({ ...common(name), optimizationGoal: 'REACH', specialAdCategories: ['NONE'], startDate: '2026-12-01', endDate: '2026-12-10' }),
  engagement: (name) => {
    const { url: _url, ...noUrl } = creatives;
    return { ...common(name), conversionLocation: 'ON_AD', engagementType: 'POST_ENGAGEMENT', optimizationGoal: 'POST_ENGAGEMENT', creatives: noUrl };
  },
};

/** What Meta must receive for each kind. */
const expected: Record<Kind, { objective: string; goal: string; destination?: string; promoted: Record<string, string>; cta: Record<string, unknown> }> = {
  lead: {
    objective: 'OUTCOME_LEADS',
    goal: 'LEAD_GENERATION',
    destination: 'ON_AD',
    promoted: { page_id: PAGE },
    cta: { type: 'SIGN_UP', value: { lead_gen_form_id: '1900' } },
  },
  traffic: {
    objective: 'OUTCOME_TRAFFIC',
    goal: 'LANDING_PAGE_VIEWS',
    destination: 'WEBSITE',
    promoted: {},
    cta: { type: 'LEARN_MORE', value: { link: 'https://example.com' } },
  },
  sales: {
    objective: 'OUTCOME_SALES',
    goal: 'OFFSITE_CONVERSIONS',
    destination: 'WEBSITE',
    promoted: { pixel_id: '1391191359009715', custom_event_type: 'PURCHASE' },
    cta: { type: 'SHOP_NOW', value: { link: 'https://example.com' } },
  },
  awareness: { objective: 'OUTCOME_AWARENESS', goal: 'REACH', promoted: { page_id: PAGE }, cta: { type: 'LEARN_MORE', value: { link: 'https://example.com' } } },
  engagement: {
    objective: 'OUTCOME_ENGAGEMENT',
    goal: 'POST_ENGAGEMENT',
    destination: 'ON_POST',
    promoted: { page_id: PAGE },
    cta: { type: 'LEARN_MORE', value: { link: `https://www.facebook.com/${PAGE}` } },
  },
};

const TARGETING_SPEC = {
  geo_locations: { countries: ['US'], cities: [{ key: '2490299' }] },
  excluded_geo_locations: { regions: [{ key: '3847' }] },
  age_min: 18,
  age_max: 35,
  genders: [2],
  locales: [6],
  relationship_statuses: [1],
  education_statuses: [9],
  flexible_spec: [{ interests: [{ id: '6003', name: 'Running' }], behaviors: [{ id: '6007' }] }],
  custom_audiences: [{ id: '2384' }],
  targeting_automation: { advantage_audience: 0 },
};

describe('Meta campaign launches', () => {
  let f: MetaTeamFixture;
  let viewer: MetaTeamFixture['member'];
  let manager: MetaTeamFixture['member'];
  const url = (kind: string, account = USD, extra = '') => `/${f.teamId}/meta/campaign/${kind}?adAccountId=act_${account}${extra}`;
  const launch = (who: MetaTeamFixture['member'], kind: string, body: Body, account = USD, extra = '') => f.api.as(who, 'post', url(kind, account, extra)).send(body);
  const live = (account = USD) => f.meta.launches.createdObjects(account);
  const liveCount = (account = USD) => Object.values(live(account)).flat().length;
  const rows = (campaignId?: string) =>
    campaignId === undefined
      ? f.testApp.query('SELECT * FROM meta_campaign_launches')
      : f.testApp.query('SELECT * FROM meta_campaign_launches WHERE campaign_id = $1', [campaignId]);
  const byId = (objects: FakeLaunchObject[], id: string) => objects.find((object) => object.id === id)!;

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '801',
      name: 'Ada',
      adAccounts: [
        { account_id: USD, name: 'Main', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 },
        { account_id: JPY, name: 'Tokyo', currency: 'JPY', timezone_name: 'Asia/Tokyo', account_status: 1 },
      ],
    });
    await f.api.as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`).send({ members: [{ externalUserId: 'viewer', role: 'MEMBER' }, { externalUserId: 'manager', role: 'MEMBER' }] }).expect(200);
    viewer = await f.api.login(f.tenant.apiKey, 'viewer');
    manager = await f.api.login(f.tenant.apiKey, 'manager');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${USD}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${USD}`, externalUserId: 'manager', permission: 'MANAGER' }).expect(201);
  });
  afterAll(() => f.close());

  it.each(Object.keys(bodies) as Kind[])('%s: a MANAGER launches campaign → ad set → creative → ad with the right Graph params', async (kind) => {
    const response = await launch(manager, kind, bodies[kind](`${kind} launch`)).expect(201);
    const ids = response.body.data as { campaignId: string; adSetId: string; creativeId: string; adId: string };
    expect(Object.keys(ids).sort()).toEqual(['adId', 'adSetId', 'campaignId', 'creativeId']);
    const objects = live();
    const campaign = byId(objects.campaigns, ids.campaignId);
    const adset = byId(objects.adsets, ids.adSetId);
    const creative = byId(objects.adcreatives, ids.creativeId);
    const ad = byId(objects.ads, ids.adId);
    const want = expected[kind];

    expect(campaign.fields).toEqual({
      name: `${kind} launch`,
      objective: want.objective,
      status: 'PAUSED',
      buying_type: 'AUCTION',
      special_ad_categories: ['NONE'],
      is_adset_budget_sharing_enabled: false,
    });
    expect(campaign.params.is_adset_budget_sharing_enabled).toBe('false');
    expect(campaign.params).not.toHaveProperty('daily_budget');

    expect(adset.params.daily_budget).toBe('10000');
    expect(adset.fields).toMatchObject({
      name: `${kind} launch set`,
      campaign_id: ids.campaignId,
      billing_event: 'IMPRESSIONS',
      optimization_goal: want.goal,
      bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
      status: 'ACTIVE',
      targeting: TARGETING_SPEC,
    });
    expect(adset.fields.destination_type).toBe(want.destination);
    if (Object.keys(want.promoted).length > 0) expect(adset.fields.promoted_object).toEqual(want.promoted);
    else expect(adset.fields).not.toHaveProperty('promoted_object');

    const spec = creative.fields.object_story_spec as Record<string, Record<string, unknown>>;
    expect(spec.page_id).toBe(PAGE);
    expect(spec.instagram_user_id).toBe(IG_USER);
    expect(JSON.stringify(creative.params)).not.toContain('instagram_actor_id');
    expect(spec.link_data).toMatchObject({ message: 'Check out our website!', name: 'Best Products', picture: 'https://images.example.com/ad.jpg', call_to_action: want.cta });

    expect(ad.fields).toMatchObject({ adset_id: ids.adSetId, creative: { creative_id: ids.creativeId }, status: 'ACTIVE' });

    const [row] = await rows(ids.campaignId);
    const [account] = await f.testApp.query<{ id: string }>('SELECT id FROM ad_accounts WHERE team_id = $1 AND account_id = $2', [f.teamId, USD]);
    const [user] = await f.testApp.query<{ id: string }>('SELECT id FROM users WHERE external_user_id = $1', ['manager']);
    expect(row).toMatchObject({ kind, team_id: f.teamId, ad_account_id: account.id, created_by_user_id: user.id, adset_id: ids.adSetId, creative_id: ids.creativeId, ad_id: ids.adId });
  });

  it("awareness dates are days in the account's time zone (USD account: New York)", async () => {
    const response = await launch(manager, 'awareness', bodies.awareness('dated')).expect(201);
    const adset = byId(live().adsets, response.body.data.adSetId);
    expect(adset.fields).toMatchObject({ start_time: '2026-12-01T00:00:00-0500', end_time: '2026-12-10T23:59:59-0500' });
  });

  it('a JPY account gets the budget in yen (×1) and Tokyo dates; the team ADMIN may launch', async () => {
    const body = { ...bodies.traffic('yen'), budget: 3000, startDate: '2026-12-01', endDate: '2026-12-31' };
    const response = await launch(f.teamAdmin, 'traffic', body, JPY).expect(201);
    const adset = byId(live(JPY).adsets, response.body.data.adSetId);
    expect(adset.params.daily_budget).toBe('3000');
    expect(adset.fields).toMatchObject({ start_time: '2026-12-01T00:00:00+0900', end_time: '2026-12-31T23:59:59+0900' });
    expect(live(USD).adsets.some((candidate) => candidate.id === adset.id)).toBe(false);
  });

  it('status ACTIVE: created paused, switched on once the ad exists', async () => {
    const response = await launch(manager, 'traffic', { ...bodies.traffic('live now'), status: 'ACTIVE' }).expect(201);
    const campaign = f.meta.launches.object(response.body.data.campaignId)!;
    expect(campaign.params.status).toBe('PAUSED');
    expect(campaign.status).toBe('ACTIVE');
  });

  it('a video creative with its thumbnail', async () => {
    const { imageUrl: _image, ...rest } = creatives;
    const body = { ...bodies.awareness('video'), creatives: { ...rest, videoId: '4242', thumbnailUrl: 'https://images.example.com/thumb.jpg' } };
    const response = await launch(manager, 'awareness', body).expect(201);
    const spec = f.meta.launches.object(response.body.data.creativeId)!.fields.object_story_spec as Record<string, unknown>;
    expect(spec.video_data).toMatchObject({ video_id: '4242', image_url: 'https://images.example.com/thumb.jpg', title: 'Best Products' });
    expect(spec).not.toHaveProperty('link_data');
  });

  describe('rollback', () => {
    it('when the ad step fails: everything made is deleted in reverse, the platform error is answered, no local row', async () => {
      const before = { live: liveCount(), rows: (await rows()).length, deleted: f.meta.launches.deletedIds().length };
      f.meta.launches.failLaunchStep('ads');
      const response = await launch(manager, 'sales', bodies.sales('doomed')).expect(400);
      expect(response.body).toMatchObject({ success: false, statusCode: 400, error: { code: 'BAD_REQUEST', details: { platform: 'meta', platformCode: 100 } } });
      expect(liveCount()).toBe(before.live);
      expect((await rows()).length).toBe(before.rows);
      const made = f.meta.launches.allObjects().filter((object) => object.fields.name?.toString().startsWith('doomed'));
      expect(made.map((object) => object.edge)).toEqual(['campaigns', 'adsets', 'adcreatives']);
      expect(f.meta.launches.deletedIds().slice(before.deleted)).toEqual(made.map((object) => object.id).reverse());
    });

    it('when the ad set step fails with a permission error: 502 PLATFORM_ERROR and the campaign is deleted', async () => {
      const before = { live: liveCount(), rows: (await rows()).length };
      f.meta.launches.failLaunchStep('adsets', 'permission');
      const response = await launch(manager, 'lead', bodies.lead('denied')).expect(502);
      expect(response.body.error).toMatchObject({ code: 'PLATFORM_ERROR', details: { platform: 'meta', platformCode: 200 } });
      expect(liveCount()).toBe(before.live);
      expect((await rows()).length).toBe(before.rows);
    });

    it('a delete that fails during rollback does not replace the original error; the other deletes still happen', async () => {
      const before = liveCount();
      f.meta.launches.failLaunchStep('ads');
      f.meta.launches.failNextDeletes(1);
      const response = await launch(manager, 'traffic', bodies.traffic('stuck')).expect(400);
      expect(response.body.error.details).toMatchObject({ platformCode: 100 });
      // The creative (deleted first) is left over; the ad set and campaign are gone.
      const left = Object.values(live()).flat().filter((object) => String(object.fields.name).startsWith('stuck'));
      expect(left.map((object) => object.edge)).toEqual(['adcreatives']);
      expect(liveCount()).toBe(before + 1);
    });

    it('activation failure rolls back all four', async () => {
      const before = { live: liveCount(), rows: (await rows()).length };
      f.meta.launches.failLaunchStep('activate');
      await launch(manager, 'awareness', { ...bodies.awareness('flop'), status: 'ACTIVE' }).expect(400);
      expect(liveCount()).toBe(before.live);
      expect((await rows()).length).toBe(before.rows);
    });
  });

  it('validateOnly=true: Meta validates the campaign, nothing is created or stored', async () => {
    const before = { live: liveCount(), rows: (await rows()).length, requests: f.meta.launches.requests.length };
    const response = await launch(manager, 'sales', bodies.sales('preflight'), USD, '&validateOnly=true').expect(200);
    expect(response.body.data).toEqual({
      valid: true,
      checked: [
        { object: 'campaign', checkedBy: 'meta' },
        { object: 'adset', checkedBy: 'local' },
        { object: 'creative', checkedBy: 'local' },
        { object: 'ad', checkedBy: 'local' },
      ],
    });
    const sent = f.meta.launches.requests.slice(before.requests);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ edge: 'campaigns', validateOnly: true });
    expect(JSON.parse(sent[0].params.execution_options)).toEqual(['validate_only']);
    expect(liveCount()).toBe(before.live);
    expect((await rows()).length).toBe(before.rows);
  });

  it('validateOnly still refuses a bad body without calling Meta', async () => {
    const calls = f.meta.calls.length;
    await launch(manager, 'traffic', { ...bodies.traffic('bad'), budget: 0 }, USD, '&validateOnly=true').expect(400);
    await launch(manager, 'traffic', bodies.traffic('bad'), USD, '&validateOnly=yes').expect(400);
    expect(f.meta.calls.length).toBe(calls);
  });

  const without = (body: Body, key: string) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== key));
  it.each<[string, Kind, (body: Body) => Body, string]>([
    ['a missing campaignName', 'traffic', (b) => without(b, 'campaignName'), 'campaignName'],
    ['a budget of 0', 'traffic', (b) => ({ ...b, budget: 0 }), 'budget must not be less than 1'],
    ['a fractional budget', 'awareness', (b) => ({ ...b, budget: 10.5 }), 'budget must be an integer number'],
    ['an unknown status', 'traffic', (b) => ({ ...b, status: 'LIVE' }), 'status must be one of'],
    ['a bad date format', 'traffic', (b) => ({ ...b, startDate: '01/12/2026' }), 'startDate must be YYYY-MM-DD'],
    ['end before start', 'awareness', (b) => ({ ...b, startDate: '2026-12-10', endDate: '2026-12-01' }), 'endDate must be after startDate'],
    ['a special category without country', 'traffic', (b) => ({ ...b, specialAdCategories: ['HOUSING'] }), 'specialAdCountry is required'],
    ['an unknown special category', 'traffic', (b) => ({ ...b, specialAdCategories: ['GAMBLING'] }), 'specialAdCategories must only contain NONE'],
    ['APP without appId and objectStoreUrl', 'traffic', (b) => ({ ...without(b, 'creatives'), creatives: { ...creatives, url: undefined }, conversionLocation: 'APP' }), 'appId is required'],
    ['an unknown conversionLocation', 'traffic', (b) => ({ ...b, conversionLocation: 'INSTAGRAM_DIRECT' }), 'conversionLocation must be one of'],
    ['a video without thumbnail', 'awareness', (b) => ({ ...b, creatives: { ...creatives, imageUrl: undefined, videoId: '4242' } }), 'creatives.thumbnailUrl is required with creatives.videoId'],
    ['ageMin above ageMax', 'traffic', (b) => ({ ...b, targeting: { ...targeting, ageMin: 40, ageMax: 30 } }), 'targeting.ageMin must not be greater than targeting.ageMax'],
    ['an age under 13', 'traffic', (b) => ({ ...b, targeting: { ...targeting, ageMin: 12 } }), 'targeting.ageMin must not be less than 13'],
    ['a gender of 3', 'traffic', (b) => ({ ...b, targeting: { ...targeting, genders: [3] } }), 'targeting.genders must only contain 0 (all), 1 (men) or 2 (women)'],
    ['no geoLocations', 'traffic', (b) => ({ ...b, targeting: { ...targeting, geoLocations: [] } }), 'targeting.geoLocations should not be empty'],
    ['a geo type zip', 'traffic', (b) => ({ ...b, targeting: { ...targeting, geoLocations: [{ type: 'zip', id: '10001' }] } }), 'targeting.geoLocations.0.type must be one of'],
    ['no targeting', 'traffic', (b) => without(b, 'targeting'), 'targeting must be an object'],
    ['a lead body without leadFormId', 'lead', (b) => without(b, 'leadFormId'), 'leadFormId must be a numeric Meta id'],
    ['a traffic goal on a lead launch', 'lead', (b) => ({ ...b, optimizationGoal: 'LINK_CLICKS' }), 'optimizationGoal must be one of'],
    ['a sales body without pixelId', 'sales', (b) => without(b, 'pixelId'), 'pixelId must be a numeric Meta id'],
    ['an unknown conversionEvent', 'sales', (b) => ({ ...b, conversionEvent: 'LEAD' }), 'conversionEvent must be one of'],
    ['instagram_actor_id in the body', 'traffic', (b) => ({ ...b, instagram_actor_id: IG_USER }), 'property instagram_actor_id should not exist'],
    ['an unknown creative field', 'engagement', (b) => ({ ...b, creatives: { ...creatives, colour: 'red' } }), 'creatives.property colour should not exist'],
  ])('refuses %s with a 400 and no platform call', async (_name, kind, change, detail) => {
    const calls = f.meta.calls.length;
    const response = await launch(manager, kind, change(bodies[kind]('invalid'))).expect(400);
    expect(response.body).toMatchObject({ success: false, statusCode: 400, error: { code: 'BAD_REQUEST' } });
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.stringContaining(detail)]));
    expect(f.meta.calls.length).toBe(calls);
  });

  it('a VIEWER and a member without permission get 403, an outsider 404, and Meta is never called', async () => {
    const calls = f.meta.calls.length;
    await launch(viewer, 'traffic', bodies.traffic('nope')).expect(403);
    await launch(f.member, 'traffic', bodies.traffic('nope')).expect(403);
    await launch(f.outsider, 'traffic', bodies.traffic('nope')).expect(404);
    await f.api.as(manager, 'post', `/${f.otherTeamId}/meta/campaign/traffic?adAccountId=act_${USD}`).send(bodies.traffic('nope')).expect(404);
    // The manager holds MANAGER on the USD account only.
    await launch(manager, 'traffic', bodies.traffic('nope'), JPY).expect(403);
    expect(f.meta.calls.length).toBe(calls);
  });

  it('without adAccountId: 400 when the team has several Meta accounts', async () => {
    const response = await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/meta/campaign/traffic`).send(bodies.traffic('which')).expect(400);
    expect(response.body.error.details[0]).toContain('several');
  });

  it('two concurrent launches with the same Idempotency-Key create one campaign at Meta', async () => {
    const before = f.meta.launches.requests.filter((request) => request.edge === 'campaigns').length;
    const body = bodies.engagement('once');
    const send = () => launch(manager, 'engagement', body).set('Idempotency-Key', 'launch-once-1');
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.data).toEqual(second.body.data);
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    expect(f.meta.launches.requests.filter((request) => request.edge === 'campaigns').length).toBe(before + 1);
    expect(await rows(first.body.data.campaignId)).toHaveLength(1);
  });

  it("the seed's awareness example is accepted as written", async () => {
    const seed = {
      campaignName: 'Awareness - Basic Reach',
      status: 'PAUSED',
      budget: 10,
      startDate: '2026-12-01',
      endDate: '2026-12-10',
      specialAdCategories: ['NONE'],
      adSetName: 'Awareness Adset - Basic',
      pageId: '784350118091291',
      creatives: {
        primaryText: 'This is a basic awareness ad',
        headline: 'Brand Awareness',
        callToAction: 'LEARN_MORE',
        imageUrl: 'https://images.pexels.com/photos/9160637/pexels-photo-9160637.jpeg',
        description: 'Short description for awareness ad',
        url: 'https://example.com',
      },
      targeting: { ageMin: 18, ageMax: 35, genders: [0], geoLocations: [{ type: 'country', id: 'US' }] },
      optimizationGoal: 'REACH',
    };
    const response = await launch(manager, 'awareness', seed).expect(201);
    const adset = byId(live().adsets, response.body.data.adSetId);
    expect(adset.params.daily_budget).toBe('1000');
    expect(adset.fields.targeting).toEqual({ geo_locations: { countries: ['US'] }, age_min: 18, age_max: 35, targeting_automation: { advantage_audience: 0 } });
  });
});
