import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ErrorCode } from '../../src/common/error-code';
import type { GoogleAdsRow } from '../../src/platforms/google/google-ads.client';
import { buildGoogleAssetsQuery, googleAssetColumns } from '../../src/platforms/google/google-assets.reader';
import { mapGoogleClient } from '../../src/platforms/google/google-customer.mapper';
import {
  GOOGLE_ASSET_LEVELS,
  GOOGLE_REPORT_LEVELS,
  GOOGLE_REPORT_METRICS,
  googleAssetFieldNames,
  googleReportFieldNames,
  pickGoogleAssetFields,
  pickGoogleReportFields,
} from '../../src/platforms/google/google-report.fields';
import { buildGoogleReportQuery, googleReportColumns } from '../../src/platforms/google/google-report.reader';
import { googleRowValue, normalizeGoogleRow } from '../../src/platforms/google/google-row.mapper';
import { fieldList, GoogleAssetsQueryDto, GoogleInsightsQueryDto } from '../../src/platforms/google/http/dto/google-query.dto';
import { PlatformError } from '../../src/platforms/platform-error';

const RANGE = "WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-30'";
const DEFAULT_METRICS = 'metrics.impressions, metrics.clicks, metrics.ctr, metrics.cost_micros, metrics.average_cpc, metrics.conversions';

describe('Google insights GAQL per level and field set', () => {
  it.each<[string, string, string[] | undefined, string]>([
    ['customer defaults', 'customer', undefined, `SELECT customer.id, customer.descriptive_name, ${DEFAULT_METRICS} FROM customer ${RANGE} ORDER BY customer.id ASC`],
    ['customer by day and device', 'customer', ['date', 'device', 'clicks'], `SELECT customer.id, segments.date, segments.device, metrics.clicks FROM customer ${RANGE} ORDER BY segments.date ASC, customer.id ASC`],
    ['campaign defaults', 'campaign', undefined, `SELECT campaign.id, campaign.name, campaign.status, ${DEFAULT_METRICS} FROM campaign ${RANGE} ORDER BY campaign.id ASC`],
    [
      'campaign with budget, channel and daily cost',
      'campaign',
      ['campaign_name', 'budget_amount_micros', 'advertising_channel_type', 'date', 'cost_micros', 'conversions_value'],
      `SELECT campaign.id, campaign.name, campaign_budget.amount_micros, campaign.advertising_channel_type, segments.date, metrics.cost_micros, metrics.conversions_value FROM campaign ${RANGE} ORDER BY segments.date ASC, campaign.id ASC`,
    ],
    ['ad_group defaults', 'ad_group', undefined, `SELECT ad_group.id, ad_group.name, ad_group.status, campaign.id, ${DEFAULT_METRICS} FROM ad_group ${RANGE} ORDER BY ad_group.id ASC`],
    [
      'ad_group with bid and campaign name',
      'ad_group',
      ['cpc_bid_micros', 'campaign_name', 'ad_network_type', 'average_cpm', 'interactions'],
      `SELECT ad_group.id, ad_group.cpc_bid_micros, campaign.name, segments.ad_network_type, metrics.average_cpm, metrics.interactions FROM ad_group ${RANGE} ORDER BY ad_group.id ASC`,
    ],
    ['ad defaults', 'ad', undefined, `SELECT ad_group_ad.ad.id, ad_group_ad.status, ad_group_ad.ad.type, ad_group.id, campaign.id, ${DEFAULT_METRICS} FROM ad_group_ad ${RANGE} ORDER BY ad_group_ad.ad.id ASC`],
    [
      'ad copy and cost per conversion',
      'ad',
      ['headlines', 'descriptions', 'final_urls', 'ad_group_name', 'cost_per_conversion', 'all_conversions'],
      `SELECT ad_group_ad.ad.id, ad_group_ad.ad.responsive_search_ad.headlines, ad_group_ad.ad.responsive_search_ad.descriptions, ad_group_ad.ad.final_urls, ad_group.name, metrics.cost_per_conversion, metrics.all_conversions FROM ad_group_ad ${RANGE} ORDER BY ad_group_ad.ad.id ASC`,
    ],
    ['the key asked explicitly is not repeated', 'campaign', ['clicks', 'campaign_id'], `SELECT campaign.id, metrics.clicks FROM campaign ${RANGE} ORDER BY campaign.id ASC`],
    ['duplicates and blanks are dropped', 'customer', ['clicks', ' clicks ', ''], `SELECT customer.id, metrics.clicks FROM customer ${RANGE} ORDER BY customer.id ASC`],
  ])('%s', (_name, level, fields, expected) => {
    expect(buildGoogleReportQuery(level as never, googleReportColumns(level, fields), '2026-11-01', '2026-11-30')).toBe(expected);
  });

  it.each<[string, string, string[] | undefined, string]>([
    ['an unknown field', 'campaign', ['clicks', 'secret_sauce'], 'Unsupported Google campaign field(s): secret_sauce'],
    ['a field of another level', 'customer', ['campaign_name', 'clicks'], 'Unsupported Google customer field(s): campaign_name'],
    ['a GAQL field name instead of ours', 'campaign', ['metrics.clicks'], 'Unsupported Google campaign field(s): metrics.clicks'],
    ['an injection attempt', 'campaign', ["clicks FROM customer WHERE '1'='1"], "Unsupported Google campaign field(s): clicks FROM customer WHERE '1'='1"],
    ['no metric', 'campaign', ['campaign_name'], 'fields must include at least one metric'],
    ['an unknown level', 'keyword', undefined, 'Unsupported Google report level: keyword'],
  ])('refuses %s', (_name, level, fields, message) => {
    let error: unknown;
    try {
      googleReportColumns(level, fields);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).code).toBe(ErrorCode.BAD_REQUEST);
    expect((error as PlatformError).message).toContain(message);
  });

  it('refuses dates that are not YYYY-MM-DD before building anything', () => {
    expect(() => buildGoogleReportQuery('customer', googleReportColumns('customer', ['clicks']), "2026-11-01' OR 'x", '2026-11-30')).toThrow('invalid date');
  });
});

