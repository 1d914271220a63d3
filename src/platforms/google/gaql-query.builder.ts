/**
 * A GAQL literal, tagged with what it is so it can be checked before it reaches the query text. Nothing else can be
 * put into a query: no free text, so no user input is ever pasted into GAQL.
 */
export type GaqlValue = { date: string } | { datetime: string } | { id: string } | { enum: string } | { int: number };

export type GaqlComparison = '=' | '!=' | '>' | '>=' | '<' | '<=';

export const GAQL_DATE_RANGES = [
  'TODAY',
  'YESTERDAY',
  'LAST_7_DAYS',
  'LAST_14_DAYS',
  'LAST_30_DAYS',
  'LAST_BUSINESS_WEEK',
  'THIS_MONTH',
  'LAST_MONTH',
  'THIS_WEEK_SUN_TODAY',
  'THIS_WEEK_MON_TODAY',
  'LAST_WEEK_SUN_SAT',
  'LAST_WEEK_MON_SUN',
] as const;
export type GaqlDateRange = (typeof GAQL_DATE_RANGES)[number];

export type GaqlCondition =
  | { field: string; op: GaqlComparison; value: GaqlValue }
  | { field: string; op: 'IN' | 'NOT IN'; values: readonly GaqlValue[] }
  | { field: string; op: 'BETWEEN'; from: GaqlValue; to: GaqlValue }
  | { field: string; op: 'DURING'; range: GaqlDateRange };

export interface GaqlOrder {
  field: string;
  direction?: 'ASC' | 'DESC';
}

export interface GaqlQuery {
  select: readonly string[];
  from: string;
  where?: readonly GaqlCondition[];
  orderBy?: readonly GaqlOrder[];
  limit?: number;
}

/** A query that cannot be expressed safely: a programming error, never the user's. */
export class GaqlBuildError extends Error {
  override readonly name = 'GaqlBuildError';
}

const FIELD = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const RESOURCE = /^[a-z][a-z0-9_]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const ID = /^\d{1,20}$/;
const ENUM = /^[A-Z][A-Z0-9_]*$/;
const COMPARISONS: readonly string[] = ['=', '!=', '>', '>=', '<', '<='];

function fail(message: string): never {
  throw new GaqlBuildError(message);
}

function field(name: unknown): string {
  return typeof name === 'string' && FIELD.test(name) ? name : fail(`GAQL: invalid field name ${JSON.stringify(name)}`);
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function literal(value: unknown): string {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 1) fail(`GAQL: invalid value ${JSON.stringify(value)}`);
  const [[kind, raw]] = Object.entries(value);
  switch (kind) {
    case 'date':
      return typeof raw === 'string' && isCalendarDate(raw) ? `'${raw}'` : fail(`GAQL: invalid date ${JSON.stringify(raw)} (YYYY-MM-DD)`);
    case 'datetime': {
      // `change_status.last_change_date_time` and the like: 'YYYY-MM-DD HH:MM:SS' in the account's time zone.
      const match = typeof raw === 'string' ? DATETIME.exec(raw) : null;
      return match && isCalendarDate(match[1]) ? `'${raw}'` : fail(`GAQL: invalid datetime ${JSON.stringify(raw)} (YYYY-MM-DD HH:MM:SS)`);
    }
    case 'id':
      return typeof raw === 'string' && ID.test(raw) ? raw : fail(`GAQL: invalid id ${JSON.stringify(raw)} (digits only)`);
    case 'enum':
      return typeof raw === 'string' && ENUM.test(raw) ? `'${raw}'` : fail(`GAQL: invalid enum ${JSON.stringify(raw)}`);
    case 'int':
      return Number.isSafeInteger(raw) ? String(raw) : fail(`GAQL: invalid integer ${JSON.stringify(raw)}`);
    default:
      return fail(`GAQL: unknown value kind ${JSON.stringify(kind)}`);
  }
}

function condition(input: GaqlCondition): string {
  const name = field(input.field);
  switch (input.op) {
    case 'IN':
    case 'NOT IN':
      if (!Array.isArray(input.values) || input.values.length === 0) fail(`GAQL: ${input.op} needs at least one value`);
      return `${name} ${input.op} (${input.values.map(literal).join(', ')})`;
    case 'BETWEEN':
      return `${name} BETWEEN ${literal(input.from)} AND ${literal(input.to)}`;
    case 'DURING':
      return (GAQL_DATE_RANGES as readonly string[]).includes(input.range) ? `${name} DURING ${input.range}` : fail(`GAQL: unknown date range ${JSON.stringify(input.range)}`);
    default:
      if (!COMPARISONS.includes(input.op)) fail(`GAQL: unknown operator ${JSON.stringify((input as { op: unknown }).op)}`);
      return `${name} ${input.op} ${literal(input.value)}`;
  }
}

function order(input: GaqlOrder): string {
  const direction = input.direction ?? 'ASC';
  if (direction !== 'ASC' && direction !== 'DESC') fail(`GAQL: invalid order direction ${JSON.stringify(direction)}`);
  return `${field(input.field)} ${direction}`;
}

/** Builds a GAQL statement from checked parts; throws GaqlBuildError on anything it cannot vouch for. */
export function buildGaql(query: GaqlQuery): string {
  if (!Array.isArray(query.select) || query.select.length === 0) fail('GAQL: SELECT needs at least one field');
  const select = query.select.map(field);
  if (new Set(select).size !== select.length) fail('GAQL: a field is selected twice');
  if (typeof query.from !== 'string' || !RESOURCE.test(query.from)) fail(`GAQL: invalid resource ${JSON.stringify(query.from)}`);

  const parts = [`SELECT ${select.join(', ')}`, `FROM ${query.from}`];
  if (query.where && query.where.length > 0) parts.push(`WHERE ${query.where.map(condition).join(' AND ')}`);
  if (query.orderBy && query.orderBy.length > 0) parts.push(`ORDER BY ${query.orderBy.map(order).join(', ')}`);
  if (query.limit !== undefined) {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1) fail(`GAQL: invalid LIMIT ${JSON.stringify(query.limit)}`);
    parts.push(`LIMIT ${query.limit}`);
  }
  return parts.join(' ');
}
