import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import type { PlatformName } from '../../platforms/platform-error';
import { TokenCipher } from './token-cipher';

export type TokenKind = 'access' | 'refresh';

/** Identifies the connection a token belongs to; stable across reconnects, so it is known before the row exists. */
export interface TokenOwner {
  tenantId: string;
  teamId: string;
  platform: PlatformName;
  platformUserId: string;
}

/** Seals platform tokens for storage with the key from TOKEN_ENCRYPTION_KEY. */
@Injectable()
export class TokenVault {
  private readonly cipher: TokenCipher;

  constructor(config: AppConfig) {
    this.cipher = new TokenCipher(config.tokenEncryptionKey);
  }

  seal(owner: TokenOwner, kind: TokenKind, token: string): string {
    return this.cipher.seal(token, TokenVault.context(owner, kind));
  }

  open(owner: TokenOwner, kind: TokenKind, sealed: string): string {
    return this.cipher.open(sealed, TokenVault.context(owner, kind));
  }

  private static context(owner: TokenOwner, kind: TokenKind): string {
    return [owner.tenantId, owner.teamId, owner.platform, owner.platformUserId, kind].join('\n');
  }
}
