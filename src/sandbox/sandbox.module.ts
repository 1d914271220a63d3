import { Module } from '@nestjs/common';
import { GoogleSandboxWorldFactory } from './google/google-sandbox-world.factory';
import { MetaSandboxWorldFactory } from './meta/meta-sandbox-world.factory';
import { SANDBOX_WORLD_FACTORIES, SandboxSimulator } from './sandbox-simulator.service';
import type { SandboxWorldFactory } from './sandbox-world';

/** The simulated platforms of sandbox tenants, served on a loopback port by `SandboxSimulator`. */
@Module({
  providers: [
    MetaSandboxWorldFactory,
    GoogleSandboxWorldFactory,
    {
      provide: SANDBOX_WORLD_FACTORIES,
      useFactory: (...factories: SandboxWorldFactory[]) => factories,
      inject: [MetaSandboxWorldFactory, GoogleSandboxWorldFactory],
    },
    SandboxSimulator,
  ],
  exports: [SandboxSimulator],
})
export class SandboxModule {}
