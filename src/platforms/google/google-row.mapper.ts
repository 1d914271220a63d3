import type { GoogleAdsRow } from './google-ads.client';
import type { GoogleColumn } from './google-report.fields';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** The REST value of a GAQL field: `ad_group_ad.ad.final_urls` sits at `adGroupAd.ad.finalUrls`. */
export function googleRowValue(row: GoogleAdsRow, gaqlField: string): unknown {
  let node: unknown = row;
  for (const part of gaqlField.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[camel(part)];
  }
  return node;
}

/** int64 arrive as strings, doubles as numbers. */
function toNumber(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : null;
}

/** Micros to currency units, rounded to the micro so 0.1 + 0.2 artefacts do not leak out. */
export const microsToUnits = (micros: number) => Math.round(micros) / 1e6;

/**
 * One REST row as a flat snake_case object in column order: ids as strings, enums and texts as strings (null when
 * absent), metrics as numbers (0 when absent), money twice (micros and currency units), then `currency` when given.
 */
export function normalizeGoogleRow(row: GoogleAdsRow, columns: readonly GoogleColumn[], currency?: string | null): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const { name, spec } of columns) {
    const raw = googleRowValue(row, spec.gaql);
    switch (spec.kind) {
      case 'id':
        result[name] = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : null;
        break;
      case 'text':
        result[name] = typeof raw === 'string' && raw !== '' ? raw : null;
        break;
      case 'strings':
        result[name] = Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : [];
        break;
      case 'texts':
        result[name] = Array.isArray(raw) ? raw.flatMap((item) => (isRecord(item) && typeof item.text === 'string' ? [item.text] : [])) : [];
        break;
      case 'number':
        result[name] = toNumber(raw) ?? 0;
        break;
      case 'money': {
        const micros = toNumber(raw) ?? (spec.metric ? 0 : null);
        const keys = spec.money ?? { micros: name, units: name.replace(/_micros$/, '') };
        result[keys.micros] = micros;
        result[keys.units] = micros === null ? null : microsToUnits(micros);
        break;
      }
    }
  }
  if (currency !== undefined) result.currency = currency;
  return result;
}
