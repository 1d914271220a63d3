import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdAccountAccess } from '../../ad-accounts/ad-account-access.types';
import { buildGaql } from './gaql-query.builder';
import { GoogleAdsClient, GoogleAdsRow } from './google-ads.client';
import { isGoogleAuthorizationError } from './google-error.mapper';

/** What finding and keeping a route needs of an ad account (a resolved access or an import's account). */
export type GoogleRoutedAccount = Pick<AdAccountAccess, 'tenantId' | 'connectionId' | 'accountId' | 'adsAccountId'>;

/**
 * Finds the manager to reach a Google account through (its login-customer-id) when Google refuses it directly: one of
 * the managers of the same connection whose `customer_client` lists the account. The one that works is kept on the
 * account's row so later calls go straight through it.
 */
@Injectable()
export class GoogleManagerRoutes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ads: GoogleAdsClient,
  ) {}

  /**
   * The first manager of the account's connection that lists it as a client, or null. `tried` is skipped; `onCall`
   * is told of each Google call.
   */
  async find(accessToken: string, account: GoogleRoutedAccount, tried: string | null, onCall?: () => void): Promise<string | null> {
    const query = buildGaql({ select: ['customer_client.id'], from: 'customer_client', where: [{ field: 'customer_client.id', op: '=', value: { id: account.accountId } }] });
    for (const managerId of await this.managers(account)) {
      if (managerId === tried) continue;
      try {
        onCall?.();
        const rows = await this.ads.search<GoogleAdsRow>(accessToken, managerId, query, { loginCustomerId: managerId });
        if (rows.some((row) => String(row.customerClient?.id ?? '') === account.accountId)) return managerId;
      } catch (error) {
        // A manager this user may no longer open is simply not the way in.
        if (!isGoogleAuthorizationError(error)) throw error;
      }
    }
    return null;
  }

  /** Keeps the manager found on the account's row (this tenant's row only). */
  async remember(account: GoogleRoutedAccount, managerId: string): Promise<void> {
    await this.dataSource.query(`UPDATE ad_accounts SET login_customer_id = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      account.tenantId,
      account.adsAccountId,
      managerId,
    ]);
  }

  /** The managers reached directly through the same connection, in a stable order. */
  private async managers(account: GoogleRoutedAccount): Promise<string[]> {
    const rows: Array<{ account_id: string }> = await this.dataSource.query(
      `SELECT account_id FROM ad_accounts
        WHERE tenant_id = $1 AND connection_id = $2 AND platform = 'google' AND is_manager AND login_customer_id IS NULL AND account_id <> $3
        ORDER BY account_id`,
      [account.tenantId, account.connectionId, account.accountId],
    );
    return rows.map((row) => row.account_id);
  }
}
