import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { TeamAccess } from '../access/access.types';
import { ResolvedTeam } from '../access/resolved-access.decorator';
import { TeamRole } from '../access/team-role.decorator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { ApiResult } from '../common/http/api-result';
import { AdAccountPermissionsService } from './ad-account-permissions.service';
import { AssignPermissionDto, RevokePermissionDto } from './dto/assign-permission.dto';
import { PermissionDto } from './dto/permission.dto';

@ApiTags('Ads Account Management')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId/ads-accounts')
export class AdAccountPermissionsController {
  constructor(private readonly permissions: AdAccountPermissionsService) {}

  @Post('assign')
  @TeamRole('ADMIN')
  @ApiOperation({ summary: "Give a team member MANAGER or VIEWER on one of the team's ad accounts (team ADMIN)" })
  @ApiEnvelope(PermissionDto, { status: HttpStatus.CREATED })
  assign(@ResolvedTeam() team: TeamAccess, @CurrentUser() user: AuthUser, @Body() body: AssignPermissionDto) {
    return this.permissions.assign(team, user, body.adAccountId, body.externalUserId, body.permission);
  }

  @Post('revoke')
  @HttpCode(HttpStatus.OK)
  @TeamRole('ADMIN')
  @ApiOperation({ summary: "Withdraw a member's permission on an ad account (team ADMIN)" })
  @ApiEnvelope(null)
  async revoke(@ResolvedTeam() team: TeamAccess, @Body() body: RevokePermissionDto) {
    await this.permissions.revoke(team, body.adAccountId, body.externalUserId);
    return new ApiResult(null, 'Ad account revoked from member successfully');
  }

  @Post('change-permission')
  @HttpCode(HttpStatus.OK)
  @TeamRole('ADMIN')
  @ApiOperation({ summary: "Change a member's permission on an ad account (team ADMIN)" })
  @ApiEnvelope(PermissionDto)
  async change(@ResolvedTeam() team: TeamAccess, @Body() body: AssignPermissionDto) {
    return new ApiResult(await this.permissions.change(team, body.adAccountId, body.externalUserId, body.permission), 'Permission changed successfully');
  }
}
