import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MetaObjectKind } from '../../platforms/meta/meta-object-pages.reader';
import type { MetaRow } from '../../platforms/meta/meta-objects.reader';
import { META_TABLES, projectMetaRow } from './meta-object-rows';

/** Id filters of a read, by column: `campaign_id`, `adset_id`, `ad_id`, `creative_id`. All must match. */
export type MetaLocalFilters = Partial<Record<'campaign_id' | 'adset_id' | 'ad_id' | 'creative_id', string[]>>;

const FILTERABLE: Readonly<Record<MetaObjectKind, ReadonlyArray<keyof MetaLocalFilters>>> = {
  campaigns: ['campaign_id'],
  adsets: ['campaign_id', 'adset_id'],
  ads: ['campaign_id', 'adset_id', 'ad_id'],
  adcreatives: ['creative_id'],
};

/** Builds the read of one kind with its filters. Pure. */
export function metaLocalReadSql(kind: MetaObjectKind, filters: MetaLocalFilters): { sql: string; filterColumns: Array<keyof MetaLocalFilters> } {
  const spec = META_TABLES[kind];
  const filterColumns = FILTERABLE[kind].filter((column) => filters[column] !== undefined);
  const where = filterColumns.map((column, i) => `AND ${column} = ANY($${i + 3}::text[])`).join(' ');
  // Meta's edges never return deleted objects; the copy keeps the last status it saw.
  const newestFirst = spec.columns.some((column) => column.name === 'created_time') ? `created_time DESC NULLS LAST, ${spec.key} DESC` : `${spec.key} DESC`;
  const sql =
    `SELECT data FROM ${spec.table} WHERE tenant_id = $1 AND ad_account_id = $2 ${where} ` +
    `AND (data->>'status' IS DISTINCT FROM 'DELETED') ORDER BY ${newestFirst}`;
  return { sql, filterColumns };
}

/** Campaigns, ad sets, ads and creatives from the local copy, in the live read's row shape. */
@Injectable()
export class MetaLocalReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(kind: MetaObjectKind, tenantId: string, adAccountId: string, filters: MetaLocalFilters, fields: readonly string[]): Promise<MetaRow[]> {
    const { sql, filterColumns } = metaLocalReadSql(kind, filters);
    const rows: Array<{ data: MetaRow }> = await this.dataSource.query(sql, [tenantId, adAccountId, ...filterColumns.map((column) => filters[column])]);
    return rows.map((row) => projectMetaRow(row.data, fields));
  }
}
