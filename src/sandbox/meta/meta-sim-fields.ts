import { SimAnswer, invalidParameter } from './meta-sim-errors';

export type SimRow = Record<string, unknown>;

export interface SimFilter {
  field: string;
  operator: string;
  value: unknown;
}

/** `fields=a,b`: trimmed names; `undefined` when absent, so the caller sends its node's default (`id`). */
/** Numeric comparisons, e.g. `{field: "campaign.updated_time", operator: "GREATER_THAN", value: <unix seconds>}`. */
const COMPARISONS = ['GREATER_THAN', 'LESS_THAN'];

export function requestedFields(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return [...new Set(value.split(',').map((name) => name.trim()).filter(Boolean))];
}

/** Meta refuses a field its node type does not have; a seeded row's own keys count as known. */
export function unknownField(fields: string[], known: readonly string[], rows: SimRow[], nodeType: string): SimAnswer | undefined {
  const bad = fields.find((field) => !known.includes(field) && !rows.some((row) => field in row));
  return bad === undefined ? undefined : invalidParameter(`Tried accessing nonexisting field (${bad}) on node type (${nodeType})`);
}

/** Only the requested fields plus `id`, like Meta ("each field you want to retrieve needs to be asked for explicitly, except for id"). */
export function renderFields(row: SimRow, fields: string[] | undefined): SimRow {
  const out: SimRow = { id: row.id };
  for (const field of fields ?? []) if (row[field] !== undefined) out[field] = row[field];
  return out;
}

/** `filtering=[{field, operator, value}]`, checked the way Meta checks it. */
export function parseFiltering(value: string | undefined, allowedFields: readonly string[]): SimFilter[] | SimAnswer {
  if (value === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return invalidParameter('param filtering must be an array.', 'The filtering parameter is not valid JSON.');
  }
  if (!Array.isArray(parsed)) return invalidParameter('param filtering must be an array.');
  const filters: SimFilter[] = [];
  for (const item of parsed) {
    const filter = item as Partial<SimFilter> | null;
    if (!filter || typeof filter.field !== 'string' || typeof filter.operator !== 'string' || !('value' in filter)) {
      return invalidParameter('param filtering[] must contain field, operator and value.');
    }
    const operator = filter.operator.toUpperCase();
    if (!allowedFields.includes(filter.field) || !['IN', 'NOT_IN', 'EQUAL', ...COMPARISONS].includes(operator)) {
      return invalidParameter(`Filtering field ${filter.field} with operation ${filter.operator.toLowerCase()} is not supported`);
    }
    if (COMPARISONS.includes(operator)) {
      if (!Number.isFinite(Number(filter.value))) return invalidParameter(`Filtering value for ${filter.field} must be a number`);
    } else if (operator !== 'EQUAL' && !Array.isArray(filter.value)) return invalidParameter(`Filtering value for ${filter.field} must be an array`);
    filters.push({ field: filter.field, operator, value: filter.value });
  }
  return filters;
}

export function matchesFilters(row: SimRow, filters: SimFilter[], valueOf: (row: SimRow, field: string) => unknown): boolean {
  return filters.every((filter) => {
    const actual = String(valueOf(row, filter.field) ?? '');
    if (filter.operator === 'EQUAL') return actual === String(filter.value);
    if (filter.operator === 'GREATER_THAN') return Number(actual) > Number(filter.value);
    if (filter.operator === 'LESS_THAN') return Number(actual) < Number(filter.value);
    const values = (filter.value as unknown[]).map(String);
    return filter.operator === 'IN' ? values.includes(actual) : !values.includes(actual);
  });
}
