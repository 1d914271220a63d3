import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import {
  SANDBOX_GOOGLE_CLIENT_ID,
  SANDBOX_GOOGLE_CLIENT_SECRET,
  SANDBOX_TOKEN_PREFIX,
  SandboxWorld,
  SandboxWorldFactory,
} from '../sandbox-world';
import { GoogleSandboxWorld } from './google-sandbox-world';
import { SimulatedGooglePlatform } from './simulated-google-platform';

/**
 * Makes each sandbox tenant's simulated Google. Its tokens are signed with a key of the tenant and of this
 * installation (so they outlive a restart of the app and mean nothing in another tenant's world).
 */
@Injectable()
export class GoogleSandboxWorldFactory implements SandboxWorldFactory {
  readonly platform = 'google' as const;

  constructor(private readonly config: AppConfig) {}

  create(tenantId: string, _baseUrl: string): SandboxWorld {
    const tokenKey = createHmac('sha256', this.config.tokenEncryptionKey).update(`google-sandbox-tokens/${tenantId}`).digest('base64url');
    const platform = new SimulatedGooglePlatform({
      clientId: SANDBOX_GOOGLE_CLIENT_ID,
      clientSecret: SANDBOX_GOOGLE_CLIENT_SECRET,
      tokenPrefix: SANDBOX_TOKEN_PREFIX,
      tokenKey,
    });
    return new GoogleSandboxWorld(tenantId, platform);
  }
}