describe('Google assets GAQL per level and field set', () => {
  const ASSET = 'asset.id, asset.name, asset.type, asset.text_asset.text, asset.image_asset.full_size.url, asset.youtube_video_asset.youtube_video_id, asset.youtube_video_asset.youtube_video_title, asset.final_urls';
  it.each<[string, string, string[] | undefined, string]>([
    ['customer defaults', 'customer', undefined, `SELECT ${ASSET} FROM asset ORDER BY asset.id ASC`],
    ['customer, some fields', 'customer', ['asset_type', 'text'], 'SELECT asset.id, asset.type, asset.text_asset.text FROM asset ORDER BY asset.id ASC'],
    [
      'campaign defaults',
      'campaign',
      undefined,
      `SELECT campaign.id, asset.id, campaign.name, campaign_asset.field_type, campaign_asset.status, asset.name, asset.type, asset.text_asset.text, asset.image_asset.full_size.url, asset.youtube_video_asset.youtube_video_id, asset.youtube_video_asset.youtube_video_title, asset.final_urls FROM campaign_asset WHERE campaign_asset.status != 'REMOVED' ORDER BY campaign.id ASC, asset.id ASC`,
    ],
    ['campaign, some fields', 'campaign', ['field_type', 'image_url'], "SELECT campaign.id, asset.id, campaign_asset.field_type, asset.image_asset.full_size.url FROM campaign_asset WHERE campaign_asset.status != 'REMOVED' ORDER BY campaign.id ASC, asset.id ASC"],
    ['ad_group, some fields', 'ad_group', ['ad_group_name', 'field_type', 'text'], "SELECT ad_group.id, asset.id, ad_group.name, ad_group_asset.field_type, asset.text_asset.text FROM ad_group_asset WHERE ad_group_asset.status != 'REMOVED' ORDER BY ad_group.id ASC, asset.id ASC"],
  ])('%s', (_name, level, fields, expected) => {
    expect(buildGoogleAssetsQuery(level as never, googleAssetColumns(level, fields))).toBe(expected);
  });

  it.each<[string, string, string[]]>([
    ['a campaign field at customer level', 'customer', ['campaign_name']],
    ['a metric', 'campaign', ['clicks']],
    ['an unknown level', 'ad', []],
  ])('refuses %s', (_name, level, fields) => {
    expect(() => googleAssetColumns(level, fields)).toThrow(PlatformError);
  });
});

