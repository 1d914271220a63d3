import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_LIMIT } from '../../common/pagination/page-query.dto';
import { TextKeyPosition, TextKeyset } from '../../common/pagination/text-keyset';
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

/** One page of a local read: how many rows, and where the previous page ended. */
export interface MetaLocalPageRequest {
  limit: number;
  position?: TextKeyPosition;
}

/**
 * Builds the read of one page of one kind with its filters: newest first by `created_time` (rows without one last),
 * then by the platform id, as a keyset so a resync writing rows between two pages never makes a row skip or repeat.
 * Pure.
 */
export function metaLocalReadSql(
  kind: MetaObjectKind,
  filters: MetaLocalFilters,
  page: MetaLocalPageRequest = { limit: DEFAULT_PAGE_LIMIT },
): { sql: string; filterColumns: Array<keyof MetaLocalFilters>; keyset: TextKeyset } {
  const spec = META_TABLES[kind];
  const filterColumns = FILTERABLE[kind].filter((column) => filters[column] !== undefined);
  const where = filterColumns.map((column, i) => `AND ${column} = ANY($${i + 3}::text[])`).join(' ');
  const time = spec.columns.some((column) => column.name === 'created_time') ? 'created_time' : undefined;
  const keyset = new TextKeyset(page.limit, page.position, filterColumns.length + 3, { time, id: spec.key });
  // Meta's edges never return deleted objects; the copy keeps the last status it saw.
  const sql =
    `SELECT data, ${keyset.columns()} FROM ${spec.table} WHERE tenant_id = $1 AND ad_account_id = $2 ${where} ` +
    `AND (data->>'status' IS DISTINCT FROM 'DELETED') AND ${keyset.after()} ${keyset.order()}`;
  return { sql, filterColumns, keyset };
}

/** Campaigns, ad sets, ads and creatives from the local copy, in the live read's row shape, a page at a time. */
@Injectable()
export class MetaLocalReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(
    kind: MetaObjectKind,
    tenantId: string,
    adAccountId: string,
    filters: MetaLocalFilters,
    fields: readonly string[],
    page: MetaLocalPageRequest,
  ): Promise<{ rows: MetaRow[]; next: TextKeyPosition | undefined }> {
    const { sql, filterColumns, keyset } = metaLocalReadSql(kind, filters, page);
    const rows: Array<{ data: MetaRow; page_at: string | null; page_id: string }> = await this.dataSource.query(sql, [
      tenantId,
      adAccountId,
      ...filterColumns.map((column) => filters[column]),
      ...keyset.parameters,
    ]);
    const found = keyset.page(rows);
    return { rows: found.rows.map((row) => projectMetaRow(row.data, fields)), next: found.next };
  }
}
