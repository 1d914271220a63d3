import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { TeamAccess } from '../../../access/access.types';
import { ResolvedTeam } from '../../../access/resolved-access.decorator';
import { TeamRole } from '../../../access/team-role.decorator';
import type { AuthUser } from '../../../auth/auth-user';
import { CurrentUser } from '../../../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../../../common/decorators/api-envelope.decorator';
import { GoogleAccessibleAccounts } from './google-accessible-accounts.service';

/** The Google Ads accounts of a team's Google connections, as far as the caller may read them. */
@ApiTags('Google')
@ApiBearerAuth()
@ApiParam({ name: 'teamId', format: 'uuid' })
@Controller(':teamId/google')
export class GoogleAccountsController {
  constructor(private readonly accessible: GoogleAccessibleAccounts) {}

  @Get('list-accessible-accounts')
  @TeamRole('MEMBER')
  @ApiOperation({
    summary:
      "Accessible customers of the team's Google connections, with the clients of their managers (team ADMIN: all; a member: the accounts they hold VIEWER or MANAGER on)",
  })
  @ApiEnvelope(null, { description: 'An array of {id, connectionId, accountId, name, currency, timezone, status, isManager, loginCustomerId}' })
  list(@ResolvedTeam() team: TeamAccess, @CurrentUser() user: AuthUser) {
    return this.accessible.list(team, user.id);
  }
}