describe('Google field allow-lists', () => {
  it.each(GOOGLE_REPORT_LEVELS.map((level) => [level]))('every %s report field maps to one GAQL field of its level', (level) => {
    const names = googleReportFieldNames(level);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const picked = pickGoogleReportFields(level, [name, 'clicks']);
      expect(picked).toHaveProperty('columns');
      const gaql = 'columns' in picked ? picked.columns.map((column) => column.spec.gaql) : [];
      for (const field of gaql) expect(field).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/);
    }
  });

  it('lists the same metrics and segments at every level', () => {
    for (const level of GOOGLE_REPORT_LEVELS) {
      expect(googleReportFieldNames(level)).toEqual(expect.arrayContaining([...Object.keys(GOOGLE_REPORT_METRICS), 'date', 'device', 'ad_network_type']));
    }
    expect(Object.keys(GOOGLE_REPORT_METRICS)).toEqual([
      'impressions',
      'clicks',
      'ctr',
      'cost_micros',
      'average_cpc',
      'average_cpm',
      'conversions',
      'conversions_value',
      'all_conversions',
      'interactions',
      'cost_per_conversion',
    ]);
  });

  it.each<[string, string[]]>([
    ['customer', ['customer_id', 'customer_name']],
    ['campaign', ['campaign_id', 'campaign_name', 'campaign_status', 'advertising_channel_type', 'bidding_strategy_type', 'budget_amount_micros']],
    ['ad_group', ['ad_group_id', 'ad_group_name', 'ad_group_status', 'ad_group_type', 'cpc_bid_micros', 'campaign_id', 'campaign_name']],
    ['ad', ['ad_id', 'ad_name', 'ad_status', 'ad_type', 'final_urls', 'headlines', 'descriptions', 'ad_group_id', 'ad_group_name', 'campaign_id', 'campaign_name']],
  ])('%s attributes', (level, attributes) => {
    expect(googleReportFieldNames(level as never).slice(0, attributes.length)).toEqual(attributes);
  });

  it.each(GOOGLE_ASSET_LEVELS.map((level) => [level]))('%s asset fields are all accepted, keys first', (level) => {
    const picked = pickGoogleAssetFields(level, googleAssetFieldNames(level));
    expect('columns' in picked && picked.columns[0].name).toBe(level === 'customer' ? 'asset_id' : `${level}_id`);
  });

  it('does not treat inherited object keys as fields', () => {
    expect(pickGoogleReportFields('campaign', ['constructor', 'clicks'])).toEqual({ unknown: ['constructor'] });
    expect(pickGoogleAssetFields('customer', ['__proto__'])).toEqual({ unknown: ['__proto__'] });
  });
});

describe('normalizeGoogleRow', () => {
  const columns = (level: string, fields: string[]) => googleReportColumns(level, fields);

  it.each<[string, string, string[], GoogleAdsRow, Record<string, unknown>]>([
    [
      'ids as strings, int64 metrics as numbers, money in micros and units',
      'campaign',
      ['campaign_name', 'impressions', 'clicks', 'cost_micros', 'average_cpc', 'ctr'],
      { campaign: { resourceName: 'customers/1/campaigns/11', id: '11', name: 'Spring' }, metrics: { impressions: '1000', clicks: '40', costMicros: '12500000', averageCpc: 312500, ctr: 0.04 } },
      { campaign_id: '11', campaign_name: 'Spring', impressions: 1000, clicks: 40, cost_micros: 12_500_000, cost: 12.5, average_cpc_micros: 312500, average_cpc: 0.3125, ctr: 0.04, currency: 'USD' },
    ],
    [
      'proto3 left out zero metrics and the empty name',
      'campaign',
      ['campaign_name', 'clicks', 'cost_micros', 'conversions'],
      { campaign: { id: '12' } },
      { campaign_id: '12', campaign_name: null, clicks: 0, cost_micros: 0, cost: 0, conversions: 0, currency: 'USD' },
    ],
    [
      'an unset budget is null, not 0',
      'campaign',
      ['budget_amount_micros', 'clicks'],
      { campaign: { id: '13' }, metrics: { clicks: '1' } },
      { campaign_id: '13', budget_amount_micros: null, budget_amount: null, clicks: 1, currency: 'USD' },
    ],
    [
      'segments and nested ad fields',
      'ad',
      ['date', 'device', 'headlines', 'final_urls', 'ad_group_id', 'cost_micros'],
      {
        adGroupAd: { ad: { id: '31', finalUrls: ['https://shop.test'], responsiveSearchAd: { headlines: [{ text: 'Buy' }, { text: 'Now', pinnedField: 'HEADLINE_1' }, { pinnedField: 'x' }] } } },
        adGroup: { id: '21' },
        segments: { date: '2026-11-02', device: 'MOBILE' },
        metrics: { costMicros: '1234567' },
      },
      { ad_id: '31', date: '2026-11-02', device: 'MOBILE', headlines: ['Buy', 'Now'], final_urls: ['https://shop.test'], ad_group_id: '21', cost_micros: 1_234_567, cost: 1.234567, currency: 'USD' },
    ],
    [
      'fractional micros are rounded to the micro in units',
      'customer',
      ['average_cpc'],
      { customer: { id: '1234567890' }, metrics: { averageCpc: 333333.3333 } },
      { customer_id: '1234567890', average_cpc_micros: 333333.3333, average_cpc: 0.333333, currency: 'USD' },
    ],
    [
      'garbage values do not leak as NaN',
      'customer',
      ['clicks', 'cost_micros'],
      { customer: { id: 1234567890 }, metrics: { clicks: 'many', costMicros: {} } },
      { customer_id: '1234567890', clicks: 0, cost_micros: 0, cost: 0, currency: 'USD' },
    ],
  ])('%s', (_name, level, fields, row, expected) => {
    expect(normalizeGoogleRow(row, columns(level, fields), 'USD')).toEqual(expected);
  });

  it('answers asset rows without currency', () => {
    const row: GoogleAdsRow = { campaign: { id: '11', name: 'Spring' }, asset: { id: '501', type: 'TEXT', textAsset: { text: 'Free shipping' } }, campaignAsset: { fieldType: 'HEADLINE', status: 'ENABLED' } };
    expect(normalizeGoogleRow(row, googleAssetColumns('campaign', ['text', 'field_type', 'image_url', 'final_urls']))).toEqual({
      campaign_id: '11',
      asset_id: '501',
      text: 'Free shipping',
      field_type: 'HEADLINE',
      image_url: null,
      final_urls: [],
    });
  });

  it('reads a GAQL path in the REST row', () => {
    const row = { asset: { imageAsset: { fullSize: { url: 'https://img.test/a.png' } } } };
    expect(googleRowValue(row, 'asset.image_asset.full_size.url')).toBe('https://img.test/a.png');
    expect(googleRowValue(row, 'asset.text_asset.text')).toBeUndefined();
    expect(googleRowValue(row, 'campaign.id')).toBeUndefined();
  });
});

