import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { PlatformAccount } from '../../../ad-accounts/platform-account.decorator';
import { ResolvedAdAccount } from '../../../ad-accounts/resolved-ad-account.decorator';
import { AppException } from '../../../common/app.exception';
import { ApiEnvelope } from '../../../common/decorators/api-envelope.decorator';
import { MetaObjectsReader } from '../meta-objects.reader';
import { MetaPagesReader } from '../meta-pages.reader';
import { MetaTargetingReader } from '../meta-targeting.reader';
import { TargetingSearchDto } from './dto/meta-body.dto';
import { MetaAccountQueryDto, MetaLeadFormQueryDto } from './dto/meta-query.dto';
import { MetaAccountCalls } from './meta-account-calls.service';

/** Pages, lead forms, pixels, audiences and targeting search, live from the Graph API with the account's connection. */
@ApiTags('Meta')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId/meta')
export class MetaAssetsController {
  constructor(
    private readonly calls: MetaAccountCalls,
    private readonly objects: MetaObjectsReader,
    private readonly pagesReader: MetaPagesReader,
    private readonly targeting: MetaTargetingReader,
  ) {}

  @Get('pages')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: "The Facebook pages of the account's connected user (never their tokens)" })
  @ApiEnvelope(null, { description: 'An array of pages' })
  pages(@ResolvedAdAccount() account: AdAccountAccess, @Query() _query: MetaAccountQueryDto) {
    return this.calls.run(account, (token) => this.pagesReader.pages(token));
  }

  @Post('targeting/search')
  @HttpCode(HttpStatus.OK)
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Search targeting options: locations, interests, behaviors, …' })
  @ApiEnvelope(null, { description: 'An array of {id, name, type, …}' })
  search(@ResolvedAdAccount() account: AdAccountAccess, @Query() _query: MetaAccountQueryDto, @Body() body: TargetingSearchDto) {
    return this.calls.run(account, (token) => this.targeting.search(token, body.type, body.query.trim()));
  }

  @Get('lead-form')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: "Lead forms of one of the connected user's pages (read with the page's token)" })
  @ApiEnvelope(null, { description: 'An array of lead forms' })
  leadForms(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: MetaLeadFormQueryDto) {
    return this.calls.run(account, async (token) => {
      const pageId = query.pageId ?? (await this.onlyPage(token));
      return this.pagesReader.leadForms(token, pageId);
    });
  }

  @Get('pixels')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Pixels of the ad account' })
  @ApiEnvelope(null, { description: 'An array of pixels' })
  pixels(@ResolvedAdAccount() account: AdAccountAccess, @Query() _query: MetaAccountQueryDto) {
    return this.calls.run(account, (token, id) => this.objects.pixels(token, id));
  }

  @Get('savedAudience')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Saved audiences of the ad account' })
  @ApiEnvelope(null, { description: 'An array of saved audiences' })
  savedAudiences(@ResolvedAdAccount() account: AdAccountAccess, @Query() _query: MetaAccountQueryDto) {
    return this.calls.run(account, (token, id) => this.objects.savedAudiences(token, id));
  }

  @Get('customAudience')
  @PlatformAccount('meta', 'READ')
  @ApiOperation({ summary: 'Custom audiences of the ad account' })
  @ApiEnvelope(null, { description: 'An array of custom audiences' })
  customAudiences(@ResolvedAdAccount() account: AdAccountAccess, @Query() _query: MetaAccountQueryDto) {
    return this.calls.run(account, (token, id) => this.objects.customAudiences(token, id));
  }

  private async onlyPage(token: string): Promise<string> {
    const pages = await this.pagesReader.pages(token);
    if (pages.length === 1) return pages[0].id;
    throw AppException.badRequest('Validation failed', [pages.length === 0 ? 'the connected user has no Facebook page' : 'pageId is required: the connected user has several pages']);
  }
}
