/**
 * Meta's rate-limit usage headers (platform-apis.md A7), read into numbers. Pure: no I/O, no clock.
 *
 * - `X-App-Usage: {"call_count":28,"total_time":25,"total_cputime":25}` (app level, percentages)
 * - `X-Ad-Account-Usage: {"acc_id_util_pct":9.67,"reset_time_duration":100,…}` (`reset_time_duration` in seconds)
 * - `X-Business-Use-Case-Usage: {"<object id>":[{"type":"ads_management","call_count":95,…,"estimated_time_to_regain_access":0}]}`
 *   (an object of arrays keyed by business object id; `estimated_time_to_regain_access` in minutes)
 */

export type MetaUsageHeaders = Record<string, string | undefined>;

export interface MetaUsage {
  /** The highest utilisation percentage of the three headers; undefined when none of them could be read. */
  percent?: number;
  /** Highest of `call_count`, `total_time`, `total_cputime` in X-App-Usage. */
  appPercent?: number;
  /** `acc_id_util_pct` of X-Ad-Account-Usage. */
  adAccountPercent?: number;
  /** Highest counter of any entry of X-Business-Use-Case-Usage. */
  businessUseCasePercent?: number;
  /** Longest `estimated_time_to_regain_access` (minutes) of X-Business-Use-Case-Usage, 0 included. */
  regainMinutes?: number;
  /** `reset_time_duration` (seconds) of X-Ad-Account-Usage. */
  resetSeconds?: number;
}

export const META_USAGE_HEADERS = {
  app: 'x-app-usage',
  adAccount: 'x-ad-account-usage',
  businessUseCase: 'x-business-use-case-usage',
} as const;

const COUNTERS = ['call_count', 'total_time', 'total_cputime'] as const;

/** A header by name, whatever the case of the record's keys. */
export function usageHeader(headers: MetaUsageHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function parseObject(value: string | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A finite number ≥ 0, also when Meta sends it as a string. */
function amount(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function highest(values: Array<number | undefined>): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
}

function counters(entry: Record<string, unknown>): number | undefined {
  return highest(COUNTERS.map((name) => amount(entry[name])));
}

function businessUseCaseEntries(value: string | undefined): Array<Record<string, unknown>> {
  const usage = parseObject(value);
  if (!usage) return [];
  return Object.values(usage)
    .flatMap((entries) => (Array.isArray(entries) ? entries : []))
    .filter((entry): entry is Record<string, unknown> => !!entry && typeof entry === 'object' && !Array.isArray(entry));
}

export function parseMetaUsage(headers: MetaUsageHeaders | undefined): MetaUsage {
  const usage: MetaUsage = {};

  const app = parseObject(usageHeader(headers, META_USAGE_HEADERS.app));
  if (app) usage.appPercent = counters(app);

  const account = parseObject(usageHeader(headers, META_USAGE_HEADERS.adAccount));
  if (account) {
    usage.adAccountPercent = amount(account.acc_id_util_pct);
    usage.resetSeconds = amount(account.reset_time_duration);
  }

  const entries = businessUseCaseEntries(usageHeader(headers, META_USAGE_HEADERS.businessUseCase));
  usage.businessUseCasePercent = highest(entries.map(counters));
  usage.regainMinutes = highest(entries.map((entry) => amount(entry.estimated_time_to_regain_access)));

  usage.percent = highest([usage.appPercent, usage.adAccountPercent, usage.businessUseCasePercent]);
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value !== undefined)) as MetaUsage;
}

/**
 * Seconds Meta asks us to wait after a throttling error: the longest positive business-use-case regain time, else a
 * positive ad-account reset time, else undefined (the caller picks a default).
 */
export function metaWaitSeconds(usage: MetaUsage): number | undefined {
  if (usage.regainMinutes !== undefined && usage.regainMinutes > 0) return usage.regainMinutes * 60;
  if (usage.resetSeconds !== undefined && usage.resetSeconds > 0) return usage.resetSeconds;
  return undefined;
}
