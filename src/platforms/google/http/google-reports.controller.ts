import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { PlatformAccount } from '../../../ad-accounts/platform-account.decorator';
import { ResolvedAdAccount } from '../../../ad-accounts/resolved-ad-account.decorator';
import { AppException } from '../../../common/app.exception';
import { ApiEnvelope } from '../../../common/decorators/api-envelope.decorator';
import { PlatformError } from '../../platform-error';
import { googleAssetColumns, GoogleAssetsReader } from '../google-assets.reader';
import { googleReportColumns, GoogleReportReader } from '../google-report.reader';
import { GoogleAssetsQueryDto, GoogleInsightsQueryDto } from './dto/google-query.dto';
import { GoogleAccountCalls } from './google-account-calls.service';

function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

function checkDates(startDate: string, endDate: string): void {
  const valid = isCalendarDate;
  const problems = [...(valid(startDate) ? [] : ['startDate is not a calendar date']), ...(valid(endDate) ? [] : ['endDate is not a calendar date'])];
  if (problems.length === 0 && startDate > endDate) problems.push('startDate must not be after endDate');
  if (problems.length > 0) throw AppException.badRequest('Validation failed', problems);
}

/** Checks the fields against the level's allow-list: a 400 naming the problem, never a call to Google. */
function columnsOrBadRequest<T>(pick: () => T): T {
  try {
    return pick();
  } catch (error) {
    if (error instanceof PlatformError) throw AppException.badRequest('Validation failed', [error.message]);
    throw error;
  }
}

/** Insights and assets of a team's Google Ads account, live from the Google Ads API (GAQL from allow-listed parts). */
@ApiTags('Google')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId/google')
export class GoogleReportsController {
  constructor(
    private readonly calls: GoogleAccountCalls,
    private readonly reports: GoogleReportReader,
    private readonly assetsReader: GoogleAssetsReader,
  ) {}

  @Get('insights')
  @PlatformAccount('google', 'READ')
  @ApiOperation({ summary: 'Performance of the customer, its campaigns, ad groups or ads over a date range (VIEWER, MANAGER or team ADMIN)' })
  @ApiEnvelope(null, { description: 'An array of rows: ids as strings, metrics as numbers, money as <x>_micros and <x> (currency units), currency' })
  insights(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: GoogleInsightsQueryDto) {
    checkDates(query.startDate, query.endDate);
    const level = query.level ?? 'customer';
    columnsOrBadRequest(() => googleReportColumns(level, query.fields));
    return this.calls.run(account, (token, ref) => this.reports.report(token, ref, { level, fields: query.fields, startDate: query.startDate, endDate: query.endDate }));
  }

  @Get('assets')
  @PlatformAccount('google', 'READ')
  @ApiOperation({ summary: 'Assets of the customer (level customer), or as linked to its campaigns or ad groups' })
  @ApiEnvelope(null, { description: 'An array of assets' })
  assets(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: GoogleAssetsQueryDto) {
    const level = query.level ?? 'customer';
    columnsOrBadRequest(() => googleAssetColumns(level, query.fields));
    return this.calls.run(account, (token, ref) => this.assetsReader.assets(token, ref, { level, fields: query.fields }));
  }
}
