import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service';
import type { TeamAccess } from '../../access/access.types';
import type { AuthUser } from '../../auth/auth-user';
import { AppException } from '../../common/app.exception';
import { normalizeOrigin } from '../../common/http/origin';
import { PlatformDrivers } from '../../platforms/platform-drivers.service';
import { PlatformError, PlatformName } from '../../platforms/platform-error';
import { attributeCallsTo, CallEnvironment } from '../../usage/usage-scope';
import { ConnectionStore } from '../connection-store.service';
import type { ConnectResult } from './connect-result.page';
import { OAuthStatePayload } from './oauth-state.codec';
import { OAuthStateService } from './oauth-state.service';

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
}

/** Where the browser goes after a callback: the tenant's redirect, or our own page when there is none to trust. */
export interface CallbackOutcome {
  result: ConnectResult;
  redirect: string | null;
}

function withResult(redirect: string, result: ConnectResult): string {
  const url = new URL(redirect);
  url.searchParams.set('status', result.status);
  url.searchParams.set('platform', result.platform);
  if (result.connectionId) url.searchParams.set('connectionId', result.connectionId);
  if (result.error) url.searchParams.set('error', result.error);
  return url.toString();
}

/** The OAuth connect flow: the authorization URL, then the callback that stores what the platform granted. */
@Injectable()
export class ConnectService {
  private readonly logger = new Logger(ConnectService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drivers: PlatformDrivers,
    private readonly states: OAuthStateService,
    private readonly access: AccessService,
    private readonly store: ConnectionStore,
  ) {}

  async authorizationUrl(user: AuthUser, team: TeamAccess, platform: PlatformName, redirect: string | undefined): Promise<{ authUrl: string }> {
    const driver = this.drivers.configured(platform);
    if (redirect !== undefined) await this.assertAllowedRedirect(user.tenantId, redirect);
    const state = await this.states.issue({ tenantId: user.tenantId, teamId: team.teamId, userId: user.id, platform, redirect: redirect ?? null });
    return { authUrl: driver.authorizeUrl(state) };
  }

  async handleCallback(platform: PlatformName, query: CallbackQuery): Promise<CallbackOutcome> {
    const consumed = await this.states.consume(query.state, platform);
    const environment = consumed.state === undefined ? undefined : await this.environmentIfStillAllowed(consumed.state);
    if (!consumed.ok) return this.fail(platform, consumed.error, environment ? consumed.state : undefined);
    const state = consumed.state;
    if (!environment) return this.fail(platform, 'INVALID_STATE');
    if (query.error) return this.fail(platform, query.error === 'access_denied' ? 'ACCESS_DENIED' : 'PLATFORM_ERROR', state);
    if (!query.code) return this.fail(platform, 'INVALID_REQUEST', state);

    const team = await this.access.team(state.tenantId, state.userId, state.teamId);
    if (!team || (team.role !== 'ADMIN' && !team.isWorkspaceAdmin)) return this.fail(platform, 'FORBIDDEN', state);
    try {
      attributeCallsTo({ id: state.tenantId, environment });
      const grant = await this.drivers.configured(platform).connect(query.code);
      const saved = await this.store.saveGrant({ tenantId: state.tenantId, teamId: state.teamId, userId: state.userId }, grant);
      this.logger.log({ tenantId: state.tenantId, teamId: state.teamId, platform, connectionId: saved.connectionId, accounts: grant.accounts.length }, 'Connection saved');
      const result: ConnectResult = { status: 'success', platform, connectionId: saved.connectionId };
      return { result, redirect: state.redirect ? withResult(state.redirect, result) : null };
    } catch (error) {
      const code = error instanceof AppException ? error.code : 'INTERNAL_ERROR';
      const log = { tenantId: state.tenantId, platform, code, reason: (error as Error).message };
      if (error instanceof PlatformError || error instanceof AppException) this.logger.warn(log, 'Connect callback failed');
      else this.logger.error({ ...log, stack: (error as Error).stack }, 'Connect callback failed');
      return this.fail(platform, code, state);
    }
  }

  private fail(platform: PlatformName, error: string, state?: OAuthStatePayload): CallbackOutcome {
    const result: ConnectResult = { status: 'error', platform, error };
    return { result, redirect: state?.redirect ? withResult(state.redirect, result) : null };
  }

  private async assertAllowedRedirect(tenantId: string, redirect: string): Promise<void> {
    if (!(await this.allowedOrigins(tenantId)).includes(this.originOf(redirect) ?? '')) {
      throw AppException.badRequest('Validation failed', ["redirect's origin is not in the tenant's allowed redirect origins"]);
    }
  }

  /**
   * The tenant may have been disabled, or the origin withdrawn, while the user was at the platform. When neither
   * happened, the tenant's environment (where the callback's platform calls go); otherwise undefined.
   */
  private async environmentIfStillAllowed(state: OAuthStatePayload): Promise<CallEnvironment | undefined> {
    const rows: Array<{ allowed_redirect_origins: string[]; environment: CallEnvironment }> = await this.dataSource.query(
      `SELECT allowed_redirect_origins, environment FROM tenants WHERE id = $1 AND status = 'active'`,
      [state.tenantId],
    );
    const tenant = rows[0];
    if (!tenant) return undefined;
    const allowed = state.redirect === null || tenant.allowed_redirect_origins.includes(this.originOf(state.redirect) ?? '');
    return allowed ? tenant.environment : undefined;
  }

  private async allowedOrigins(tenantId: string): Promise<string[]> {
    const rows: Array<{ allowed_redirect_origins: string[] }> = await this.dataSource.query(
      `SELECT allowed_redirect_origins FROM tenants WHERE id = $1`,
      [tenantId],
    );
    return rows[0]?.allowed_redirect_origins ?? [];
  }

  private originOf(redirect: string): string | undefined {
    try {
      const url = new URL(redirect);
      return url.protocol === 'http:' || url.protocol === 'https:' ? normalizeOrigin(url.origin) : undefined;
    } catch {
      return undefined;
    }
  }
}
