import type { MetaObjectKind } from '../../platforms/meta/meta-object-pages.reader';
import type { MetaRow } from '../../platforms/meta/meta-objects.reader';

export type ColumnType = 'text' | 'bigint' | 'timestamptz';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  value: (row: MetaRow, currency: string | null) => string | null;
}

/** A local-copy table of one Meta object kind: its key column (the platform id) and the columns read filters use. */
export interface MetaTableSpec {
  table: string;
  key: string;
  columns: ColumnSpec[];
}

const INTEGER = /^-?\d+$/;

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

/** Minor-unit money (already a number after normalization, or an integer string). */
function minorUnits(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && INTEGER.test(value.trim())) return value.trim();
  return null;
}

/** Meta's `2025-01-31T10:00:00+0000` as ISO 8601 that PostgreSQL reads; anything unreadable is null. */
export function metaTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const iso = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `{id}` references (`campaign`, `adset`, `creative`) or a plain id field. */
function refId(row: MetaRow, idField: string, refField: string): string | null {
  const direct = text(row[idField]);
  if (direct) return direct;
  const ref = row[refField];
  return ref && typeof ref === 'object' ? text((ref as { id?: unknown }).id) : null;
}

const column = (name: string, type: ColumnType, value: ColumnSpec['value']): ColumnSpec => ({ name, type, value });
const field = (name: string) => column(name, 'text', (row) => text(row[name]));
const money = (name: string) => column(name, 'bigint', (row) => minorUnits(row[name]));
const time = (name: string) => column(name, 'timestamptz', (row) => metaTime(row[name]));
const currency = column('currency', 'text', (_row, value) => value);

export const META_TABLES: Readonly<Record<MetaObjectKind, MetaTableSpec>> = {
  campaigns: {
    table: 'meta_campaigns',
    key: 'campaign_id',
    columns: [
      field('name'), field('status'), field('effective_status'), currency,
      money('daily_budget'), money('lifetime_budget'), money('budget_remaining'),
      time('created_time'), time('updated_time'),
    ],
  },
  adsets: {
    table: 'meta_adsets',
    key: 'adset_id',
    columns: [
      column('campaign_id', 'text', (row) => refId(row, 'campaign_id', 'campaign')),
      field('name'), field('status'), field('effective_status'), currency,
      money('daily_budget'), money('lifetime_budget'), money('budget_remaining'), money('bid_amount'),
      time('created_time'), time('updated_time'),
    ],
  },
  ads: {
    table: 'meta_ads',
    key: 'ad_id',
    columns: [
      column('campaign_id', 'text', (row) => refId(row, 'campaign_id', 'campaign')),
      column('adset_id', 'text', (row) => refId(row, 'adset_id', 'adset')),
      column('creative_id', 'text', (row) => refId(row, 'creative_id', 'creative')),
      field('name'), field('status'), field('effective_status'), currency, money('bid_amount'),
      time('created_time'), time('updated_time'),
    ],
  },
  adcreatives: {
    table: 'meta_adcreatives',
    key: 'creative_id',
    columns: [field('name'), field('status')],
  },
};

/**
 * One multi-row upsert for a page: `$1` tenant, `$2` ad account, `$3` import, then one array per column (key first,
 * `data` last) unnested into rows. Pure.
 */
export function metaUpsertSql(spec: MetaTableSpec): string {
  const names = [spec.key, ...spec.columns.map((c) => c.name), 'data'];
  const arrays = [`$4::text[]`, ...spec.columns.map((c, i) => `$${i + 5}::${c.type}[]`), `$${spec.columns.length + 5}::jsonb[]`];
  const updates = [...spec.columns.map((c) => c.name), 'data', 'import_id', 'synced_at'].map((name) => `${name} = EXCLUDED.${name}`);
  return (
    `INSERT INTO ${spec.table} (tenant_id, ad_account_id, import_id, synced_at, ${names.join(', ')}) ` +
    `SELECT $1::uuid, $2::uuid, $3::uuid, now(), r.* FROM unnest(${arrays.join(', ')}) AS r(${names.join(', ')}) ` +
    `ON CONFLICT (ad_account_id, ${spec.key}) DO UPDATE SET ${updates.join(', ')}`
  );
}

/** The parameters of `metaUpsertSql` for a page; a repeated id keeps its last row (one statement cannot update a row twice). */
export function metaUpsertParams(spec: MetaTableSpec, ids: { tenantId: string; adAccountId: string; importId: string }, rows: MetaRow[], currencyCode: string | null): unknown[] {
  const byId = new Map<string, MetaRow>();
  for (const row of rows) {
    const id = text(row.id);
    if (id) byId.set(id, row);
  }
  const unique = [...byId.entries()];
  return [
    ids.tenantId,
    ids.adAccountId,
    ids.importId,
    unique.map(([id]) => id),
    ...spec.columns.map((c) => unique.map(([, row]) => c.value(row, currencyCode))),
    unique.map(([, row]) => JSON.stringify(row)),
  ];
}

/** Rows of the account that the given full import did not write: objects gone from Meta since the last import. */
export function metaPruneSql(spec: MetaTableSpec): string {
  return `DELETE FROM ${spec.table} WHERE tenant_id = $1 AND ad_account_id = $2 AND import_id IS DISTINCT FROM $3::uuid`;
}

/** A stored row as the live read answers for `fields`: `id` first, then each requested field Meta would have sent. */
export function projectMetaRow(data: MetaRow, fields: readonly string[]): MetaRow {
  const out: MetaRow = { id: data.id };
  for (const name of fields) if (name !== 'id' && data[name] !== undefined) out[name] = data[name];
  return out;
}
