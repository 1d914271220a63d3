import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { TokenCipher } from '../connections/vault/token-cipher';

/** Signing secrets of webhook endpoints: shown once at creation, kept encrypted and bound to their endpoint. */
@Injectable()
export class WebhookSecrets {
  private readonly cipher: TokenCipher;

  constructor(config: AppConfig) {
    this.cipher = new TokenCipher(config.tokenEncryptionKey);
  }

  generate(): string {
    return `whsec_${randomBytes(32).toString('base64url')}`;
  }

  seal(secret: string, tenantId: string, endpointId: string): string {
    return this.cipher.seal(secret, this.context(tenantId, endpointId));
  }

  open(ciphertext: string, tenantId: string, endpointId: string): string {
    return this.cipher.open(ciphertext, this.context(tenantId, endpointId));
  }

  private context(tenantId: string, endpointId: string): string {
    return `webhook-secret|${tenantId}|${endpointId}`;
  }
}
