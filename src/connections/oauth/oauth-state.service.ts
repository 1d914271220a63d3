import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hkdfSync, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { PlatformName } from '../../platforms/platform-error';
import { OAuthStateCodec, OAuthStatePayload } from './oauth-state.codec';

export const OAUTH_STATE_TTL_SECONDS = 600;

export type ConnectFailureCode = 'INVALID_STATE' | 'STATE_EXPIRED' | 'STATE_ALREADY_USED';

export type ConsumedState =
  | { ok: true; state: OAuthStatePayload }
  /** `state` is present when the signature was ours: its redirect can be trusted for the error. */
  | { ok: false; error: ConnectFailureCode; state?: OAuthStatePayload };

/** Signed, short-lived, single-use OAuth `state`: the signature proves we issued it, the row that it is unused. */
@Injectable()
export class OAuthStateService {
  private readonly codec: OAuthStateCodec;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.codec = new OAuthStateCodec(Buffer.from(hkdfSync('sha256', config.jwtSecret, '', 'adlyft oauth state v1', 32)));
  }

  async issue(binding: Omit<OAuthStatePayload, 'nonce' | 'expiresAt'>): Promise<string> {
    const nonce = randomUUID();
    const expiresAt = Math.floor(Date.now() / 1000) + OAUTH_STATE_TTL_SECONDS;
    await this.dataSource.query(`DELETE FROM oauth_states WHERE expires_at < now() - interval '1 hour'`);
    await this.dataSource.query(`INSERT INTO oauth_states (nonce, tenant_id, expires_at) VALUES ($1, $2, to_timestamp($3))`, [
      nonce,
      binding.tenantId,
      expiresAt,
    ]);
    return this.codec.encode({ ...binding, nonce, expiresAt });
  }

  /**
   * Verifies the state without burning it: for the sandbox's simulated consent dialog, which must know whose
   * simulated platform it stands for before the browser comes back to the callback (which burns it).
   */
  async peek(raw: string | undefined, platform: PlatformName): Promise<ConsumedState> {
    const state = raw ? this.codec.decode(raw) : undefined;
    if (!state || state.platform !== platform) return { ok: false, error: 'INVALID_STATE' };
    if (state.expiresAt * 1000 <= Date.now()) return { ok: false, error: 'STATE_EXPIRED', state };
    const unused: Array<{ nonce: string }> = await this.dataSource.query('SELECT nonce FROM oauth_states WHERE nonce = $1 AND tenant_id = $2', [state.nonce, state.tenantId]);
    if (unused.length === 0) return { ok: false, error: 'STATE_ALREADY_USED', state };
    return { ok: true, state };
  }

  /** Verifies and burns the state: a second use, even within the ten minutes, fails. */
  async consume(raw: string | undefined, platform: PlatformName): Promise<ConsumedState> {
    const state = raw ? this.codec.decode(raw) : undefined;
    if (!state || state.platform !== platform) return { ok: false, error: 'INVALID_STATE' };
    const burned: Array<{ nonce: string }> = await this.dataSource.query(
      `WITH burned AS (DELETE FROM oauth_states WHERE nonce = $1 AND tenant_id = $2 RETURNING nonce) SELECT nonce FROM burned`,
      [state.nonce, state.tenantId],
    );
    if (state.expiresAt * 1000 <= Date.now()) return { ok: false, error: 'STATE_EXPIRED', state };
    if (burned.length === 0) return { ok: false, error: 'STATE_ALREADY_USED', state };
    return { ok: true, state };
  }
}
