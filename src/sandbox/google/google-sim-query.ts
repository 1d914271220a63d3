import { duringRange, SimGaqlCondition, SimGaqlError, SimGaqlLiteral, SimGaqlQuery } from './google-sim-gaql';
import { entitiesOf, simDateTime, SimCustomerObjects, SimEntity, SimRecord, SimValue, FIELD_TYPES, FieldType, Scalar, SELECTABLE } from './google-sim-objects';
import type { SimGoogleCustomer, SimGoogleMetricRow } from './simulated-google-platform';

type Sums = { impressions: number; clicks: number; costMicros: number; conversions: number; conversionsValue: number };

export interface SimQueryScope {
  target: SimGoogleCustomer;
  customers: SimGoogleCustomer[];
  /** Account-level metrics (FROM customer). */
  metrics: SimGoogleMetricRow[];
  objects: SimCustomerObjects;
}

const noSums = (): Sums => ({ impressions: 0, clicks: 0, costMicros: 0, conversions: 0, conversionsValue: 0 });
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const isMetric = (field: string) => field.startsWith('metrics.');
const isSegment = (field: string) => field.startsWith('segments.');

function checkField(field: string, from: string): void {
  if (!(field in FIELD_TYPES)) throw new SimGaqlError('UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${field}'.`);
  const resource = field.split('.')[0];
  if (SELECTABLE[from].includes(resource)) return;
  if (resource === 'metrics') throw new SimGaqlError('PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE', `Cannot select or filter on metric '${field}' with resource '${from}'.`);
  if (resource === 'segments') throw new SimGaqlError('PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE', `Cannot select or filter on segment '${field}' with resource '${from}'.`);
  throw new SimGaqlError('PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE', `Cannot select fields of '${resource}' with resource '${from}'.`);
}

function dateLiteral(value: SimGaqlLiteral): string {
  const text = String(value);
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  const iso = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!match || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    throw new SimGaqlError('INVALID_DATE_FORMAT', `Invalid date '${text}': use 'YYYY-MM-DD' or 'YYYYMMDD'.`);
  }
  return iso;
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS[.ffffff]', written with the time so it compares as text. */
function dateTimeLiteral(value: SimGaqlLiteral): string {
  const text = String(value);
  const match = /^(\d{4}-\d{2}-\d{2})(?: ([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,6})?)?$/.exec(text);
  if (!match) throw new SimGaqlError('INVALID_DATE_FORMAT', `Invalid date time '${text}': use 'YYYY-MM-DD HH:MM:SS'.`);
  dateLiteral(match[1]);
  return match[2] === undefined ? `${match[1]} 00:00:00` : text;
}

/** DURING becomes BETWEEN; date literals are checked and written YYYY-MM-DD. */
function normalise(condition: SimGaqlCondition): SimGaqlCondition {
  const type = FIELD_TYPES[condition.field];
  if (type === 'datetime') {
    if (condition.op !== 'DURING') return { ...condition, values: condition.values.map(dateTimeLiteral) };
    const [first, last] = duringRange(String(condition.values[0]));
    return { field: condition.field, op: 'BETWEEN', values: [`${first} 00:00:00`, `${last} 23:59:59.999999`] };
  }
  if (type === 'strings' || type === 'texts') throw new SimGaqlError('PROHIBITED_FIELD_IN_WHERE_CLAUSE', `The simulator cannot filter on the repeated field '${condition.field}'.`);
  if (type !== 'date') {
    if (condition.op === 'DURING') throw new SimGaqlError('OPERATOR_FIELD_MISMATCH', `DURING is only valid on date segments, not '${condition.field}'.`);
    return condition;
  }
  if (condition.op === 'DURING') return { field: condition.field, op: 'BETWEEN', values: duringRange(String(condition.values[0])) };
  return { ...condition, values: condition.values.map(dateLiteral) };
}

function coerce(type: FieldType, value: SimValue): Scalar {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (type === 'int64' || type === 'double') return Number(value);
  if (type === 'bool') return typeof value === 'boolean' ? value : String(value).toUpperCase() === 'TRUE';
  return String(value);
}

function matches(record: SimRecord, condition: SimGaqlCondition): boolean {
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

function metricFields(sums: Sums): SimRecord {
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
    'metrics.cost_per_conversion': sums.conversions ? sums.costMicros / sums.conversions : 0,
  };
}

/**
 * Per entity, metric rows filtered by the segment conditions and summed per selected segment (over the whole range if
 * none). Unsegmented: one row per entity even with no activity; segmented: all-zero rows are left out, like Google.
 */
function metricRecords(query: SimGaqlQuery, entities: SimEntity[], conditions: SimGaqlCondition[]): SimRecord[] {
  const segments = query.select.filter(isSegment);
  const segmentConditions = conditions.filter((condition) => isSegment(condition.field));
  const selectedMetrics = query.select.filter(isMetric);
  const records: SimRecord[] = [];
  for (const entity of entities) {
    const groups = new Map<string, { record: SimRecord; sums: Sums }>();
    if (segments.length === 0) groups.set('[]', { record: entity.record, sums: noSums() });
    for (const row of entity.metrics) {
      const record: SimRecord = {
        ...entity.record,
        'segments.date': row.date,
        'segments.device': row.device ?? 'DESKTOP',
        'segments.ad_network_type': row.adNetworkType ?? 'SEARCH',
      };
      if (!segmentConditions.every((condition) => matches(record, condition))) continue;
      const key = JSON.stringify(segments.map((field) => record[field]));
      const group = groups.get(key) ?? { record: { ...entity.record, ...Object.fromEntries(segments.map((field) => [field, record[field]])) }, sums: noSums() };
      groups.set(key, group);
      group.sums.impressions += row.impressions;
      group.sums.clicks += row.clicks;
      group.sums.costMicros += row.costMicros;
      group.sums.conversions += row.conversions ?? 0;
      group.sums.conversionsValue += row.conversionsValue ?? 0;
    }
    for (const group of groups.values()) {
      const record = { ...group.record, ...metricFields(group.sums) };
      if (segments.length > 0 && !selectedMetrics.some((field) => record[field] !== 0)) continue;
      records.push(record);
    }
  }
  return records.filter((record) => conditions.every((condition) => !isMetric(condition.field) || matches(record, condition)));
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[camel(key)] ??= {}) as Record<string, unknown>;
  node[camel(path[path.length - 1])] = value;
}

/**
 * One REST GoogleAdsRow: camelCase keys, nested messages as objects, int64 as strings, a resourceName for every entity
 * resource selected and always one for the FROM resource.
 */
function encode(record: SimRecord, select: string[], from: string): Record<string, Record<string, unknown>> {
  const row: Record<string, Record<string, unknown>> = { [camel(from)]: { resourceName: record[`${from}.resource_name`] } };
  for (const field of select) {
    const [resource, ...path] = field.split('.');
    const isEntity = resource !== 'metrics' && resource !== 'segments';
    const target = (row[camel(resource)] ??= isEntity ? { resourceName: record[`${resource}.resource_name`] } : {});
    const value = record[field];
    if (value !== undefined) setPath(target, path, FIELD_TYPES[field] === 'int64' ? String(Math.round(Number(value))) : value);
  }
  return row;
}

function compare(a: SimRecord, b: SimRecord, orderBy: SimGaqlQuery['orderBy']): number {
  for (const { field, desc } of orderBy) {
    const [left, right] = [a[field], b[field]].map((value) => (value === undefined ? '' : coerce(FIELD_TYPES[field], value)));
    if (left !== right) return (left < right ? -1 : 1) * (desc ? -1 : 1);
  }
  return 0;
}

const CHANGE_STATUS_LIMIT = 10000;
const CHANGE_STATUS_DAYS = 90;

/** change_status wants a LIMIT of at most 10,000 and a finite last_change_date_time range within the last 90 days. */
function checkChangeStatus(query: SimGaqlQuery, conditions: SimGaqlCondition[], timeZone: string): void {
  const fail = (code: string, message: string) => new SimGaqlError(code, message, 'changeStatusError');
  if (query.limit === undefined) throw fail('LIMIT_NOT_SPECIFIED', 'The change_status search request must specify a LIMIT.');
  if (query.limit > CHANGE_STATUS_LIMIT) throw fail('INVALID_LIMIT_CLAUSE', 'The LIMIT specified by change_status request should be less than or equal to 10K.');
  const range = conditions.filter((condition) => condition.field === 'change_status.last_change_date_time');
  const lower = range.flatMap((c) => (c.op === '>=' || c.op === '>' || c.op === 'BETWEEN' ? [String(c.values[0])] : [])).sort().pop();
  const upper = range.flatMap((c) => (c.op === '<=' || c.op === '<' ? [String(c.values[0])] : c.op === 'BETWEEN' ? [String(c.values[1])] : [])).sort()[0];
  if (lower === undefined || upper === undefined) {
    throw fail('CHANGE_DATE_RANGE_INFINITE', 'The change_status search request must specify a finite range filter on last_change_date_time.');
  }
  if (lower > upper) throw fail('CHANGE_DATE_RANGE_NEGATIVE', 'The change status search request has specified invalid date time filters that can never logically produce any valid results.');
  if (lower < simDateTime(new Date(Date.now() - CHANGE_STATUS_DAYS * 24 * 60 * 60 * 1000), timeZone)) throw fail('START_DATE_TOO_OLD', 'The requested start date is too old.');
}

/** Runs a parsed query against one customer; throws SimGaqlError for what Google would refuse. */
export function runSimQuery(query: SimGaqlQuery, scope: SimQueryScope): { rows: Array<Record<string, unknown>>; fieldMask: string } {
  if (!SELECTABLE[query.from]) throw new SimGaqlError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `Error in query: the simulator does not serve resource '${query.from}'.`);
  for (const field of [...query.select, ...query.where.map((c) => c.field), ...query.orderBy.map((o) => o.field)]) checkField(field, query.from);
  const conditions = query.where.map(normalise);
  if (query.from === 'change_status') checkChangeStatus(query, conditions, scope.target.timeZone);
  const usesMetrics = [...query.select, ...conditions.map((c) => c.field)].some((field) => isMetric(field) || isSegment(field));
  if (query.select.includes('segments.date') && !conditions.some((condition) => condition.field === 'segments.date')) {
    throw new SimGaqlError('EXPECTED_FILTERS_ON_DATE_RANGE', 'Expected a filter on segments.date (a finite date range) when segments.date is selected.');
  }
  if (scope.target.manager && query.select.some(isMetric)) {
    throw new SimGaqlError('REQUESTED_METRICS_FOR_MANAGER', 'Metrics cannot be requested for a manager account. To retrieve metrics, issue separate requests against each client account under the manager account.');
  }
  const entityConditions = conditions.filter((condition) => !isMetric(condition.field) && !isSegment(condition.field));
  const entities = entitiesOf(query.from, scope.target, scope.customers, scope.metrics, scope.objects).filter((entity) =>
    entityConditions.every((condition) => matches(entity.record, condition)),
  );
  const records = usesMetrics ? metricRecords(query, entities, conditions) : entities.map((entity) => entity.record);
  const sorted = query.orderBy.length > 0 ? [...records].sort((a, b) => compare(a, b, query.orderBy)) : records;
  const limited = query.limit !== undefined ? sorted.slice(0, query.limit) : sorted;
  const fieldMask = query.select.map((field) => field.split('.').map(camel).join('.')).join(',');
  return { rows: limited.map((record) => encode(record, query.select, query.from)), fieldMask };
}
