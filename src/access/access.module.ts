import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { TeamRoleGuard } from './team-role.guard';
import { WorkspaceRoleGuard } from './workspace-role.guard';

@Global()
@Module({ providers: [AccessService, TeamRoleGuard, WorkspaceRoleGuard], exports: [AccessService, TeamRoleGuard, WorkspaceRoleGuard] })
export class AccessModule {}
