import { Controller, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { TeamAccess } from '../../access/access.types';
import { ResolvedTeam } from '../../access/resolved-access.decorator';
import { TeamRole } from '../../access/team-role.decorator';
import type { AdAccountAccess } from '../../ad-accounts/ad-account-access.types';
import { PlatformAccount } from '../../ad-accounts/platform-account.decorator';
import { ResolvedAdAccount } from '../../ad-accounts/resolved-ad-account.decorator';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../../common/decorators/api-envelope.decorator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ImportRequestQueryDto } from './dto/import-query.dto';
import { ImportsService } from './imports.service';

/** Starting an import of an ad account's data into the local copy, and following it. */
@ApiTags('Imports')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('meta/import')
  @HttpCode(HttpStatus.ACCEPTED)
  @PlatformAccount('meta', 'WRITE')
  @ApiOperation({ summary: 'Import the Meta ad account into the local copy (MANAGER or team ADMIN); the running import if there is one' })
  @ApiEnvelope(null, { status: HttpStatus.ACCEPTED, description: '{importId, status, mode, statusUrl}' })
  meta(@ResolvedAdAccount() account: AdAccountAccess, @CurrentUser() user: AuthUser, @Query() query: ImportRequestQueryDto) {
    return this.imports.start(account, user, query.mode);
  }

  @Get('google/import')
  @HttpCode(HttpStatus.ACCEPTED)
  @PlatformAccount('google', 'WRITE')
  @ApiOperation({ summary: 'Import the Google Ads account into the local copy (MANAGER or team ADMIN); the running import if there is one' })
  @ApiEnvelope(null, { status: HttpStatus.ACCEPTED, description: '{importId, status, mode, statusUrl}' })
  google(@ResolvedAdAccount() account: AdAccountAccess, @CurrentUser() user: AuthUser, @Query() query: ImportRequestQueryDto) {
    return this.imports.start(account, user, query.mode);
  }

  @Get('imports')
  @TeamRole('MEMBER')
  @ApiOperation({ summary: "The team's imports the caller may see, most recent first, one page (limit, cursor)" })
  @ApiEnvelope(null, { description: 'An array of imports; meta.nextCursor' })
  list(@ResolvedTeam() team: TeamAccess, @CurrentUser() user: AuthUser, @Query() query: PageQueryDto) {
    return this.imports.list(team, user, query);
  }

  @Get('imports/:importId')
  @TeamRole('MEMBER')
  @ApiParam({ name: 'importId', format: 'uuid' })
  @ApiOperation({ summary: 'Status and progress of an import (anyone who may read its ad account)' })
  @ApiEnvelope(null, { description: '{id, platform, adAccountId, status, mode, progress, platformCalls, createdAt, startedAt, finishedAt, error}' })
  get(@ResolvedTeam() team: TeamAccess, @CurrentUser() user: AuthUser, @Param('importId') importId: string) {
    return this.imports.get(team, user, importId);
  }
}
