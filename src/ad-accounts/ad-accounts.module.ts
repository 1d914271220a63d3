import { Global, Module } from '@nestjs/common';
import { AdAccountAccessGuard } from './ad-account-access.guard';
import { AdAccountAccessService } from './ad-account-access.service';

@Global()
@Module({
  providers: [AdAccountAccessService, AdAccountAccessGuard],
  exports: [AdAccountAccessService, AdAccountAccessGuard],
})
export class AdAccountsModule {}
