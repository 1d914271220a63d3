import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { WorkspaceRequirement } from './access.types';
import { WorkspaceRoleGuard } from './workspace-role.guard';

export const WORKSPACE_REQUIREMENT = 'workspace-requirement';

/** The caller must be at least `required` in the workspace named by `:enterpriseId`, `:id` or body `enterpriseId`. */
export const WorkspaceRole = (required: WorkspaceRequirement) =>
  applyDecorators(
    SetMetadata(WORKSPACE_REQUIREMENT, required),
    UseGuards(WorkspaceRoleGuard),
    ApiNotFoundResponse({ description: 'No such workspace among yours' }),
    ApiForbiddenResponse({ description: required === 'ADMIN' ? 'Requires the workspace admin' : 'Requires a member of the workspace' }),
  );
