import {
  isMetaInsightBreakdown,
  isMetaInsightLevel,
  META_DEFAULT_FIELDS,
  META_INSIGHT_BREAKDOWNS,
  META_INSIGHT_LEVELS,
  META_READ_FIELDS,
  pickFields,
} from '../../src/platforms/meta/meta-read.fields';

describe('Meta read fields', () => {
  it('holds the seed enums plus the documented additions', () => {
    expect(META_READ_FIELDS.adsets).toEqual(
      expect.arrayContaining([
        'campaign', 'adset_schedule', 'name', 'status', 'effective_status', 'billing_event', 'optimization_goal', 'bid_amount',
        'budget_remaining', 'daily_budget', 'lifetime_budget', 'start_time', 'end_time', 'created_time', 'updated_time',
        'attribution_spec', 'targeting', 'id', 'campaign_id',
      ]),
    );
    expect(META_READ_FIELDS.adsets).toHaveLength(19);
    expect([...META_READ_FIELDS.ads].sort()).toEqual(
      ['id', 'adset', 'bid_amount', 'campaign', 'campaign_id', 'updated_time', 'created_time', 'creative', 'name', 'status', 'adset_id', 'effective_status'].sort(),
    );
    expect(META_READ_FIELDS.campaigns).toHaveLength(15);
    expect(META_READ_FIELDS.campaigns).toEqual(expect.arrayContaining(['id', 'objective', 'daily_budget', 'special_ad_categories', 'stop_time']));
    expect(META_READ_FIELDS.adcreatives).toEqual(expect.arrayContaining(['object_story_spec', 'effective_object_story_id', 'call_to_action_type']));
    expect(META_READ_FIELDS.insights).toEqual(
      expect.arrayContaining(['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values', 'reach', 'ctr', 'frequency', 'ad_name']),
    );
    expect(META_INSIGHT_LEVELS).toEqual(['account', 'campaign', 'adset', 'ad']);
    expect(META_INSIGHT_BREAKDOWNS).toEqual(['gender', 'country', 'age', 'publisher_platform', 'impression_device']);
  });

  it.each([
    ['campaigns', 'id,name', ['id', 'name']],
    ['adsets', ' name , status ,name,', ['name', 'status']],
    ['ads', 'creative,adset_id', ['creative', 'adset_id']],
    ['adcreatives', 'object_story_spec', ['object_story_spec']],
    ['insights', 'spend,impressions,spend', ['spend', 'impressions']],
  ] as const)('picks %s fields %j, trimmed and de-duplicated', (kind, requested, expected) => {
    expect(pickFields(kind, requested)).toEqual({ fields: expected });
  });

  it.each(['campaigns', 'adsets', 'ads', 'adcreatives', 'insights'] as const)('gives the defaults of %s when nothing is named', (kind) => {
    expect(pickFields(kind, undefined)).toEqual({ fields: [...META_DEFAULT_FIELDS[kind]] });
    expect(pickFields(kind, ' , ,')).toEqual({ fields: [...META_DEFAULT_FIELDS[kind]] });
  });

  it('defaults objects to every allowed field and insights to the seed metrics', () => {
    expect(pickFields('adsets', undefined)).toEqual({ fields: [...META_READ_FIELDS.adsets] });
    expect(pickFields('insights', '')).toEqual({ fields: ['impressions', 'clicks', 'spend', 'cpm', 'cpc', 'actions', 'action_values'] });
  });

  it('lists every unknown name, once, instead of fields', () => {
    expect(pickFields('campaigns', 'id,access_token,name,foo,foo')).toEqual({ unknown: ['access_token', 'foo'] });
    expect(pickFields('ads', 'targeting')).toEqual({ unknown: ['targeting'] });
    expect(pickFields('insights', 'impressions,campaign{name}')).toEqual({ unknown: ['campaign{name}'] });
    // Field names are case-sensitive at Meta.
    expect(pickFields('adsets', 'Name')).toEqual({ unknown: ['Name'] });
  });

  it('recognises levels and breakdowns', () => {
    expect(META_INSIGHT_LEVELS.every(isMetaInsightLevel)).toBe(true);
    expect(isMetaInsightLevel('business')).toBe(false);
    expect(META_INSIGHT_BREAKDOWNS.every(isMetaInsightBreakdown)).toBe(true);
    expect(isMetaInsightBreakdown('dma')).toBe(false);
    expect(isMetaInsightBreakdown('date')).toBe(false);
  });
});
