import { applyDecorators, Body, Controller, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { PlatformAccount } from '../../../ad-accounts/platform-account.decorator';
import { ResolvedAdAccount } from '../../../ad-accounts/resolved-ad-account.decorator';
import type { AuthUser } from '../../../auth/auth-user';
import { CurrentUser } from '../../../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../../../common/decorators/api-envelope.decorator';
import type { MetaLaunchRequest } from '../launch/meta-launch.types';
import { AwarenessLaunchDto, EngagementLaunchDto, LeadLaunchDto, SalesLaunchDto, TrafficLaunchDto } from './dto/launch-kinds.dto';
import { MetaLaunchQueryDto, MetaLaunchResultDto, MetaLaunchValidationDto } from './dto/launch-query.dto';
import { MetaLaunchService } from './meta-launch.service';

const LaunchDocs = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary: `${summary} (MANAGER or team ADMIN). ?validateOnly=true: a preflight that creates nothing.` }),
    ApiEnvelope(MetaLaunchResultDto, { status: HttpStatus.CREATED, description: 'Campaign, ad set, creative and ad created' }),
    ApiEnvelope(MetaLaunchValidationDto, { status: HttpStatus.OK, description: 'validateOnly=true: what was checked; nothing created' }),
  );

/** The five one-call campaign launches: campaign → ad set → creative → ad, all or nothing. */
@ApiTags('Meta')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId/meta/campaign')
export class MetaLaunchController {
  constructor(private readonly launches: MetaLaunchService) {}

  @Post('lead')
  @PlatformAccount('meta', 'WRITE')
  @LaunchDocs('Launch a lead-form campaign (OUTCOME_LEADS)')
  lead(
    @ResolvedAdAccount() account: AdAccountAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: MetaLaunchQueryDto,
    @Body() body: LeadLaunchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run({ kind: 'lead', body }, account, user, query, reply);
  }

  @Post('traffic')
  @PlatformAccount('meta', 'WRITE')
  @LaunchDocs('Launch a traffic campaign (OUTCOME_TRAFFIC)')
  traffic(
    @ResolvedAdAccount() account: AdAccountAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: MetaLaunchQueryDto,
    @Body() body: TrafficLaunchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run({ kind: 'traffic', body }, account, user, query, reply);
  }

  @Post('sales')
  @PlatformAccount('meta', 'WRITE')
  @LaunchDocs('Launch a sales campaign (OUTCOME_SALES, pixel conversions)')
  sales(
    @ResolvedAdAccount() account: AdAccountAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: MetaLaunchQueryDto,
    @Body() body: SalesLaunchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run({ kind: 'sales', body }, account, user, query, reply);
  }

  @Post('awareness')
  @PlatformAccount('meta', 'WRITE')
  @LaunchDocs('Launch an awareness campaign (OUTCOME_AWARENESS)')
  awareness(
    @ResolvedAdAccount() account: AdAccountAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: MetaLaunchQueryDto,
    @Body() body: AwarenessLaunchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run({ kind: 'awareness', body }, account, user, query, reply);
  }

  @Post('engagement')
  @PlatformAccount('meta', 'WRITE')
  @LaunchDocs('Launch a post-engagement campaign (OUTCOME_ENGAGEMENT)')
  engagement(
    @ResolvedAdAccount() account: AdAccountAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: MetaLaunchQueryDto,
    @Body() body: EngagementLaunchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run({ kind: 'engagement', body }, account, user, query, reply);
  }

  private async run(request: MetaLaunchRequest, account: AdAccountAccess, user: AuthUser, query: MetaLaunchQueryDto, reply: FastifyReply) {
    const outcome = await this.launches.launch(request, account, user.id, query.validateOnly === 'true');
    reply.status(outcome.validateOnly ? HttpStatus.OK : HttpStatus.CREATED);
    return outcome.body;
  }
}
