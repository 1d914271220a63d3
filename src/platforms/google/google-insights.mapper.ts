import type { GoogleAdsRow } from './google-ads.client';
import { GOOGLE_BREAKDOWN_SPECS, GOOGLE_METRIC_SPECS, GoogleConnectionBreakdown, GoogleConnectionMetric } from './google-insights.fields';

/** int64 arrive as strings, doubles as numbers; proto3 JSON leaves zero values out. */
function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : 0;
  return Number.isFinite(number) ? number : 0;
}

/** Micros to currency units, rounded to the micro so 0.1 + 0.2 artefacts do not leak out. */
const fromMicros = (micros: number) => Math.round(micros) / 1e6;

/** One REST row as `{<breakdown>: key, <metric>: number, …}` under our neutral names, in the order asked. */
export function normalizeGoogleInsightsRow(
  row: GoogleAdsRow,
  metrics: readonly GoogleConnectionMetric[],
  breakdown?: GoogleConnectionBreakdown,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (breakdown) {
    const spec = GOOGLE_BREAKDOWN_SPECS[breakdown];
    const key = row[spec.resource]?.[spec.key];
    result[breakdown] = typeof key === 'string' || typeof key === 'number' ? key : null;
  }
  for (const metric of metrics) {
    const spec = GOOGLE_METRIC_SPECS[metric];
    const value = toNumber(row[spec.resource]?.[spec.key]);
    result[metric] = spec.micros ? fromMicros(value) : value;
  }
  return result;
}
