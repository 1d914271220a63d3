import { Body, Controller, Delete, Get, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { WorkspaceAccess } from '../access/access.types';
import { ResolvedWorkspace } from '../access/resolved-access.decorator';
import { WorkspaceRole } from '../access/workspace-role.decorator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { ResponseMessage } from '../common/decorators/response-message.decorator';
import { ChangeAdminDto } from './dto/change-admin.dto';
import { CreateWorkspaceDto } from './dto/create-workspace.dto';
import { UpdateWorkspaceDto } from './dto/update-workspace.dto';
import { CreatedWorkspaceDto, UpdatedWorkspaceDto, WorkspaceDto } from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('Workspace Management')
@ApiBearerAuth()
@Controller('workspace')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a workspace; the caller becomes its admin and ADMIN of its default team' })
  @ApiEnvelope(CreatedWorkspaceDto, { status: HttpStatus.CREATED })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateWorkspaceDto) {
    return this.workspaces.create(user, body.enterpriseId, body.workspaceName);
  }

  @Get(':id')
  @WorkspaceRole('MEMBER')
  @ApiParam({ name: 'id', description: 'enterpriseId' })
  @ApiOperation({ summary: 'Get a workspace (its admin or a member of one of its teams)' })
  @ApiEnvelope(WorkspaceDto)
  get(@ResolvedWorkspace() access: WorkspaceAccess) {
    return this.workspaces.get(access);
  }

  @Patch(':id/change-admin')
  @WorkspaceRole('ADMIN')
  @ResponseMessage('Admin changed successfully')
  @ApiParam({ name: 'id', description: 'enterpriseId' })
  @ApiOperation({ summary: 'Hand the workspace to another user (by externalUserId)' })
  @ApiEnvelope(null)
  async changeAdmin(@ResolvedWorkspace() access: WorkspaceAccess, @Body() body: ChangeAdminDto) {
    await this.workspaces.changeAdmin(access, body.adminId);
    return null;
  }

  @Patch(':id')
  @WorkspaceRole('ADMIN')
  @ApiParam({ name: 'id', description: 'enterpriseId' })
  @ApiOperation({ summary: 'Rename a workspace' })
  @ApiEnvelope(UpdatedWorkspaceDto)
  update(@ResolvedWorkspace() access: WorkspaceAccess, @Body() body: UpdateWorkspaceDto) {
    return this.workspaces.update(access, body);
  }

  @Delete(':id')
  @WorkspaceRole('ADMIN')
  @ResponseMessage('Workspace deleted successfully with its teams')
  @ApiParam({ name: 'id', description: 'enterpriseId' })
  @ApiOperation({ summary: 'Delete a workspace with its teams, members, connections and permissions' })
  @ApiEnvelope(null)
  async remove(@ResolvedWorkspace() access: WorkspaceAccess) {
    await this.workspaces.remove(access);
    return null;
  }
}
