/** Usage the fake reports on successful answers (percentages 0–100), as Meta's three usage headers. */
export interface SimMetaUsage {
  /** Counters of every X-Business-Use-Case-Usage entry (keyed by the ad account of the path, else the first object id). */
  bucPercent?: number;
  /** `estimated_time_to_regain_access` of the business-use-case entries, in minutes. */
  regainMinutes?: number;
  /** `acc_id_util_pct` of X-Ad-Account-Usage (sent on ad-account paths only). */
  accountPercent?: number;
  /** `reset_time_duration` of X-Ad-Account-Usage, in seconds. */
  resetSeconds?: number;
  /** Counters of X-App-Usage. */
  appPercent?: number;
}

/** What the fake sends when a test set no usage: a low app usage, like an app far from its limits. */
const DEFAULT_APP_PERCENT = 1;

/** The usage headers of a successful answer to `path` (the path after the version). */
export function usageHeaders(usage: SimMetaUsage | undefined, path: string): Record<string, string> {
  const appPercent = usage?.appPercent ?? DEFAULT_APP_PERCENT;
  const headers: Record<string, string> = {
    'X-App-Usage': JSON.stringify({ call_count: appPercent, total_time: appPercent, total_cputime: appPercent }),
  };
  if (!usage) return headers;
  const account = /^\/act_(\d+)/.exec(path)?.[1];
  if (usage.bucPercent !== undefined || usage.regainMinutes !== undefined) {
    const objectId = account ?? /^\/(\d+)/.exec(path)?.[1] ?? '0';
    const percent = usage.bucPercent ?? 0;
    headers['X-Business-Use-Case-Usage'] = JSON.stringify({
      [objectId]: [
        {
          type: 'ads_management',
          call_count: percent,
          total_cputime: percent,
          total_time: percent,
          estimated_time_to_regain_access: usage.regainMinutes ?? 0,
          ads_api_access_tier: 'development_access',
        },
      ],
    });
  }
  if (account && (usage.accountPercent !== undefined || usage.resetSeconds !== undefined)) {
    headers['X-Ad-Account-Usage'] = JSON.stringify({
      acc_id_util_pct: usage.accountPercent ?? 0,
      reset_time_duration: usage.resetSeconds ?? 0,
      ads_api_access_tier: 'development_access',
    });
  }
  return headers;
}
