import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { TeamRequirement } from './access.types';
import { TeamRoleGuard } from './team-role.guard';

export const TEAM_REQUIREMENT = 'team-requirement';
export const TEAM_SNAPSHOT = 'team-snapshot';

export interface TeamRoleOptions {
  /**
   * Decide from the team's snapshot (all members, cached per process, see TeamSnapshots) and leave it for
   * `@ResolvedTeamSnapshot()`: for reads that show the team itself. Other routes ask the database for the caller's row.
   */
  snapshot?: boolean;
}

/** The caller must be at least `required` in the team named by the route's `:teamId` (or `:id`). */
export const TeamRole = (required: TeamRequirement, options: TeamRoleOptions = {}) =>
  applyDecorators(
    SetMetadata(TEAM_REQUIREMENT, required),
    SetMetadata(TEAM_SNAPSHOT, options.snapshot === true),
    UseGuards(TeamRoleGuard),
    ApiNotFoundResponse({ description: 'No such team in your teams' }),
    ApiForbiddenResponse({ description: `Requires ${required === 'MEMBER' ? 'team membership' : required === 'ADMIN' ? 'team ADMIN' : 'workspace admin'}` }),
  );
