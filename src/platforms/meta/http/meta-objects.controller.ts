import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { ResolvedAdAccount } from '../../../ad-accounts/resolved-ad-account.decorator';
import { PlatformAccount } from '../../../ad-accounts/platform-account.decorator';
import { AppException } from '../../../common/app.exception';
import { ApiEnvelope } from '../../../common/decorators/api-envelope.decorator';
import { MetaInsightsQueryReader } from '../meta-insights-query.reader';
import { MetaObjectsReader } from '../meta-objects.reader';
import { isMetaInsightBreakdown, isMetaInsightLevel, META_INSIGHT_BREAKDOWNS, META_INSIGHT_LEVELS } from '../meta-read.fields';
import { CampaignStatusDto } from './dto/meta-body.dto';
import { idList, MetaAccountQueryDto, MetaAdcreativesQueryDto, MetaAdsetsQueryDto, MetaAdsQueryDto, MetaCampaignsQueryDto, MetaInsightsQueryDto } from './dto/meta-query.dto';
import { MetaObjectsSource } from '../../../sync/meta/meta-objects-source.service';
import { MetaInsightsSource } from '../../../sync/meta/meta-insights-source.service';
import { MetaAccountCalls } from './meta-account-calls.service';
import { MetaCampaignStatusService } from './meta-campaign-status.service';

function checkDates(startDate: string, endDate: string): void {
  const valid = (value: string) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  const problems = [
    ...(valid(startDate) ? [] : ['startDate is not a calendar date']),
    ...(valid(endDate) ? [] : ['endDate is not a calendar date']),
  ];
  if (problems.length === 0 && startDate > endDate) problems.push('startDate must not be after endDate');
  if (problems.length > 0) throw AppException.badRequest('Validation failed', problems);
}

/**
 * Campaigns, ad sets, ads, creatives and insights of a team's Meta ad account: objects from the local copy once the
 * account is imported (`meta.source: local`), else (or with `live=true`) live from the Graph API.
 */
@ApiTags('Meta')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId/meta')
export class MetaObjectsController {
  constructor(
    private readonly calls: MetaAccountCalls,
    private readonly objects: MetaObjectsReader,
    private readonly insightsReader: MetaInsightsQueryReader,
    private readonly statusService: MetaCampaignStatusService,
    private readonly source: MetaObjectsSource,
    private readonly insightsSource: MetaInsightsSource,
  ) {}

  @Get('campaigns')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Campaigns of the ad account (VIEWER, MANAGER or team ADMIN)' })
  @ApiEnvelope(null, { description: 'An array of campaigns, one page; meta: {source, syncedAt?, nextCursor}' })
  campaigns(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: MetaCampaignsQueryDto) {
    const fields = this.calls.fields('campaigns', query.fields);
    const ids = idList(query.campaignId);
    return this.source.read(account, 'campaigns', { filters: { campaign_id: ids }, fields, live: query.live === 'true', page: query }, (page) =>
      this.calls.run(account, (token, id) => this.objects.objectPage(token, id, 'campaigns', { ids, fields }, page)),
    );
  }

  @Get('adsets')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Ad sets, optionally of some campaigns or by id' })
  @ApiEnvelope(null, { description: 'An array of ad sets, one page; meta: {source, syncedAt?, nextCursor}' })
  adsets(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: MetaAdsetsQueryDto) {
    const fields = this.calls.fields('adsets', query.fields);
    const [campaignIds, adsetIds] = [idList(query.campaignId), idList(query.adsetId)];
    const filters = { campaign_id: campaignIds, adset_id: adsetIds };
    return this.source.read(account, 'adsets', { filters, fields, live: query.live === 'true', page: query }, (page) =>
      this.calls.run(account, (token, id) => this.objects.objectPage(token, id, 'adsets', { campaignIds, adsetIds, fields }, page)),
    );
  }

  @Get('ads')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Ads, filtered by adId, campaignId or adsetId (comma-separated)' })
  @ApiEnvelope(null, { description: 'An array of ads, one page; meta: {source, syncedAt?, nextCursor}' })
  ads(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: MetaAdsQueryDto) {
    const fields = this.calls.fields('ads', query.fields);
    const [adIds, campaignIds, adsetIds] = [idList(query.adId), idList(query.campaignId), idList(query.adsetId)];
    const filters = { ad_id: adIds, campaign_id: campaignIds, adset_id: adsetIds };
    return this.source.read(account, 'ads', { filters, fields, live: query.live === 'true', page: query }, (page) =>
      this.calls.run(account, (token, id) => this.objects.objectPage(token, id, 'ads', { adIds, campaignIds, adsetIds, fields }, page)),
    );
  }

  @Get('adcreatives')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Ad creatives of the ad account' })
  @ApiEnvelope(null, { description: 'An array of ad creatives, one page; meta: {source, syncedAt?, nextCursor}' })
  adcreatives(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: MetaAdcreativesQueryDto) {
    const fields = this.calls.fields('adcreatives', query.fields);
    const ids = idList(query.adcreativeId);
    return this.source.read(account, 'adcreatives', { filters: { creative_id: ids }, fields, live: query.live === 'true', page: query }, (page) =>
      this.calls.run(account, (token, id) => this.objects.objectPage(token, id, 'adcreatives', { ids, fields }, page)),
    );
  }

  @Get('insights')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({
    summary: 'Insights at account, campaign, ad set or ad level, with one of the seed breakdowns',
    description: 'Campaign level with the copied fields is served from the local copy once the account is imported (meta.source: local); the rest, or live=true, from Meta',
  })
  @ApiEnvelope(null, { description: 'An array of insight rows, metrics as numbers' })
  insights(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: MetaInsightsQueryDto) {
    const level = query.level ?? 'account';
    const problems = [
      ...(isMetaInsightLevel(level) ? [] : [`level must be one of: ${META_INSIGHT_LEVELS.join(', ')}`]),
      ...(query.breakdown === undefined || isMetaInsightBreakdown(query.breakdown) ? [] : [`breakdown must be one of: ${META_INSIGHT_BREAKDOWNS.join(', ')}`]),
    ];
    if (problems.length > 0) throw AppException.badRequest('Validation failed', problems);
    checkDates(query.startDate, query.endDate);
    const read = {
      level: level as (typeof META_INSIGHT_LEVELS)[number],
      breakdown: query.breakdown as (typeof META_INSIGHT_BREAKDOWNS)[number] | undefined,
      fields: this.calls.fields('insights', query.fields),
      startDate: query.startDate,
      endDate: query.endDate,
    };
    return this.insightsSource.read(account, { ...read, live: query.live === 'true' }, () => this.calls.run(account, (token, id) => this.insightsReader.insights(token, id, read)));
  }

  @Patch('campaign/:campaignId')
  @PlatformAccount('meta', 'WRITE')
  @ApiOperation({ summary: 'Pause or activate a campaign (MANAGER or team ADMIN)' })
  @ApiParam({ name: 'campaignId' })
  @ApiEnvelope(null, { description: '{id, status}' })
  setStatus(@ResolvedAdAccount() account: AdAccountAccess, @Param('campaignId') campaignId: string, @Query() _query: MetaAccountQueryDto, @Body() body: CampaignStatusDto) {
    if (!/^\d{1,30}$/.test(campaignId)) throw AppException.badRequest('Validation failed', ['campaignId must be a numeric Meta id']);
    return this.statusService.setStatus(account, campaignId, body.status);
  }
}
