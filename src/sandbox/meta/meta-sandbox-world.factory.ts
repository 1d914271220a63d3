import { Injectable } from '@nestjs/common';
import type { SandboxWorld, SandboxWorldFactory } from '../sandbox-world';
import { MetaSandboxWorld } from './meta-sandbox.world';

/** Makes the simulated Meta of one sandbox tenant. */
@Injectable()
export class MetaSandboxWorldFactory implements SandboxWorldFactory {
  readonly platform = 'meta' as const;

  create(tenantId: string, baseUrl: string): SandboxWorld {
    return new MetaSandboxWorld(tenantId, baseUrl);
  }
}
