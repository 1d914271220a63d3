import { Global, Module } from '@nestjs/common';
import { SandboxModule } from '../sandbox/sandbox.module';
import { PlatformEndpoints } from './platform-endpoints.service';

/** Global: every platform client asks it where a call goes. */
@Global()
@Module({
  imports: [SandboxModule],
  providers: [PlatformEndpoints],
  exports: [PlatformEndpoints, SandboxModule],
})
export class PlatformEndpointsModule {}
