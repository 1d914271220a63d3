import { Injectable } from '@nestjs/common';
import { PlatformError } from '../platform-error';
import type { PlatformGrant } from '../platform-grant';
import { GoogleAccountsReader } from './google-accounts.reader';
import { GoogleOAuthClient } from './google-oauth.client';

/**
 * The Google OAuth callback chain: code → tokens → Google user → every accessible customer, including the clients of
 * the managers among them (kept with the manager's id, their login-customer-id).
 */
@Injectable()
export class GoogleConnector {
  constructor(
    private readonly oauth: GoogleOAuthClient,
    private readonly accountsReader: GoogleAccountsReader,
  ) {}

  async connect(code: string): Promise<PlatformGrant> {
    const tokens = await this.oauth.exchangeCode(code);
    if (!tokens.refreshToken) {
      throw PlatformError.failed(
        'Google returned no refresh token; remove the app at https://myaccount.google.com/permissions and connect again',
        { platform: 'google', platformCode: 'NO_REFRESH_TOKEN' },
      );
    }
    const accounts = await this.accountsReader.accessibleAccounts(tokens.accessToken);
    const directIds = accounts.filter((account) => account.loginCustomerId === null).map((account) => account.accountId);
    return {
      platform: 'google',
      platformUserId: tokens.subject ?? `customers:${directIds.sort().join(',')}`,
      scopes: tokens.scopes,
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.expiresAt,
      refreshToken: tokens.refreshToken,
      accounts,
    };
  }
}
