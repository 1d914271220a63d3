import { Injectable } from '@nestjs/common';
import type { PlatformAdAccount } from '../platform-grant';
import { buildGaql } from './gaql-query.builder';
import { GoogleAdsClient, GoogleAdsRow } from './google-ads.client';
import { GOOGLE_CLIENT_FIELDS, GOOGLE_CUSTOMER_FIELDS, mapGoogleClient, mapGoogleCustomer, unavailableGoogleCustomer } from './google-customer.mapper';
import { isGoogleAuthorizationError } from './google-error.mapper';

/** Customers read at once: enough to be quick, few enough to stay clear of per-token QPS limits. */
const CUSTOMER_CONCURRENCY = 4;
const CUSTOMER_QUERY = buildGaql({ select: GOOGLE_CUSTOMER_FIELDS, from: 'customer' });
const CLIENTS_QUERY = buildGaql({
  select: GOOGLE_CLIENT_FIELDS,
  from: 'customer_client',
  where: [{ field: 'customer_client.level', op: '<=', value: { int: 1 } }],
  orderBy: [{ field: 'customer_client.level' }, { field: 'customer_client.id' }],
});

export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Every Google Ads account a token reaches: the customers Google lists as directly accessible (each described with
 * `FROM customer`), then the clients of each manager among them (`FROM customer_client WHERE level <= 1`, sent with
 * login-customer-id = the manager). A client keeps the manager it was found through as `loginCustomerId`; an account
 * also reachable directly stays direct (null).
 */
@Injectable()
export class GoogleAccountsReader {
  constructor(private readonly ads: GoogleAdsClient) {}

  async accessibleAccounts(accessToken: string): Promise<PlatformAdAccount[]> {
    const customerIds = await this.ads.listAccessibleCustomers(accessToken);
    const direct = await mapLimited(customerIds, CUSTOMER_CONCURRENCY, (id) => this.customer(accessToken, id));
    const managers = direct.filter((account) => account.isManager);
    const clientLists = await mapLimited(managers, CUSTOMER_CONCURRENCY, (manager) => this.clientsOf(accessToken, manager.accountId));

    const accounts = new Map(direct.map((account) => [account.accountId, account]));
    for (const client of clientLists.flat()) {
      const known = accounts.get(client.accountId);
      // A customer Google lists but will not describe directly is better known through its manager.
      if (!known || known.status === 'UNAVAILABLE') accounts.set(client.accountId, client);
    }
    return [...accounts.values()];
  }

  /** A customer Google lists but will not let us read (cancelled, no permission) is kept with its id alone. */
  private async customer(accessToken: string, customerId: string): Promise<PlatformAdAccount> {
    try {
      const [row] = await this.ads.search<GoogleAdsRow>(accessToken, customerId, CUSTOMER_QUERY, { loginCustomerId: null });
      return row ? mapGoogleCustomer(row, customerId) : unavailableGoogleCustomer(customerId);
    } catch (error) {
      if (isGoogleAuthorizationError(error)) return unavailableGoogleCustomer(customerId);
      throw error;
    }
  }

  /** A manager Google will not let us list (not enabled, no permission) simply contributes no clients. */
  private async clientsOf(accessToken: string, managerId: string): Promise<PlatformAdAccount[]> {
    try {
      const rows = await this.ads.search<GoogleAdsRow>(accessToken, managerId, CLIENTS_QUERY, { loginCustomerId: managerId });
      return rows.flatMap((row) => mapGoogleClient(row, managerId) ?? []);
    } catch (error) {
      if (isGoogleAuthorizationError(error)) return [];
      throw error;
    }
  }
}
