import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { TeamAccess, WorkspaceAccess } from '../access/access.types';
import { ResolvedTeam, ResolvedTeamSnapshot, ResolvedWorkspace } from '../access/resolved-access.decorator';
import { TeamRole } from '../access/team-role.decorator';
import type { TeamSnapshot } from '../access/team-snapshot';
import { WorkspaceRole } from '../access/workspace-role.decorator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { ResponseMessage } from '../common/decorators/response-message.decorator';
import { ApiResult } from '../common/http/api-result';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { AssignMembersDto } from './dto/assign-members.dto';
import { CreateTeamDto } from './dto/create-team.dto';
import { RemoveMembersDto } from './dto/remove-members.dto';
import { AssignResultDto, TeamDetailDto, TeamDto, TeamMemberDto, TeamMemberWithUserDto, TeamNameDto, TeamWithMembersDto } from './dto/team.dto';
import { UpdateTeamDto } from './dto/update-team.dto';
import { WorkspaceRefDto } from './dto/workspace-ref.dto';
import { TeamMembersService } from './team-members.service';
import { TeamsService } from './teams.service';

@ApiTags('Team Management')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly members: TeamMembersService,
  ) {}

  @Post()
  @WorkspaceRole('ADMIN')
  @ApiOperation({ summary: 'Create a team in a workspace (workspace admin)' })
  @ApiEnvelope(TeamDto, { status: HttpStatus.CREATED })
  create(@ResolvedWorkspace() workspace: WorkspaceAccess, @CurrentUser() user: AuthUser, @Body() body: CreateTeamDto) {
    return this.teams.create(workspace, user, body.name);
  }

  @Post('get-all')
  @HttpCode(HttpStatus.OK)
  @WorkspaceRole('ADMIN')
  @ApiOperation({ summary: "A workspace's teams with their members (workspace admin)" })
  @ApiEnvelope(TeamWithMembersDto, { isArray: true })
  getAll(@ResolvedWorkspace() workspace: WorkspaceAccess, @Body() _body: WorkspaceRefDto, @Query() page: PageQueryDto) {
    return this.teams.listForWorkspace(workspace, page);
  }

  @Post(':teamId/members')
  @TeamRole('ADMIN')
  @ApiOperation({ summary: 'Assign members: one → 201 with the member; several → 200 with successful, failed and summary' })
  @ApiEnvelope(TeamMemberDto, { status: HttpStatus.CREATED, description: 'One member assigned' })
  @ApiEnvelope(AssignResultDto, { status: HttpStatus.OK, description: 'Several members: what succeeded and what failed' })
  async assign(@ResolvedTeam() team: TeamAccess, @Body() body: AssignMembersDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.members.assign(team, body.members);
    reply.status(outcome.status);
    return outcome.body;
  }

  @Get(':teamId/members')
  @TeamRole('MEMBER')
  @ApiOperation({ summary: "A team's members (any member of the team)" })
  @ApiEnvelope(TeamMemberWithUserDto, { isArray: true })
  listMembers(@ResolvedTeam() team: TeamAccess, @Query() page: PageQueryDto) {
    return this.members.list(team, page);
  }

  @Delete(':teamId/members')
  @TeamRole('ADMIN')
  @ResponseMessage('Member(s) removed successfully')
  @ApiOperation({ summary: 'Remove members by externalUserId (the last ADMIN cannot be removed)' })
  @ApiEnvelope(null)
  async removeMembers(@ResolvedTeam() team: TeamAccess, @Body() body: RemoveMembersDto) {
    await this.members.remove(team, body.members);
    return null;
  }

  @Get(':id')
  @TeamRole('MEMBER', { snapshot: true })
  @ApiParam({ name: 'id', description: 'Team ID' })
  @ApiOperation({ summary: 'A team with its workspace and members (any member of the team)' })
  @ApiEnvelope(TeamDetailDto)
  get(@ResolvedTeamSnapshot() team: TeamSnapshot) {
    return team.detail;
  }

  @Patch(':id')
  @TeamRole('ADMIN')
  @ApiParam({ name: 'id', description: 'Team ID' })
  @ApiOperation({ summary: 'Rename a team (team ADMIN)' })
  @ApiEnvelope(TeamNameDto)
  rename(@ResolvedTeam() team: TeamAccess, @Body() body: UpdateTeamDto) {
    return this.teams.rename(team, body.name);
  }

  @Delete(':id')
  @TeamRole('WORKSPACE_ADMIN')
  @ApiParam({ name: 'id', description: 'Team ID' })
  @ApiOperation({ summary: 'Delete a team (workspace admin; not the default team)' })
  @ApiEnvelope(null)
  async remove(@ResolvedTeam() team: TeamAccess) {
    const name = await this.teams.remove(team);
    return new ApiResult(null, `'Team ${name}' deleted successfully`);
  }
}
