import { ApiResult } from '../http/api-result';
import { decodeCursor, encodeCursor } from './keyset-cursor';
import { DEFAULT_PAGE_LIMIT, PageQueryDto } from './page-query.dto';

/**
 * Keyset pagination over `(created_at, id)`, ascending (or newest first): stable while rows are inserted, since a
 * page starts strictly after the last row seen. Usage: select `${keyset.columns('t')}`, add `keyset.after('t')` to the WHERE clause,
 * `ORDER BY t.created_at, t.id LIMIT ${keyset.fetch}`, then `keyset.page(rows)`.
 */
export class Keyset {
  readonly limit: number;
  /** One more row than asked for: its presence says whether a next page exists. */
  readonly fetch: number;
  private readonly position;

  /** `firstParameter` is the number of the first SQL parameter the cursor's two values take (`$n`, `$n+1`). */
  constructor(
    query: PageQueryDto,
    private readonly firstParameter: number,
    private readonly newestFirst = false,
  ) {
    this.limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    this.fetch = this.limit + 1;
    this.position = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  }

  /** The sort key, selected with full precision (a JS Date would round it to milliseconds and skip rows). */
  columns(alias: string): string {
    return `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS page_at, ${alias}.id AS page_id`;
  }

  after(alias: string): string {
    if (!this.position) return 'TRUE';
    const at = `$${this.firstParameter}`;
    const id = `$${this.firstParameter + 1}`;
    return `(${alias}.created_at, ${alias}.id) ${this.newestFirst ? '<' : '>'} ((${at}::timestamp AT TIME ZONE 'UTC'), ${id}::uuid)`;
  }

  order(alias: string): string {
    const direction = this.newestFirst ? ' DESC' : '';
    return `ORDER BY ${alias}.created_at${direction}, ${alias}.id${direction} LIMIT ${this.fetch}`;
  }

  /** The SQL parameters `after()` refers to (none on the first page). */
  get parameters(): string[] {
    return this.position ? [this.position.at, this.position.id] : [];
  }

  /** The rows of this page (without the look-ahead row) and the cursor of the next page, or null at the end. */
  page<T extends { page_at: string; page_id: string }>(rows: T[]): { rows: T[]; nextCursor: string | null } {
    if (rows.length <= this.limit) return { rows, nextCursor: null };
    const kept = rows.slice(0, this.limit);
    const last = kept[kept.length - 1];
    return { rows: kept, nextCursor: encodeCursor({ at: last.page_at, id: last.page_id }) };
  }
}

/** The envelope's answer for a page: `data` as the endpoint always answered, `meta.nextCursor` beside it. */
export function pageResult<T>(data: T, nextCursor: string | null, message?: string): ApiResult<T> {
  return new ApiResult(data, message, { nextCursor });
}
