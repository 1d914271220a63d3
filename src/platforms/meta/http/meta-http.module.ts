import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../../../connections/connections.module';
import { SyncModule } from '../../../sync/sync.module';
import { MetaModule } from '../meta.module';
import { MetaAccountCalls } from './meta-account-calls.service';
import { MetaAssetsController } from './meta-assets.controller';
import { MetaCampaignStatusService } from './meta-campaign-status.service';
import { MetaCreateController } from './meta-create.controller';
import { MetaLaunchController } from './meta-launch.controller';
import { MetaLaunchService } from './meta-launch.service';
import { MetaObjectsController } from './meta-objects.controller';

@Module({
  imports: [ConnectionsModule, MetaModule, SyncModule],
  controllers: [MetaObjectsController, MetaAssetsController, MetaCreateController, MetaLaunchController],
  providers: [MetaAccountCalls, MetaLaunchService, MetaCampaignStatusService],
})
export class MetaHttpModule {}
