import { buildMetaLaunchPlan, MetaLaunchPlanError } from '../../src/platforms/meta/launch/meta-launch-plan.mapper';
import type { LaunchBaseInput, MetaLaunchRequest } from '../../src/platforms/meta/launch/meta-launch.types';

const USD_NY = { currency: 'USD', timezone: 'America/New_York' };
const JPY_TOKYO = { currency: 'JPY', timezone: 'Asia/Tokyo' };

const base: LaunchBaseInput = {
  campaignName: 'Spring',
  budget: 100,
  adSetName: 'Spring set',
  pageId: '900',
  targeting: { geoLocations: [{ type: 'country', id: 'US' }], ageMin: 18, ageMax: 35 },
  creatives: { primaryText: 'Hello', headline: 'Best', callToAction: 'LEARN_MORE', imageUrl: 'https://img.test/a.jpg', url: 'https://shop.test' },
};
const targeting = { geo_locations: { countries: ['US'] }, age_min: 18, age_max: 35, targeting_automation: { advantage_audience: 0 } };
const link = (callToAction: Record<string, unknown>, url = 'https://shop.test') => ({
  page_id: '900',
  link_data: { link: url, message: 'Hello', name: 'Best', picture: 'https://img.test/a.jpg', call_to_action: callToAction },
});

