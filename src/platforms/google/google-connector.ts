import { Injectable } from '@nestjs/common';
import { PlatformError } from '../platform-error';
import type { PlatformAdAccount, PlatformGrant } from '../platform-grant';
import { buildGaql } from './gaql-query.builder';
import { GoogleAdsClient, GoogleAdsRow } from './google-ads.client';
import { GOOGLE_CUSTOMER_FIELDS, mapGoogleCustomer, unavailableGoogleCustomer } from './google-customer.mapper';
import { isGoogleAuthorizationError } from './google-error.mapper';
import { GoogleOAuthClient } from './google-oauth.client';

/** Customers read at once while connecting: enough to be quick, few enough to stay clear of per-token QPS limits. */
const CUSTOMER_CONCURRENCY = 4;
const CUSTOMER_QUERY = buildGaql({ select: GOOGLE_CUSTOMER_FIELDS, from: 'customer' });

async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
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

/** The Google OAuth callback chain: code → tokens → Google user → every directly accessible customer. */
@Injectable()
export class GoogleConnector {
  constructor(
    private readonly oauth: GoogleOAuthClient,
    private readonly ads: GoogleAdsClient,
  ) {}

  async connect(code: string): Promise<PlatformGrant> {
    const tokens = await this.oauth.exchangeCode(code);
    if (!tokens.refreshToken) {
      throw PlatformError.failed(
        'Google returned no refresh token; remove the app at https://myaccount.google.com/permissions and connect again',
        { platform: 'google', platformCode: 'NO_REFRESH_TOKEN' },
      );
    }
    const customerIds = await this.ads.listAccessibleCustomers(tokens.accessToken);
    const accounts = await mapLimited(customerIds, CUSTOMER_CONCURRENCY, (id) => this.account(tokens.accessToken, id));
    return {
      platform: 'google',
      platformUserId: tokens.subject ?? `customers:${[...customerIds].sort().join(',')}`,
      scopes: tokens.scopes,
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.expiresAt,
      refreshToken: tokens.refreshToken,
      accounts,
    };
  }

  /** A customer Google lists but will not let us read (cancelled, no permission) is kept with its id alone. */
  private async account(accessToken: string, customerId: string): Promise<PlatformAdAccount> {
    try {
      const [row] = await this.ads.search<GoogleAdsRow>(accessToken, customerId, CUSTOMER_QUERY);
      return row ? mapGoogleCustomer(row, customerId) : unavailableGoogleCustomer(customerId);
    } catch (error) {
      if (isGoogleAuthorizationError(error)) return unavailableGoogleCustomer(customerId);
      throw error;
    }
  }
}
