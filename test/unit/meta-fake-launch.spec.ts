import { FakeLaunchContext, FakeMetaLaunchStore } from '../fakes/meta-fake-launch';

type Raw = Record<string, unknown>;
const form = (params: Raw): Record<string, string> =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
const context: FakeLaunchContext = { ownsAccount: (id) => id === '1001', scopes: ['ads_management'], regainAccessMinutes: 5 };

const campaign: Raw = { name: 'C', objective: 'OUTCOME_TRAFFIC', status: 'PAUSED', special_ad_categories: ['NONE'], is_adset_budget_sharing_enabled: false };
const targeting = { geo_locations: { countries: ['US'] }, targeting_automation: { advantage_audience: 0 } };
const adset = (campaignId: string): Raw => ({ name: 'S', campaign_id: campaignId, daily_budget: 1000, billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS', targeting });
const creative: Raw = { name: 'K', object_story_spec: { page_id: '900', link_data: { link: 'https://acme.test', message: 'hi' } } };

/** The launch routes of the fake refuse what Meta refuses (platform-apis.md C6), so a lenient fake cannot hide a bug. */
describe('the fake validates launches like Meta', () => {
  let store: FakeMetaLaunchStore;
  const post = (edge: string, params: Raw, account = '1001') => store.answer('POST', `/act_${account}/${edge}`, form(params), context)!;
  const idOf = (edge: string, params: Raw) => (post(edge, params).body as { id: string }).id;
  const error = (answer: { status: number; body: unknown }) => (answer.body as { error: { code: number; error_subcode?: number; message: string } }).error;

  beforeEach(() => {
    store = new FakeMetaLaunchStore();
  });

  it('creates the four objects in order and deletes them', () => {
    const c = idOf('campaigns', campaign);
    const s = idOf('adsets', adset(c));
    const k = idOf('adcreatives', creative);
    const a = idOf('ads', { name: 'A', adset_id: s, creative: { creative_id: k }, status: 'ACTIVE' });
    expect(Object.values(store.createdObjects('1001')).flat()).toHaveLength(4);
    for (const id of [a, k, s, c]) expect(store.answer('DELETE', `/${id}`, {}, context)).toMatchObject({ status: 200, body: { success: true } });
    expect(store.deletedIds()).toEqual([a, k, s, c]);
    expect(Object.values(store.createdObjects('1001')).flat()).toHaveLength(0);
    expect(store.answer('DELETE', `/${c}`, {}, context)).toMatchObject({ status: 400 });
  });

  it.each<[string, Raw, string]>([
    ['no special_ad_categories', { ...campaign, special_ad_categories: undefined }, 'special_ad_categories is required'],
    ['a legacy objective', { ...campaign, objective: 'LINK_CLICKS' }, 'Param objective must be one of'],
    ['no budget and no is_adset_budget_sharing_enabled', { ...campaign, is_adset_budget_sharing_enabled: undefined }, 'is_adset_budget_sharing_enabled'],
    ['a special category without country', { ...campaign, special_ad_categories: ['HOUSING'] }, 'special_ad_category_country'],
  ])('campaign: refuses %s', (_name, params, message) => {
    const answer = post('campaigns', params);
    expect(answer.status).toBe(400);
    expect(error(answer)).toMatchObject({ code: 100, message: expect.stringContaining(message) });
  });

  it('campaign: with its own budget it needs no sharing flag; validate_only creates nothing', () => {
    expect(post('campaigns', { ...campaign, is_adset_budget_sharing_enabled: undefined, daily_budget: 5000 }).status).toBe(200);
    const before = store.allObjects().length;
    expect(post('campaigns', { ...campaign, execution_options: ['validate_only'] })).toMatchObject({ status: 200, body: { success: true } });
    expect(store.allObjects()).toHaveLength(before);
    expect(store.requests.at(-1)).toMatchObject({ edge: 'campaigns', validateOnly: true });
  });

  it('ad set: budget at both levels is subcode 1885621', () => {
    const c = idOf('campaigns', { ...campaign, daily_budget: 5000 });
    expect(error(post('adsets', adset(c)))).toMatchObject({ code: 100, error_subcode: 1885621 });
  });

  it.each<[string, (campaignId: string) => Raw, string]>([
    ['an unknown campaign', () => adset('999'), 'campaign_id'],
    ['an unknown billing event', (c) => ({ ...adset(c), billing_event: 'VIEWS' }), 'billing_event'],
    ['an unknown optimization goal', (c) => ({ ...adset(c), optimization_goal: 'FAME' }), 'optimization_goal'],
    ['no geo_locations', (c) => ({ ...adset(c), targeting: { age_min: 18, targeting_automation: { advantage_audience: 0 } } }), 'geo_locations'],
    ['no Advantage audience flag', (c) => ({ ...adset(c), targeting: { geo_locations: { countries: ['US'] } } }), 'Advantage Audience Flag Required'],
    ['no budget anywhere', (c) => ({ ...adset(c), daily_budget: undefined }), 'budget'],
    ['an end before the start', (c) => ({ ...adset(c), start_time: '2026-12-02T00:00:00-0500', end_time: '2026-12-01T23:59:59-0500' }), 'end time'],
  ])('ad set: refuses %s', (_name, params, message) => {
    const c = idOf('campaigns', campaign);
    expect(error(post('adsets', params(c)))).toMatchObject({ code: 100, message: expect.stringContaining(message) });
  });

  it('ad set: a campaign of another account is refused', () => {
    const c = idOf('campaigns', campaign);
    const other: FakeLaunchContext = { ...context, ownsAccount: () => true };
    const answer = store.answer('POST', '/act_2002/adsets', form(adset(c)), other)!;
    expect(error(answer).message).toContain('campaign_id');
  });

  it.each<[string, Raw, string]>([
    ['instagram_actor_id in the story spec', { object_story_spec: { page_id: '900', instagram_actor_id: '1', link_data: { link: 'https://a.test' } } }, 'instagram_actor_id field is deprecated'],
    ['instagram_actor_id at the top', { ...creative, instagram_actor_id: '1' }, 'instagram_actor_id field is deprecated'],
    ['no page_id', { object_story_spec: { link_data: { link: 'https://a.test' } } }, 'page_id'],
    ['no object_story_spec', { name: 'K' }, 'object_story_spec'],
    ['a video without thumbnail', { object_story_spec: { page_id: '900', video_data: { video_id: '7' } } }, 'thumbnail'],
  ])('creative: refuses %s', (_name, params, message) => {
    expect(error(post('adcreatives', params))).toMatchObject({ code: 100, message: expect.stringContaining(message) });
  });

  it('creative: instagram_user_id is fine', () => {
    expect(post('adcreatives', { object_story_spec: { page_id: '900', instagram_user_id: '1784', link_data: { link: 'https://a.test' } } }).status).toBe(200);
  });

  it('ad: needs a live ad set and a creative {creative_id} of the account', () => {
    const c = idOf('campaigns', campaign);
    const s = idOf('adsets', adset(c));
    const k = idOf('adcreatives', creative);
    expect(error(post('ads', { name: 'A', creative: { creative_id: k } })).message).toContain('adset_id');
    expect(error(post('ads', { name: 'A', adset_id: s, creative: k })).message).toContain('creative');
    expect(error(post('ads', { name: 'A', adset_id: s, creative: { creative_id: '1' } })).message).toContain('creative_id');
    expect(post('ads', { name: 'A', adset_id: s, creative: { creative_id: k } }).status).toBe(200);
  });

  it('injected step failures are one-shot; an account the user lacks is unsupported', () => {
    store.failLaunchStep('campaigns', 'permission');
    expect(error(post('campaigns', campaign)).code).toBe(200);
    expect(post('campaigns', campaign).status).toBe(200);
    expect(error(post('campaigns', campaign, '2002'))).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
