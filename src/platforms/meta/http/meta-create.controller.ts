import { Body, Controller, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { PlatformAccount } from '../../../ad-accounts/platform-account.decorator';
import { ResolvedAdAccount } from '../../../ad-accounts/resolved-ad-account.decorator';
import { AppException } from '../../../common/app.exception';
import { ApiEnvelope } from '../../../common/decorators/api-envelope.decorator';
import { ResponseMessage } from '../../../common/decorators/response-message.decorator';
import { leadFormProblems, MetaLeadFormWriter } from '../meta-lead-form.writer';
import { MetaPixelWriter } from '../meta-pixel.writer';
import { CreateLeadFormDto } from './dto/lead-form.dto';
import { MetaAccountQueryDto } from './dto/meta-query.dto';
import { CreatePixelDto } from './dto/pixel.dto';
import { MetaAccountCalls } from './meta-account-calls.service';

/** Creates lead forms (on a page of the account's connected user) and pixels (on the ad account): MANAGER or team ADMIN. */
@ApiTags('Meta')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId/meta')
export class MetaCreateController {
  constructor(
    private readonly calls: MetaAccountCalls,
    private readonly leadForms: MetaLeadFormWriter,
    private readonly pixels: MetaPixelWriter,
  ) {}

  @Post('lead-form')
  @PlatformAccount('meta', 'WRITE')
  @ResponseMessage('Lead form created successfully')
  @ApiOperation({ summary: "Create a lead form on one of the connected user's pages, with the page's token (MANAGER or team ADMIN)" })
  @ApiEnvelope(null, { status: HttpStatus.CREATED, description: '{id, pageId, name, locale, questions: [{type, key}]}' })
  createLeadForm(@ResolvedAdAccount() account: AdAccountAccess, @Query() _query: MetaAccountQueryDto, @Body() body: CreateLeadFormDto) {
    // Rules across fields, checked before anything goes to Meta.
    const problems = leadFormProblems(body);
    if (problems.length > 0) throw AppException.badRequest('Validation failed', problems);
    return this.calls.run(account, (token) => this.leadForms.create(token, body));
  }

  @Post('pixels')
  @PlatformAccount('meta', 'WRITE')
  @ResponseMessage('Pixel created successfully')
  @ApiOperation({ summary: 'Create a pixel on the ad account (MANAGER or team ADMIN)' })
  @ApiEnvelope(null, { status: HttpStatus.CREATED, description: '{id, name}' })
  createPixel(@ResolvedAdAccount() account: AdAccountAccess, @Query() _query: MetaAccountQueryDto, @Body() body: CreatePixelDto) {
    return this.calls.run(account, (token, accountId) => this.pixels.create(token, accountId, body));
  }
}
