import { Injectable } from '@nestjs/common';
import type { AdAccountAccess } from '../../../ad-accounts/ad-account-access.types';
import { ConnectionTokens } from '../../../connections/connection-tokens.service';
import { isGoogleUserPermissionDenied } from '../google-error.mapper';
import type { GoogleReportAccount } from '../google-report.reader';
import { GoogleManagerRoutes } from '../google-manager-routes.service';

/**
 * Runs Google Ads calls for a resolved ad account with its connection's token (refresh before expiry, one retry on a
 * refused token and expiry marking happen in ConnectionTokens). A USER_PERMISSION_DENIED answer is retried once
 * through a manager of the same connection that lists the account, and that manager is remembered.
 */
@Injectable()
export class GoogleAccountCalls {
  constructor(
    private readonly tokens: ConnectionTokens,
    private readonly routes: GoogleManagerRoutes,
  ) {}

  run<T>(account: AdAccountAccess, call: (accessToken: string, ref: GoogleReportAccount) => Promise<T>): Promise<T> {
    return this.tokens.withAccessToken(account.tenantId, account.connectionId, async (token) => {
      const ref: GoogleReportAccount = { accountId: account.accountId, loginCustomerId: account.loginCustomerId, currency: account.currency };
      try {
        return await call(token, ref);
      } catch (error) {
        if (!isGoogleUserPermissionDenied(error)) throw error;
        const managerId = await this.routes.find(token, account, account.loginCustomerId);
        if (!managerId) throw error;
        const result = await call(token, { ...ref, loginCustomerId: managerId });
        await this.routes.remember(account, managerId);
        return result;
      }
    });
  }
}