describe('mapGoogleClient', () => {
  it.each<[string, GoogleAdsRow, unknown]>([
    [
      'a client at level 1',
      { customerClient: { id: '3333333333', descriptiveName: 'Client', currencyCode: 'GBP', timeZone: 'Europe/London', manager: false, status: 'ENABLED', level: '1' } },
      { accountId: '3333333333', name: 'Client', currency: 'GBP', timezone: 'Europe/London', status: 'ENABLED', isManager: false, loginCustomerId: '2222222222' },
    ],
    ['a sub-manager', { customerClient: { id: '4444444444', manager: true, level: '1' } }, { accountId: '4444444444', name: null, currency: null, timezone: null, status: null, isManager: true, loginCustomerId: '2222222222' }],
    ['the manager itself (level 0)', { customerClient: { id: '2222222222', manager: true, level: '0' } }, null],
    ['level omitted (proto3 zero)', { customerClient: { id: '5555555555' } }, null],
    ['an invalid id', { customerClient: { id: '12', level: '1' } }, null],
  ])('%s', (_name, row, expected) => {
    expect(mapGoogleClient(row, '2222222222')).toEqual(expected);
  });
});

describe('the fields query parameter', () => {
  it.each<[string, unknown, unknown]>([
    ['comma-separated', 'clicks,impressions', ['clicks', 'impressions']],
    ['repeated', ['clicks', 'impressions'], ['clicks', 'impressions']],
    ['repeated and comma-separated, with blanks', ['clicks, impressions', '', ' cost_micros '], ['clicks', 'impressions', 'cost_micros']],
    ['only commas', ',,', []],
    ['not strings: left for the validators', [1, 2], [1, 2]],
  ])('%s', (_name, input, expected) => {
    expect(fieldList(input)).toEqual(expected);
  });

  const problems = (type: new () => object, query: Record<string, unknown>) =>
    validateSync(plainToInstance(type, query), { whitelist: true, forbidNonWhitelisted: true }).flatMap((error) => Object.values(error.constraints ?? {}));

  it('validates the insights query', () => {
    expect(problems(GoogleInsightsQueryDto, { fields: 'clicks,cost_micros', startDate: '2026-11-01', endDate: '2026-11-30', level: 'ad_group' })).toEqual([]);
    expect(problems(GoogleInsightsQueryDto, { fields: ['clicks', 'cost_micros'], startDate: '2026-11-01', endDate: '2026-11-30' })).toEqual([]);
    expect(problems(GoogleInsightsQueryDto, { fields: "clicks FROM x WHERE '1'", startDate: '2026-11-01', endDate: '2026-11-30' })).toEqual(['each field must be a snake_case name']);
    expect(problems(GoogleInsightsQueryDto, { startDate: '1/11/2026', endDate: '2026-11-30', level: 'keyword' })).toEqual([
      'level must be one of the following values: customer, campaign, ad_group, ad',
      'startDate must be YYYY-MM-DD',
    ]);
    expect(problems(GoogleInsightsQueryDto, { startDate: '2026-11-01', endDate: '2026-11-30', limit: '5' })).toEqual(['property limit should not exist']);
  });

  it('validates the assets query', () => {
    expect(problems(GoogleAssetsQueryDto, { level: 'campaign', fields: 'text' })).toEqual([]);
    expect(problems(GoogleAssetsQueryDto, { level: 'ad' })).toEqual(['level must be one of the following values: customer, campaign, ad_group']);
  });
});
