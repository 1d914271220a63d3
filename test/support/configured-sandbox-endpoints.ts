import { GoogleEndpoints, MetaEndpoints, PlatformEndpoints } from '../../src/platforms/platform-endpoints.service';

/**
 * The configured URLs and credentials (like a live call), marked as the sandbox environment so that the clients accept
 * the simulator's `sbx_` tokens: for tests of a simulated world's wire format with the product's own clients pointed
 * at it by config. The routing itself is tested in platform-endpoints.spec.ts and the sandbox e2e test.
 */
export class ConfiguredSandboxEndpoints extends PlatformEndpoints {
  override meta(): MetaEndpoints {
    return { ...super.meta(), environment: 'sandbox' };
  }

  override google(): GoogleEndpoints {
    return { ...super.google(), environment: 'sandbox' };
  }
}
