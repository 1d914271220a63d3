import { metaLaunchProblems } from '../../src/platforms/meta/launch/meta-launch-checks';
import type { LaunchBaseInput, MetaLaunchRequest } from '../../src/platforms/meta/launch/meta-launch.types';

const base: LaunchBaseInput = {
  campaignName: 'Spring',
  budget: 100,
  adSetName: 'Spring set',
  pageId: '900',
  targeting: { geoLocations: [{ type: 'country', id: 'US' }] },
  creatives: { primaryText: 'Hello', headline: 'Best', callToAction: 'LEARN_MORE', imageUrl: 'https://img.test/a.jpg', url: 'https://shop.test' },
};
const creative = (patch: Partial<LaunchBaseInput['creatives']>) => ({ ...base.creatives, ...patch });

describe('cross-field launch checks', () => {
  it.each<[string, MetaLaunchRequest]>([
    ['a minimal traffic body', { kind: 'traffic', body: base }],
    ['a one-week schedule', { kind: 'awareness', body: { ...base, startDate: '2026-12-01', endDate: '2026-12-07' } }],
    ['only an end date', { kind: 'awareness', body: { ...base, endDate: '2026-12-07' } }],
    ['a special category with its country', { kind: 'lead', body: { ...base, leadFormId: '1', specialAdCategories: ['CREDIT'], specialAdCountry: ['US'] } }],
    ['a video with thumbnail', { kind: 'awareness', body: { ...base, creatives: creative({ imageUrl: undefined, videoId: '7', thumbnailUrl: 'https://t.test/t.jpg' }) } }],
    ['an app traffic body', { kind: 'traffic', body: { ...base, conversionLocation: 'APP', appId: '5', objectStoreUrl: 'https://s.test', creatives: creative({ url: undefined }) } }],
    ['engagement without url', { kind: 'engagement', body: { ...base, creatives: creative({ url: undefined }) } }],
    ['equal ages', { kind: 'awareness', body: { ...base, targeting: { ...base.targeting, ageMin: 30, ageMax: 30 } } }],
  ])('accepts %s', (_name, request) => {
    expect(metaLaunchProblems(request)).toEqual([]);
  });

  it.each<[string, MetaLaunchRequest, string]>([
    ['a date that does not exist', { kind: 'traffic', body: { ...base, startDate: '2026-02-30' } }, 'startDate must be a calendar date (YYYY-MM-DD)'],
    ['end before start', { kind: 'traffic', body: { ...base, startDate: '2026-12-07', endDate: '2026-12-01' } }, 'endDate must be after startDate'],
    ['end on the start day', { kind: 'traffic', body: { ...base, startDate: '2026-12-07', endDate: '2026-12-07' } }, 'endDate must be after startDate'],
    ['a special category without country', { kind: 'traffic', body: { ...base, specialAdCategories: ['HOUSING'] } }, 'specialAdCountry is required when specialAdCategories names a category other than NONE'],
    ['NONE with another category', { kind: 'traffic', body: { ...base, specialAdCategories: ['NONE', 'HOUSING'], specialAdCountry: ['US'] } }, 'specialAdCategories: NONE cannot be combined with another category'],
    ['a country without category', { kind: 'traffic', body: { ...base, specialAdCountry: ['US'] } }, 'specialAdCountry applies only with a special ad category other than NONE'],
    ['ageMin above ageMax', { kind: 'traffic', body: { ...base, targeting: { ...base.targeting, ageMin: 40, ageMax: 30 } } }, 'targeting.ageMin must not be greater than targeting.ageMax'],
    ['a bad country code', { kind: 'traffic', body: { ...base, targeting: { geoLocations: [{ type: 'country', id: 'USA' }] } } }, 'targeting.geoLocations.0.id: a country id must be an ISO 3166 two-letter code'],
    ['a bad excluded city key', { kind: 'traffic', body: { ...base, targeting: { ...base.targeting, excludedGeoLocations: [{ type: 'city', id: 'Paris' }] } } }, 'targeting.excludedGeoLocations.0.id: a city id must be a numeric Meta location key'],
    ['a video without thumbnail', { kind: 'traffic', body: { ...base, creatives: creative({ imageUrl: undefined, videoId: '7' }) } }, 'creatives.thumbnailUrl is required with creatives.videoId'],
    ['a thumbnail without video', { kind: 'traffic', body: { ...base, creatives: creative({ thumbnailUrl: 'https://t.test/t.jpg' }) } }, 'creatives.thumbnailUrl applies only with creatives.videoId'],
    ['an image and a video', { kind: 'traffic', body: { ...base, creatives: creative({ videoId: '7', thumbnailUrl: 'https://t.test/t.jpg' }) } }, 'creatives.imageUrl and creatives.videoId are exclusive: send an image or a video'],
    ['neither image nor video', { kind: 'traffic', body: { ...base, creatives: creative({ imageUrl: undefined }) } }, 'creatives.imageUrl is required (or creatives.videoId with creatives.thumbnailUrl)'],
    ['APP without appId', { kind: 'traffic', body: { ...base, conversionLocation: 'APP', objectStoreUrl: 'https://s.test', creatives: creative({ url: undefined }) } }, 'appId is required when conversionLocation is APP'],
    ['APP without objectStoreUrl', { kind: 'traffic', body: { ...base, conversionLocation: 'APP', appId: '5', creatives: creative({ url: undefined }) } }, 'objectStoreUrl is required when conversionLocation is APP'],
    ['APP with a url', { kind: 'traffic', body: { ...base, conversionLocation: 'APP', appId: '5', objectStoreUrl: 'https://s.test' } }, 'creatives.url is not used when conversionLocation is APP: the ad links to objectStoreUrl'],
    ['appId on a website', { kind: 'traffic', body: { ...base, appId: '5' } }, 'appId applies only when conversionLocation is APP'],
    ['landing page views to an app', { kind: 'traffic', body: { ...base, optimizationGoal: 'LANDING_PAGE_VIEWS', conversionLocation: 'MESSENGER', creatives: creative({ callToAction: 'MESSAGE_PAGE' }) } }, 'optimizationGoal LANDING_PAGE_VIEWS needs conversionLocation WEBSITE'],
    ['Messenger without MESSAGE_PAGE', { kind: 'traffic', body: { ...base, conversionLocation: 'MESSENGER' } }, 'creatives.callToAction must be MESSAGE_PAGE when conversionLocation is MESSENGER'],
    ['traffic without url', { kind: 'traffic', body: { ...base, creatives: creative({ url: undefined }) } }, 'creatives.url is required'],
    ['lead without url', { kind: 'lead', body: { ...base, leadFormId: '1', creatives: creative({ url: undefined }) } }, 'creatives.url is required'],
    ['sales: product set without catalog', { kind: 'sales', body: { ...base, pixelId: '1', conversionEvent: 'PURCHASE', productSetId: '3' } }, 'catalogId is required with productSetId'],
  ])('refuses %s', (_name, request, problem) => {
    expect(metaLaunchProblems(request)).toContain(problem);
  });
});
