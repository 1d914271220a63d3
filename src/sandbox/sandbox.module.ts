import { Module } from '@nestjs/common';
import { MetaSandboxWorldFactory } from './meta/meta-sandbox-world.factory';
import { SANDBOX_WORLD_FACTORIES, SandboxSimulator } from './sandbox-simulator.service';
import type { SandboxWorldFactory } from './sandbox-world';

/** The simulated platforms of sandbox tenants, served on a loopback port by `SandboxSimulator`. */
@Module({
  providers: [
    MetaSandboxWorldFactory,
    {
      provide: SANDBOX_WORLD_FACTORIES,
      useFactory: (...factories: SandboxWorldFactory[]) => factories,
      inject: [MetaSandboxWorldFactory],
    },
    SandboxSimulator,
  ],
  exports: [SandboxSimulator],
})
export class SandboxModule {}
