import { duringRange, FakeGaqlCondition, FakeGaqlError, FakeGaqlLiteral, FakeGaqlQuery } from './google-fake-gaql';
import type { FakeGoogleCustomer, FakeGoogleMetricRow } from './google-platform.fake';

type FieldType = 'int64' | 'double' | 'string' | 'enum' | 'bool' | 'date';
type Scalar = string | number | boolean;
type FakeRecord = Record<string, Scalar | undefined>;
type Sums = { impressions: number; clicks: number; costMicros: number; conversions: number; conversionsValue: number };

const ENTITY_FIELDS: Record<string, FieldType> = {
  resource_name: 'string',
  id: 'int64',
  descriptive_name: 'string',
  currency_code: 'string',
  time_zone: 'string',
  manager: 'bool',
  status: 'enum',
  test_account: 'bool',
};
const FIELD_TYPES: Record<string, FieldType> = {
  ...Object.fromEntries(Object.entries(ENTITY_FIELDS).map(([name, type]) => [`customer.${name}`, type])),
  ...Object.fromEntries(Object.entries(ENTITY_FIELDS).map(([name, type]) => [`customer_client.${name}`, type])),
  'customer_client.client_customer': 'string',
  'customer_client.level': 'int64',
  'customer_client.hidden': 'bool',
  'segments.date': 'date',
  'segments.device': 'enum',
  'segments.ad_network_type': 'enum',
  'metrics.impressions': 'int64',
  'metrics.clicks': 'int64',
  'metrics.cost_micros': 'int64',
  'metrics.interactions': 'int64',
  'metrics.ctr': 'double',
  'metrics.average_cpc': 'double',
  'metrics.average_cpm': 'double',
  'metrics.conversions': 'double',
  'metrics.conversions_value': 'double',
  'metrics.all_conversions': 'double',
};
/** Which resources' fields each FROM resource may select. */
const SELECTABLE: Record<string, string[]> = { customer: ['customer', 'metrics', 'segments'], customer_client: ['customer_client', 'customer'] };

export interface FakeQueryScope {
  target: FakeGoogleCustomer;
  customers: FakeGoogleCustomer[];
  metrics: FakeGoogleMetricRow[];
}

const noSums = (): Sums => ({ impressions: 0, clicks: 0, costMicros: 0, conversions: 0, conversionsValue: 0 });
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

