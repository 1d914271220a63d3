import { Global, Module } from '@nestjs/common';
import { AdAccountAccessGuard } from './ad-account-access.guard';
import { AdAccountAccessService } from './ad-account-access.service';
import { AdAccountPermissionsController } from './ad-account-permissions.controller';
import { AdAccountPermissionsService } from './ad-account-permissions.service';
import { PlatformAccountGuard } from './platform-account.guard';
import { TeamAccountResolver } from './team-account.resolver';

@Global()
@Module({
  controllers: [AdAccountPermissionsController],
  providers: [AdAccountAccessService, AdAccountAccessGuard, AdAccountPermissionsService, TeamAccountResolver, PlatformAccountGuard],
  exports: [AdAccountAccessService, AdAccountAccessGuard, TeamAccountResolver, PlatformAccountGuard],
})
export class AdAccountsModule {}
