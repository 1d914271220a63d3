import { Body, Controller, Delete, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { TeamAccess } from '../access/access.types';
import { ResolvedTeam } from '../access/resolved-access.decorator';
import { TeamRole } from '../access/team-role.decorator';
import type { AdAccountAccess } from '../ad-accounts/ad-account-access.types';
import { AdAccountRole } from '../ad-accounts/ad-account-role.decorator';
import { ResolvedAdAccount } from '../ad-accounts/resolved-ad-account.decorator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ApiResult } from '../common/http/api-result';
import { ConnectionInsightsService } from './connection-insights.service';
import { ConnectionRemoval } from './connection-removal.service';
import { ConnectionsService } from './connections.service';
import { ConnectionInsightsQueryDto } from './dto/connection-insights-query.dto';
import { AuthUrlDto, ConnectionListDto, ConnectionStatusDto, DisconnectResultDto, RemovedAdAccountDto } from './dto/connection.dto';
import { CreateConnectionDto } from './dto/create-connection.dto';
import { ConnectionAdminGuard } from './guards/connection-admin.guard';
import { ConnectionTargetGuard } from './guards/connection-target.guard';
import { ConnectService } from './oauth/connect.service';

@ApiTags('Connection')
@ApiBearerAuth()
@Controller('connections')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly connect: ConnectService,
    private readonly removal: ConnectionRemoval,
    private readonly insightsService: ConnectionInsightsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Connections of every team you administer (team ADMIN or workspace admin)' })
  @ApiEnvelope(ConnectionListDto)
  list(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto) {
    return this.connections.listForUser(user, page);
  }

  @Post()
  @UseGuards(ConnectionTargetGuard)
  @ApiOperation({ summary: 'Start connecting Meta or Google: answers the consent URL (team ADMIN of the target team)' })
  @ApiEnvelope(AuthUrlDto, { status: 201 })
  create(@CurrentUser() user: AuthUser, @ResolvedTeam() team: TeamAccess, @Body() body: CreateConnectionDto) {
    return this.connect.authorizationUrl(user, team, body.platform, body.redirect);
  }

  @Get('status')
  @ApiOperation({ summary: 'Every ad account you administer with whether its connection works (and why not)' })
  @ApiEnvelope(ConnectionStatusDto)
  status(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto) {
    return this.connections.statusForUser(user, page);
  }

  @Get('team/:teamId')
  @TeamRole('ADMIN')
  @ApiOperation({ summary: "A team's connections with their ad accounts (team ADMIN)" })
  @ApiParam({ name: 'teamId', format: 'uuid' })
  @ApiEnvelope(ConnectionListDto)
  forTeam(@ResolvedTeam() team: TeamAccess, @Query() page: PageQueryDto) {
    return this.connections.listForTeam(team, page);
  }

  @Delete(':adsAccountId/remove-connection')
  @AdAccountRole('ADMIN', 'adsAccountId')
  @ApiOperation({ summary: 'Remove one ad account (and its connection when it was the last one) (team ADMIN)' })
  @ApiParam({ name: 'adsAccountId', description: 'The ad account id (uuid), or the platform account id when unambiguous' })
  @ApiEnvelope(RemovedAdAccountDto)
  async removeAdAccount(@ResolvedAdAccount() account: AdAccountAccess) {
    const removed = await this.removal.removeAdAccount(account);
    return new ApiResult(removed, `Ads account ${account.adsAccountId} removed successfully.`);
  }

  @Delete(':connectionId/disconnect')
  @UseGuards(ConnectionAdminGuard)
  @ApiOperation({ summary: 'Delete a connection with its ad accounts, tokens and permissions, and revoke it at the platform (team ADMIN)' })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiEnvelope(DisconnectResultDto)
  async disconnect(@CurrentUser() user: AuthUser, @Param('connectionId') connectionId: string) {
    const result = await this.removal.disconnect(user.tenantId, connectionId);
    return new ApiResult(result, `Connection ${connectionId} and all related data deleted successfully.`);
  }

  @Get(':id/insights')
  @AdAccountRole('READ', 'id')
  @ApiOperation({ summary: "Live account insights (team ADMIN, or VIEWER/MANAGER on the account)" })
  @ApiParam({ name: 'id', description: 'The ad account id (uuid), or the platform account id when unambiguous' })
  @ApiEnvelope(null, { description: 'Totals per metric; with a breakdown, `rows`' })
  insights(@ResolvedAdAccount() account: AdAccountAccess, @Query() query: ConnectionInsightsQueryDto) {
    return this.insightsService.insights(account, query);
  }
}
