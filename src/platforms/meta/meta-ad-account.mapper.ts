import type { PlatformAdAccount } from '../platform-grant';

/** One node of `GET /me/adaccounts` as Meta sends it. */
export interface MetaAdAccountNode {
  id?: string;
  account_id?: string;
  name?: string;
  account_status?: number | string;
  currency?: string;
  timezone_name?: string;
}

export const META_ACCOUNT_STATUSES: Readonly<Record<number, string>> = {
  1: 'ACTIVE',
  2: 'DISABLED',
  3: 'UNSETTLED',
  7: 'PENDING_RISK_REVIEW',
  8: 'PENDING_SETTLEMENT',
  9: 'IN_GRACE_PERIOD',
  100: 'PENDING_CLOSURE',
  101: 'CLOSED',
};

function accountStatus(value: number | string | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return META_ACCOUNT_STATUSES[n] ?? String(value);
}

export function mapMetaAdAccount(node: MetaAdAccountNode): PlatformAdAccount {
  const accountId = node.account_id ?? (node.id ?? '').replace(/^act_/, '');
  return {
    accountId: String(accountId),
    name: node.name ?? null,
    currency: node.currency ?? null,
    timezone: node.timezone_name ?? null,
    status: accountStatus(node.account_status),
    isManager: false,
    loginCustomerId: null,
  };
}
