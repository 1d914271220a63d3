import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../../../connections/connections.module';
import { MetaModule } from '../meta.module';
import { MetaAccountCalls } from './meta-account-calls.service';
import { MetaAssetsController } from './meta-assets.controller';
import { MetaObjectsController } from './meta-objects.controller';

@Module({
  imports: [ConnectionsModule, MetaModule],
  controllers: [MetaObjectsController, MetaAssetsController],
  providers: [MetaAccountCalls],
})
export class MetaHttpModule {}
