import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../common/app.exception';
import { PlatformDrivers } from '../platforms/platform-drivers.service';
import { PlatformError, PlatformName } from '../platforms/platform-error';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { TokenOwner, TokenVault } from './vault/token-vault.service';

/** Refresh this long before the platform's expiry, so a token never dies mid-request. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

interface ConnectionSecretRow {
  id: string;
  tenant_id: string;
  team_id: string;
  platform: PlatformName;
  platform_user_id: string;
  status: 'active' | 'expired';
  status_reason: string | null;
  access_token_ciphertext: string;
  refresh_token_ciphertext: string | null;
  access_token_expires_at: Date | null;
}

const SECRET_COLUMNS = `id, tenant_id, team_id, platform, platform_user_id, status, status_reason, access_token_ciphertext,
  refresh_token_ciphertext, access_token_expires_at`;

function ownerOf(row: ConnectionSecretRow): TokenOwner {
  return { tenantId: row.tenant_id, teamId: row.team_id, platform: row.platform, platformUserId: row.platform_user_id };
}

function expiredError(platform: PlatformName, reason: string | null): PlatformError {
  return PlatformError.authExpired(`The ${platform} connection has expired${reason ? ` (${reason})` : ''}; connect it again`, { platform });
}

/**
 * Hands out a usable platform token for a connection: refreshes Google tokens shortly before they expire (once, even
 * when many requests ask at the same moment: in-process single flight plus a row lock across replicas) and marks the
 * connection expired when the platform refuses it for good.
 */
