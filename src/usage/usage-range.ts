const DAY_MS = 86_400_000;
export const MAX_USAGE_RANGE_DAYS = 366;
export const DEFAULT_USAGE_RANGE_DAYS = 30;

export interface UsageRange {
  from: string;
  to: string;
}

/** Milliseconds of a real calendar date written YYYY-MM-DD (2026-02-30 is not one), else undefined. */
function dayMs(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? undefined : ms;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The inclusive range of UTC days asked for: `to` defaults to today, `from` to 29 days before `to`.
 * Returns the problems (one per field) when the range is not valid.
 */
export function resolveUsageRange(from: string | undefined, to: string | undefined, now: number = Date.now()): UsageRange | { problems: string[] } {
  const problems: string[] = [];
  const toMs = to === undefined ? dayMs(isoDay(now)) : dayMs(to);
  if (toMs === undefined) problems.push('to must be a calendar date written YYYY-MM-DD');
  const fromMs = from === undefined ? (toMs === undefined ? undefined : toMs - (DEFAULT_USAGE_RANGE_DAYS - 1) * DAY_MS) : dayMs(from);
  if (fromMs === undefined && from !== undefined) problems.push('from must be a calendar date written YYYY-MM-DD');
  if (problems.length > 0 || fromMs === undefined || toMs === undefined) return { problems };
  if (fromMs > toMs) return { problems: ['from must not be after to'] };
  if ((toMs - fromMs) / DAY_MS + 1 > MAX_USAGE_RANGE_DAYS) return { problems: [`the range may span at most ${MAX_USAGE_RANGE_DAYS} days`] };
  return { from: isoDay(fromMs), to: isoDay(toMs) };
}
