import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { TeamRequirement } from './access.types';
import { TeamRoleGuard } from './team-role.guard';

export const TEAM_REQUIREMENT = 'team-requirement';

/** The caller must be at least `required` in the team named by the route's `:teamId` (or `:id`). */
export const TeamRole = (required: TeamRequirement) =>
  applyDecorators(
    SetMetadata(TEAM_REQUIREMENT, required),
    UseGuards(TeamRoleGuard),
    ApiNotFoundResponse({ description: 'No such team in your teams' }),
    ApiForbiddenResponse({ description: `Requires ${required === 'MEMBER' ? 'team membership' : required === 'ADMIN' ? 'team ADMIN' : 'workspace admin'}` }),
  );