function checkField(field: string, from: string): void {
  if (!(field in FIELD_TYPES)) throw new FakeGaqlError('UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${field}'.`);
  const resource = field.split('.')[0];
  if (SELECTABLE[from].includes(resource)) return;
  if (resource === 'metrics') throw new FakeGaqlError('PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE', `Cannot select or filter on metric '${field}' with resource '${from}'.`);
  if (resource === 'segments') throw new FakeGaqlError('PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE', `Cannot select or filter on segment '${field}' with resource '${from}'.`);
  throw new FakeGaqlError('PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE', `Cannot select fields of '${resource}' with resource '${from}'.`);
}

function dateLiteral(value: FakeGaqlLiteral): string {
  const text = String(value);
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  const iso = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!match || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    throw new FakeGaqlError('INVALID_DATE_FORMAT', `Invalid date '${text}': use 'YYYY-MM-DD' or 'YYYYMMDD'.`);
  }
  return iso;
}

/** DURING becomes BETWEEN; date literals are checked and written YYYY-MM-DD. */
function normalise(condition: FakeGaqlCondition): FakeGaqlCondition {
  if (FIELD_TYPES[condition.field] !== 'date') {
    if (condition.op === 'DURING') throw new FakeGaqlError('OPERATOR_FIELD_MISMATCH', `DURING is only valid on date segments, not '${condition.field}'.`);
    return condition;
  }
  if (condition.op === 'DURING') return { field: condition.field, op: 'BETWEEN', values: duringRange(String(condition.values[0])) };
  return { ...condition, values: condition.values.map(dateLiteral) };
}

function coerce(type: FieldType, value: Scalar): Scalar {
  if (type === 'int64' || type === 'double') return Number(value);
  if (type === 'bool') return typeof value === 'boolean' ? value : String(value).toUpperCase() === 'TRUE';
  return String(value);
}

function matches(record: FakeRecord, condition: FakeGaqlCondition): boolean {
  const type = FIELD_TYPES[condition.field];
  const raw = record[condition.field];
  if (raw === undefined) return condition.op === '!=' || condition.op === 'NOT IN';
  const actual = coerce(type, raw);
  const values = condition.values.map((value) => coerce(type, value));
  const [first, second] = values;
  switch (condition.op) {
    case '=':
      return actual === first;
    case '!=':
      return actual !== first;
    case '>':
      return actual > first;
    case '<':
      return actual < first;
    case '>=':
      return actual >= first;
    case '<=':
      return actual <= first;
    case 'IN':
      return values.includes(actual);
    case 'NOT IN':
      return !values.includes(actual);
    case 'BETWEEN':
      return actual >= first && actual <= second;
    default:
      return false;
  }
}

function entityRecord(prefix: string, customer: FakeGoogleCustomer, resourceName: string): FakeRecord {
  return {
    [`${prefix}.resource_name`]: resourceName,
    [`${prefix}.id`]: customer.id,
    [`${prefix}.descriptive_name`]: customer.descriptiveName || undefined,
    [`${prefix}.currency_code`]: customer.currencyCode,
    [`${prefix}.time_zone`]: customer.timeZone,
    [`${prefix}.manager`]: customer.manager === true,
    [`${prefix}.status`]: customer.status ?? 'ENABLED',
    [`${prefix}.test_account`]: false,
  };
}

function metricFields(sums: Sums): FakeRecord {
  return {
    'metrics.impressions': sums.impressions,
    'metrics.clicks': sums.clicks,
    'metrics.cost_micros': sums.costMicros,
    'metrics.interactions': sums.clicks,
    'metrics.ctr': sums.impressions ? sums.clicks / sums.impressions : 0,
    'metrics.average_cpc': sums.clicks ? sums.costMicros / sums.clicks : 0,
    'metrics.average_cpm': sums.impressions ? (sums.costMicros * 1000) / sums.impressions : 0,
    'metrics.conversions': sums.conversions,
    'metrics.conversions_value': sums.conversionsValue,
    'metrics.all_conversions': sums.conversions,
  };
}

/** Metric rows filtered by the non-metric conditions, summed per selected segment (over the whole range if none). */
function metricRecords(query: FakeGaqlQuery, scope: FakeQueryScope, conditions: FakeGaqlCondition[]): FakeRecord[] {
  const base = entityRecord('customer', scope.target, `customers/${scope.target.id}`);
  const segments = query.select.filter((field) => field.startsWith('segments.'));
  const groups = new Map<string, { record: FakeRecord; sums: Sums }>();
  // Unsegmented: one row over the whole range, even with no activity.
  if (segments.length === 0) groups.set('[]', { record: base, sums: noSums() });
  for (const row of scope.metrics) {
    const record: FakeRecord = {
      ...base,
      'segments.date': row.date,
      'segments.device': row.device ?? 'DESKTOP',
      'segments.ad_network_type': row.adNetworkType ?? 'SEARCH',
    };
    if (!conditions.every((condition) => condition.field.startsWith('metrics.') || matches(record, condition))) continue;
    const key = JSON.stringify(segments.map((field) => record[field]));
    const group = groups.get(key) ?? { record: { ...base, ...Object.fromEntries(segments.map((field) => [field, record[field]])) }, sums: noSums() };
    groups.set(key, group);
    group.sums.impressions += row.impressions;
    group.sums.clicks += row.clicks;
    group.sums.costMicros += row.costMicros;
    group.sums.conversions += row.conversions ?? 0;
    group.sums.conversionsValue += row.conversionsValue ?? 0;
  }
  const selectedMetrics = query.select.filter((field) => field.startsWith('metrics.'));
  return [...groups.values()]
    .map((group) => ({ ...group.record, ...metricFields(group.sums) }))
    .filter((record) => segments.length === 0 || selectedMetrics.some((field) => record[field] !== 0)) // segmented reports drop all-zero rows
    .filter((record) => conditions.every((condition) => !condition.field.startsWith('metrics.') || matches(record, condition)));
}

function clientRecords(scope: FakeQueryScope): FakeRecord[] {
  const manager = scope.target;
  const clients = [manager, ...scope.customers.filter((customer) => customer.managerId === manager.id && customer.id !== manager.id)];
  return clients.map((client, index) => ({
    ...entityRecord('customer', manager, `customers/${manager.id}`),
    ...entityRecord('customer_client', client, `customers/${manager.id}/customerClients/${client.id}`),
    'customer_client.client_customer': `customers/${client.id}`,
    'customer_client.level': index === 0 ? 0 : 1,
    'customer_client.hidden': false,
  }));
}

/**
 * One REST GoogleAdsRow: camelCase keys, int64 as strings, a resourceName for every entity resource selected and
 * always one for the FROM resource.
 */
function encode(record: FakeRecord, select: string[], from: string): Record<string, Record<string, unknown>> {
  const row: Record<string, Record<string, unknown>> = { [camel(from)]: { resourceName: record[`${from}.resource_name`] } };
  for (const field of select) {
    const [resource, name] = field.split('.');
    const isEntity = resource !== 'metrics' && resource !== 'segments';
    const target = (row[camel(resource)] ??= isEntity ? { resourceName: record[`${resource}.resource_name`] } : {});
    const value = record[field];
    if (value !== undefined) target[camel(name)] = FIELD_TYPES[field] === 'int64' ? String(Math.round(Number(value))) : value;
  }
  return row;
}

function compare(a: FakeRecord, b: FakeRecord, orderBy: FakeGaqlQuery['orderBy']): number {
  for (const { field, desc } of orderBy) {
    const [left, right] = [a[field], b[field]].map((value) => (value === undefined ? '' : coerce(FIELD_TYPES[field], value)));
    if (left !== right) return (left < right ? -1 : 1) * (desc ? -1 : 1);
  }
  return 0;
}

/** Runs a parsed query against one customer; throws FakeGaqlError for what Google would refuse. */
export function runFakeQuery(query: FakeGaqlQuery, scope: FakeQueryScope): { rows: Array<Record<string, unknown>>; fieldMask: string } {
  if (!SELECTABLE[query.from]) throw new FakeGaqlError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `Error in query: the fake does not serve resource '${query.from}'.`);
  for (const field of [...query.select, ...query.where.map((c) => c.field), ...query.orderBy.map((o) => o.field)]) checkField(field, query.from);
  const conditions = query.where.map(normalise);
  const usesMetrics = [...query.select, ...conditions.map((c) => c.field)].some((field) => field.startsWith('metrics.') || field.startsWith('segments.'));
  if (query.select.includes('segments.date') && !conditions.some((condition) => condition.field === 'segments.date')) {
    throw new FakeGaqlError('EXPECTED_FILTERS_ON_DATE_RANGE', 'Expected a filter on segments.date (a finite date range) when segments.date is selected.');
  }
  if (scope.target.manager && query.select.some((field) => field.startsWith('metrics.'))) {
    throw new FakeGaqlError('REQUESTED_METRICS_FOR_MANAGER', 'Metrics cannot be requested for a manager account. To retrieve metrics, issue separate requests against each client account under the manager account.');
  }
  const matchesAll = (record: FakeRecord) => conditions.every((condition) => matches(record, condition));
  let records: FakeRecord[];
  if (query.from === 'customer_client') records = clientRecords(scope).filter(matchesAll);
  else if (usesMetrics) records = metricRecords(query, scope, conditions);
  else records = [entityRecord('customer', scope.target, `customers/${scope.target.id}`)].filter(matchesAll);
  const sorted = query.orderBy.length > 0 ? [...records].sort((a, b) => compare(a, b, query.orderBy)) : records;
  const limited = query.limit !== undefined ? sorted.slice(0, query.limit) : sorted;
  const fieldMask = query.select.map((field) => field.split('.').map(camel).join('.')).join(',');
  return { rows: limited.map((record) => encode(record, query.select, query.from)), fieldMask };
}
