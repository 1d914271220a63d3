import { META_CONNECTION_METRICS } from './meta-insights.fields';

export interface MetaActionStat {
  action_type: string;
  value: number;
}

const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const METRICS = new Set(META_CONNECTION_METRICS);

function toNumber(value: unknown): unknown {
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value);
  return value;
}

function toActionStats(value: unknown[]): MetaActionStat[] {
  return value
    .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
    .map((item) => ({ action_type: String(item.action_type ?? ''), value: Number(toNumber(item.value) ?? 0) }));
}

/**
 * One insights row as our API returns it: metrics as numbers (spend stays in major units), action lists as
 * `{action_type, value}` with numeric values, breakdown key and `date_start`/`date_stop` kept as sent.
 * `account_currency` moves to the result. A `date` breakdown (daily rows) is exposed as `date`.
 */
export function normalizeMetaInsightsRow(row: Record<string, unknown>, breakdown?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'account_currency') continue;
    if (METRICS.has(key)) out[key] = Array.isArray(value) ? toActionStats(value) : toNumber(value);
    else out[key] = value;
  }
  if (breakdown === 'date' && out.date === undefined) out.date = row.date_start;
  return out;
}

export function metaInsightsCurrency(rows: Array<Record<string, unknown>>): string | null {
  const withCurrency = rows.find((row) => typeof row.account_currency === 'string' && row.account_currency !== '');
  return withCurrency ? (withCurrency.account_currency as string) : null;
}
