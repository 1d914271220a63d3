// Placeholder until the simulator server lands (branch sandbox-meta); same public surface.
import { Injectable } from '@nestjs/common';
import type { SandboxConsentAnswer, SandboxDialogParams, SandboxPlatform } from './sandbox-world';

@Injectable()
export class SandboxSimulator {
  baseUrl(_platform: SandboxPlatform, _tenantId: string): string {
    throw new Error('not yet');
  }

  consent(_platform: SandboxPlatform, _tenantId: string, _method: 'GET' | 'POST', _params: SandboxDialogParams, _action: string): SandboxConsentAnswer {
    throw new Error('not yet');
  }
}
