import { Injectable, Optional } from '@nestjs/common';
import { AppConfig, AppConfigValues } from '../config/app-config';
import {
  isSandboxToken,
  SANDBOX_GOOGLE_CLIENT_ID,
  SANDBOX_GOOGLE_CLIENT_SECRET,
  SANDBOX_META_APP_ID,
  SANDBOX_META_APP_SECRET,
} from '../sandbox/sandbox-world';
import { SandboxSimulator } from '../sandbox/sandbox-simulator.service';
import { CallEnvironment, currentCallTenant } from '../usage/usage-scope';

export type MetaEndpoints = AppConfigValues['meta'] & { environment: CallEnvironment };
export type GoogleEndpoints = AppConfigValues['google'] & { environment: CallEnvironment };

/** Where the app's consent route for sandbox tenants lives, below PUBLIC_URL. */
export const SANDBOX_CONSENT_PATH = '/api/v1/sandbox';

/**
 * Where a platform call goes and with which app credentials, decided per call by the tenant it is made for: a live
 * tenant's calls go to the configured Meta and Google, a sandbox tenant's to its world in the built-in simulator. The
 * two never mix: a simulator token is never sent to a real platform, nor a real token to the simulator.
 */
@Injectable()
export class PlatformEndpoints {
  constructor(
    private readonly config: AppConfig,
    @Optional() private readonly simulator?: SandboxSimulator,
  ) {}

  meta(): MetaEndpoints {
    const tenant = this.sandboxTenant();
    if (tenant === undefined) return { ...this.config.meta, environment: 'live' };
    return {
      environment: 'sandbox',
      app: { clientId: SANDBOX_META_APP_ID, clientSecret: SANDBOX_META_APP_SECRET },
      apiVersion: this.config.meta.apiVersion,
      graphUrl: this.simulatorOrFail().baseUrl('meta', tenant),
      dialogUrl: `${this.config.publicUrl}${SANDBOX_CONSENT_PATH}/meta`,
    };
  }

  google(): GoogleEndpoints {
    const tenant = this.sandboxTenant();
    if (tenant === undefined) return { ...this.config.google, environment: 'live' };
    const world = this.simulatorOrFail().baseUrl('google', tenant);
    return {
      environment: 'sandbox',
      client: { clientId: SANDBOX_GOOGLE_CLIENT_ID, clientSecret: SANDBOX_GOOGLE_CLIENT_SECRET },
      adsApiUrl: world,
      adsApiVersion: this.config.google.adsApiVersion,
      oauthAuthorizeUrl: `${this.config.publicUrl}${SANDBOX_CONSENT_PATH}/google/o/oauth2/v2/auth`,
      oauthTokenUrl: `${world}/token`,
      oauthRevokeUrl: `${world}/revoke`,
      // Google ignores developer tokens since 2026-09-09; the simulator accepts calls with or without one.
      developerToken: undefined,
      loginCustomerId: undefined,
    };
  }

  /** Refuses, before anything is sent, a token that belongs to the other environment. */
  assertTokenFits(environment: CallEnvironment, token: string): void {
    if (isSandboxToken(token) !== (environment === 'sandbox')) {
      throw new Error(`A ${isSandboxToken(token) ? 'sandbox' : 'live'} platform token was about to be sent to the ${environment} platform; refused`);
    }
  }

  private sandboxTenant(): string | undefined {
    const tenant = currentCallTenant();
    if (tenant.environment !== 'sandbox') return undefined;
    if (tenant.id === undefined) throw new Error('A sandbox platform call without its tenant');
    return tenant.id;
  }

  private simulatorOrFail(): SandboxSimulator {
    if (!this.simulator) throw new Error('The sandbox simulator is not running in this process');
    return this.simulator;
  }
}