describe('launch kind + body + account → Graph params', () => {
  it.each<[string, MetaLaunchRequest, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    [
      'lead: lead form on the ad, page promoted',
      { kind: 'lead', body: { ...base, leadFormId: '1900', creatives: { ...base.creatives, callToAction: 'SIGN_UP' } } },
      { objective: 'OUTCOME_LEADS' },
      { optimization_goal: 'LEAD_GENERATION', billing_event: 'IMPRESSIONS', destination_type: 'ON_AD', promoted_object: { page_id: '900' } },
      link({ type: 'SIGN_UP', value: { lead_gen_form_id: '1900' } }),
    ],
    [
      'traffic to a website (defaults)',
      { kind: 'traffic', body: base },
      { objective: 'OUTCOME_TRAFFIC' },
      { optimization_goal: 'LINK_CLICKS', billing_event: 'IMPRESSIONS', destination_type: 'WEBSITE' },
      link({ type: 'LEARN_MORE', value: { link: 'https://shop.test' } }),
    ],
    [
      'traffic to an app store page',
      {
        kind: 'traffic',
        body: { ...base, conversionLocation: 'APP', appId: '555', objectStoreUrl: 'https://play.test/app', creatives: { ...base.creatives, url: undefined, callToAction: 'DOWNLOAD' } },
      },
      { objective: 'OUTCOME_TRAFFIC' },
      { optimization_goal: 'LINK_CLICKS', destination_type: 'APP', promoted_object: { application_id: '555', object_store_url: 'https://play.test/app' } },
      link({ type: 'DOWNLOAD', value: { application: '555', link: 'https://play.test/app' } }, 'https://play.test/app'),
    ],
    [
      'traffic to Messenger',
      { kind: 'traffic', body: { ...base, conversionLocation: 'MESSENGER', creatives: { ...base.creatives, callToAction: 'MESSAGE_PAGE' } } },
      { objective: 'OUTCOME_TRAFFIC' },
      { destination_type: 'MESSENGER', promoted_object: { page_id: '900' } },
      link({ type: 'MESSAGE_PAGE', value: { app_destination: 'MESSENGER' } }),
    ],
    [
      'sales: pixel and conversion event (INITIATE_CHECKOUT is INITIATED_CHECKOUT at Meta), catalog on the campaign',
      { kind: 'sales', body: { ...base, pixelId: '777', conversionEvent: 'INITIATE_CHECKOUT', catalogId: '31', productSetId: '32', customConversionId: '33' } },
      { objective: 'OUTCOME_SALES', promoted_object: { product_catalog_id: '31' } },
      {
        optimization_goal: 'OFFSITE_CONVERSIONS',
        billing_event: 'IMPRESSIONS',
        destination_type: 'WEBSITE',
        promoted_object: { pixel_id: '777', custom_event_type: 'INITIATED_CHECKOUT', custom_conversion_id: '33', product_set_id: '32' },
      },
      link({ type: 'LEARN_MORE', value: { link: 'https://shop.test' } }),
    ],
    [
      'awareness: reach, no destination',
      { kind: 'awareness', body: base },
      { objective: 'OUTCOME_AWARENESS' },
      { optimization_goal: 'REACH', billing_event: 'IMPRESSIONS', promoted_object: { page_id: '900' } },
      link({ type: 'LEARN_MORE', value: { link: 'https://shop.test' } }),
    ],
    [
      'engagement: post engagement, links to the page without a url',
      { kind: 'engagement', body: { ...base, conversionLocation: 'ON_AD', engagementType: 'POST_ENGAGEMENT', creatives: { ...base.creatives, url: undefined } } },
      { objective: 'OUTCOME_ENGAGEMENT' },
      { optimization_goal: 'POST_ENGAGEMENT', billing_event: 'IMPRESSIONS', destination_type: 'ON_POST', promoted_object: { page_id: '900' } },
      link({ type: 'LEARN_MORE', value: { link: 'https://www.facebook.com/900' } }, 'https://www.facebook.com/900'),
    ],
  ])('%s', (_name, request, campaign, adset, story) => {
    const plan = buildMetaLaunchPlan(request, USD_NY);
    expect(plan.kind).toBe(request.kind);
    expect(plan.campaign).toEqual({
      name: 'Spring',
      status: 'PAUSED',
      buying_type: 'AUCTION',
      special_ad_categories: ['NONE'],
      is_adset_budget_sharing_enabled: false,
      ...campaign,
    });
    expect(plan.adset).toMatchObject({ name: 'Spring set', daily_budget: 10_000, bid_strategy: 'LOWEST_COST_WITHOUT_CAP', status: 'ACTIVE', targeting, ...adset });
    if (!('destination_type' in adset)) expect(plan.adset).not.toHaveProperty('destination_type');
    expect(plan.adset).not.toHaveProperty('start_time');
    expect(plan.creative).toEqual({ name: 'Spring - Creative', object_story_spec: story });
    expect(plan.ad).toEqual({ name: 'Spring - Ad', status: 'ACTIVE' });
    expect(plan.activate).toBe(false);
  });

  it.each([
    ['USD', USD_NY, 10_000],
    ['JPY', JPY_TOKYO, 100],
    ['KRW', { currency: 'KRW', timezone: 'Asia/Seoul' }, 100],
    ['EUR', { currency: 'EUR', timezone: 'Europe/Paris' }, 10_000],
  ])('budget 100 in %s → daily_budget %i on the ad set, none on the campaign', (_name, account, minor) => {
    const plan = buildMetaLaunchPlan({ kind: 'awareness', body: base }, account);
    expect(plan.adset.daily_budget).toBe(minor);
    expect(plan.campaign).not.toHaveProperty('daily_budget');
    expect(plan.campaign.is_adset_budget_sharing_enabled).toBe(false);
  });

  it.each([
    [USD_NY, '2026-03-08T00:00:00-0500', '2026-03-20T23:59:59-0400'],
    [JPY_TOKYO, '2026-03-08T00:00:00+0900', '2026-03-20T23:59:59+0900'],
  ])('dates in the account time zone (%j)', (account, start, end) => {
    const plan = buildMetaLaunchPlan({ kind: 'traffic', body: { ...base, startDate: '2026-03-08', endDate: '2026-03-20' } }, account);
    expect(plan.adset).toMatchObject({ start_time: start, end_time: end });
  });

  it('special categories with their countries; ACTIVE switches the campaign on at the end', () => {
    const plan = buildMetaLaunchPlan({ kind: 'traffic', body: { ...base, status: 'ACTIVE', specialAdCategories: ['HOUSING'], specialAdCountry: ['us', 'CA'] } }, USD_NY);
    expect(plan.campaign).toMatchObject({ status: 'PAUSED', special_ad_categories: ['HOUSING'], special_ad_category_country: ['US', 'CA'] });
    expect(plan.activate).toBe(true);
  });

  it('video with thumbnail, instagram_user_id (never instagram_actor_id)', () => {
    const plan = buildMetaLaunchPlan(
      {
        kind: 'traffic',
        body: {
          ...base,
          instagramActorId: '1784',
          creatives: { ...base.creatives, imageUrl: undefined, videoId: '4242', thumbnailUrl: 'https://img.test/thumb.jpg', description: 'More' },
        },
      },
      USD_NY,
    );
    expect(plan.creative.object_story_spec).toEqual({
      page_id: '900',
      instagram_user_id: '1784',
      video_data: {
        video_id: '4242',
        image_url: 'https://img.test/thumb.jpg',
        message: 'Hello',
        title: 'Best',
        link_description: 'More',
        call_to_action: { type: 'LEARN_MORE', value: { link: 'https://shop.test' } },
      },
    });
    expect(JSON.stringify(plan)).not.toContain('instagram_actor_id');
  });

  it('audiences and the whole targeting reach the ad set', () => {
    const plan = buildMetaLaunchPlan({ kind: 'awareness', body: { ...base, audienceId: ['61'] } }, USD_NY);
    expect(plan.adset.targeting).toMatchObject({ custom_audiences: [{ id: '61' }] });
  });

  it.each([
    ['no currency', { currency: null, timezone: 'UTC' }, {}],
    ['no time zone, with dates', { currency: 'USD', timezone: null }, { startDate: '2026-12-01' }],
    ['an unknown time zone, with dates', { currency: 'USD', timezone: 'Nowhere/Land' }, { endDate: '2026-12-01' }],
  ])('refuses %s', (_name, account, extra) => {
    expect(() => buildMetaLaunchPlan({ kind: 'awareness', body: { ...base, ...extra } }, account)).toThrow(MetaLaunchPlanError);
  });

  it('needs no time zone without dates', () => {
    expect(() => buildMetaLaunchPlan({ kind: 'awareness', body: base }, { currency: 'USD', timezone: null })).not.toThrow();
  });
});
