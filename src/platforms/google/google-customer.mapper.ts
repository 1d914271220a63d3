import { PlatformError } from '../platform-error';
import type { PlatformAdAccount } from '../platform-grant';
import type { GoogleAdsRow } from './google-ads.client';

/** What the connector asks of each accessible customer. */
export const GOOGLE_CUSTOMER_FIELDS = [
  'customer.id',
  'customer.descriptive_name',
  'customer.currency_code',
  'customer.time_zone',
  'customer.manager',
  'customer.status',
] as const;

/** Google writes customer ids as 123-456-7890 in its UI; the API wants the 10 digits alone. */
export function normalizeGoogleCustomerId(value: string): string {
  const digits = typeof value === 'string' ? value.replace(/-/g, '') : '';
  if (!/^\d{10}$/.test(digits)) {
    throw PlatformError.badRequest('A Google Ads customer id is 10 digits (hyphens allowed)', { platform: 'google', platformCode: 'INVALID_CUSTOMER_ID' });
  }
  return digits;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** A `SELECT customer.… FROM customer` row as an ad account reached directly (no manager in between). */
export function mapGoogleCustomer(row: GoogleAdsRow, customerId: string): PlatformAdAccount {
  const customer = row.customer ?? {};
  const id = customer.id === undefined ? '' : String(customer.id);
  return {
    accountId: /^\d{10}$/.test(id) ? id : normalizeGoogleCustomerId(customerId),
    name: text(customer.descriptiveName),
    currency: text(customer.currencyCode),
    timezone: text(customer.timeZone),
    status: text(customer.status),
    isManager: customer.manager === true,
    loginCustomerId: null,
  };
}

/** A customer the user lists but may not read (cancelled, suspended, no permission): kept so the user sees it. */
export function unavailableGoogleCustomer(customerId: string): PlatformAdAccount {
  return {
    accountId: normalizeGoogleCustomerId(customerId),
    name: null,
    currency: null,
    timezone: null,
    status: 'UNAVAILABLE',
    isManager: false,
    loginCustomerId: null,
  };
}

/** What the account listing asks of each client under a manager (`FROM customer_client`, run against the manager). */
export const GOOGLE_CLIENT_FIELDS = [
  'customer_client.id',
  'customer_client.descriptive_name',
  'customer_client.currency_code',
  'customer_client.time_zone',
  'customer_client.manager',
  'customer_client.status',
  'customer_client.level',
] as const;

/**
 * A `FROM customer_client` row as an ad account reached through `managerId` (sent as login-customer-id). The manager's
 * own row (level 0) and rows without a valid id are not clients: null.
 */
export function mapGoogleClient(row: GoogleAdsRow, managerId: string): PlatformAdAccount | null {
  const client = row.customerClient ?? {};
  const id = client.id === undefined ? '' : String(client.id);
  if (!/^\d{10}$/.test(id) || id === managerId || String(client.level ?? '0') === '0') return null;
  return {
    accountId: id,
    name: text(client.descriptiveName),
    currency: text(client.currencyCode),
    timezone: text(client.timeZone),
    status: text(client.status),
    isManager: client.manager === true,
    loginCustomerId: managerId,
  };
}
