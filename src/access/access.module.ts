import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { TeamRoleGuard } from './team-role.guard';
import { TeamSnapshots } from './team-snapshots.service';
import { WorkspaceRoleGuard } from './workspace-role.guard';

@Global()
@Module({
  providers: [AccessService, TeamSnapshots, TeamRoleGuard, WorkspaceRoleGuard],
  exports: [AccessService, TeamSnapshots, TeamRoleGuard, WorkspaceRoleGuard],
})
export class AccessModule {}
