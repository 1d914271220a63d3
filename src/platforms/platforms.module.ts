import { Global, Module } from '@nestjs/common';
import { GoogleDriver } from './google/google.driver';
import { GoogleModule } from './google/google.module';
import { MetaDriver } from './meta/meta.driver';
import { MetaModule } from './meta/meta.module';
import { PlatformDrivers } from './platform-drivers.service';
import { PlatformEndpointsModule } from './platform-endpoints.module';

@Global()
@Module({
  imports: [PlatformEndpointsModule, MetaModule, GoogleModule],
  providers: [MetaDriver, GoogleDriver, PlatformDrivers],
  exports: [PlatformDrivers, MetaModule, GoogleModule],
})
export class PlatformsModule {}