@Injectable()
export class ConnectionTokens {
  private readonly logger = new Logger(ConnectionTokens.name);
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: TokenVault,
    private readonly drivers: PlatformDrivers,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** Runs `call` with a valid access token; an auth failure marks the connection expired (Google first retries once with a fresh token). */
  async withAccessToken<T>(tenantId: string, connectionId: string, call: (accessToken: string) => Promise<T>): Promise<T> {
    const row = await this.load(this.dataSource.manager, tenantId, connectionId, false);
    const token = await this.usableToken(row);
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof PlatformError) || !error.authExpired) throw error;
      if (row.platform === 'google' && row.refresh_token_ciphertext) {
        const fresh = await this.refreshOnce(tenantId, connectionId, row.access_token_ciphertext);
        return this.retryWithFreshToken(tenantId, connectionId, fresh, call);
      }
      await this.markExpired(tenantId, connectionId, error.platformDetails.platformMessage ?? 'the platform refused the token');
      throw error;
    }
  }

  private async retryWithFreshToken<T>(tenantId: string, connectionId: string, token: string, call: (accessToken: string) => Promise<T>): Promise<T> {
    try {
      return await call(token);
    } catch (error) {
      if (error instanceof PlatformError && error.authExpired) {
        await this.markExpired(tenantId, connectionId, error.platformDetails.platformMessage ?? 'the platform refused a fresh token');
      }
      throw error;
    }
  }

  /** The stored tokens in clear, for revoking them at the platform. */
  async tokensForRevoke(tenantId: string, connectionId: string): Promise<{ platform: PlatformName; accessToken: string; refreshToken: string | null }> {
    const row = await this.load(this.dataSource.manager, tenantId, connectionId, false);
    return {
      platform: row.platform,
      accessToken: this.vault.open(ownerOf(row), 'access', row.access_token_ciphertext),
      refreshToken: row.refresh_token_ciphertext ? this.vault.open(ownerOf(row), 'refresh', row.refresh_token_ciphertext) : null,
    };
  }

  /** Marks the connection expired; the first time only (active → expired), tells the `connection.expired` webhooks. */
  async markExpired(tenantId: string, connectionId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [changed]: Array<{ id: string; team_id: string; platform: string }> = await manager.query(
        `WITH changed AS (
           UPDATE platform_connections SET status = 'expired', status_reason = $3, updated_at = now()
            WHERE id = $1 AND tenant_id = $2 AND status <> 'expired'
            RETURNING id, team_id, platform)
         SELECT * FROM changed`,
        [connectionId, tenantId, reason.slice(0, 500)],
      );
      if (!changed) return;
      await this.webhooks.emit(manager, {
        tenantId,
        teamId: changed.team_id,
        type: 'connection.expired',
        data: { connectionId, teamId: changed.team_id, platform: changed.platform, reason: reason.slice(0, 500) },
      });
    });
  }

  private async usableToken(row: ConnectionSecretRow): Promise<string> {
    if (row.status === 'expired') throw expiredError(row.platform, row.status_reason);
    const expiresAt = row.access_token_expires_at?.getTime();
    if (expiresAt === undefined || expiresAt > Date.now() + REFRESH_MARGIN_MS) return this.vault.open(ownerOf(row), 'access', row.access_token_ciphertext);
    if (row.platform === 'google' && row.refresh_token_ciphertext) return this.refreshOnce(row.tenant_id, row.id);
    if (expiresAt > Date.now()) return this.vault.open(ownerOf(row), 'access', row.access_token_ciphertext);
    await this.markExpired(row.tenant_id, row.id, 'access token expired');
    throw expiredError(row.platform, 'access token expired');
  }

  /**
   * One refresh per connection at a time in this process. `staleCiphertext` forces a refresh unless someone already
   * replaced that token; without it the refresh happens only if the token is still close to expiry.
   */
  private refreshOnce(tenantId: string, connectionId: string, staleCiphertext?: string): Promise<string> {
    const running = this.refreshing.get(connectionId);
    if (running) return running;
    const refresh = this.refresh(tenantId, connectionId, staleCiphertext).finally(() => this.refreshing.delete(connectionId));
    this.refreshing.set(connectionId, refresh);
    return refresh;
  }

  private async refresh(tenantId: string, connectionId: string, staleCiphertext?: string): Promise<string> {
    let expiredReason: string | undefined;
    let platform: PlatformName = 'google';
    const token = await this.dataSource.transaction(async (manager) => {
      const row = await this.load(manager, tenantId, connectionId, true);
      platform = row.platform;
      if (row.status === 'expired') throw expiredError(row.platform, row.status_reason);
      const expiresAt = row.access_token_expires_at?.getTime() ?? Number.POSITIVE_INFINITY;
      const alreadyFresh = staleCiphertext ? row.access_token_ciphertext !== staleCiphertext : expiresAt > Date.now() + REFRESH_MARGIN_MS;
      if (alreadyFresh) return this.vault.open(ownerOf(row), 'access', row.access_token_ciphertext);
      const driver = this.drivers.get(row.platform);
      if (!row.refresh_token_ciphertext || !driver.refreshAccessToken) {
        expiredReason = 'no refresh token';
        return undefined;
      }
      try {
        const fresh = await driver.refreshAccessToken(this.vault.open(ownerOf(row), 'refresh', row.refresh_token_ciphertext));
        await manager.query(
          `UPDATE platform_connections SET access_token_ciphertext = $3, access_token_expires_at = $4, updated_at = now()
            WHERE id = $1 AND tenant_id = $2`,
          [row.id, tenantId, this.vault.seal(ownerOf(row), 'access', fresh.accessToken), fresh.expiresAt],
        );
        return fresh.accessToken;
      } catch (error) {
        if (error instanceof PlatformError && error.authExpired) {
          expiredReason = error.platformDetails.platformMessage ?? 'refresh token expired or revoked';
          return undefined;
        }
        throw error;
      }
    });
    if (token !== undefined) return token;
    this.logger.warn({ connectionId, tenantId }, 'Platform refused the refresh token; connection marked expired');
    await this.markExpired(tenantId, connectionId, expiredReason ?? 'refresh failed');
    throw expiredError(platform, expiredReason ?? null);
  }

  private async load(manager: EntityManager, tenantId: string, connectionId: string, lock: boolean): Promise<ConnectionSecretRow> {
    const rows: ConnectionSecretRow[] = await manager.query(
      `SELECT ${SECRET_COLUMNS} FROM platform_connections WHERE id = $1 AND tenant_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [connectionId, tenantId],
    );
    if (!rows[0]) throw AppException.notFound('Connection not found');
    return rows[0];
  }
}
