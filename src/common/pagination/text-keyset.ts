import { invalidCursor } from './cursor-codec';

/** Where a page ended: the last row's time (microseconds, UTC; null when it has none) and its text key. */
export interface TextKeyPosition {
  at: string | null;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const MAX_ID_LENGTH = 200;

/** A position from a cursor's values `[at, id]`, or a 400. */
export function textKeyPosition(at: unknown, id: unknown): TextKeyPosition {
  const atValid = at === null || (typeof at === 'string' && TIMESTAMP.test(at) && !Number.isNaN(Date.parse(`${at}Z`)));
  if (!atValid || typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) throw invalidCursor();
  return { at: at as string | null, id };
}

/**
 * Newest-first keyset pagination over `(timestamptz, text)` keys where the time may be NULL (sorted last, as
 * `DESC NULLS LAST`), e.g. platform objects keyed by the platform's id and ordered by their creation time. Without a
 * time column the order is the key alone. A page starts strictly after the last row seen, so rows written while a
 * client walks the list are never skipped or repeated. Usage as `Keyset`: select `columns()`, AND `after()` into the
 * WHERE clause, end with `order()`, then `page(rows)`.
 */
export class TextKeyset {
  /** One more row than asked for: its presence says whether a next page exists. */
  readonly fetch: number;

  /** `firstParameter` is the number of the first SQL parameter the position takes (`$n`, and `$n+1` with a time). */
  constructor(
    readonly limit: number,
    private readonly position: TextKeyPosition | undefined,
    private readonly firstParameter: number,
    private readonly key: { time?: string; id: string },
  ) {
    this.fetch = limit + 1;
  }

  /** The sort key, the time selected with full precision (a JS Date would round it to milliseconds and skip rows). */
  columns(): string {
    const at = this.key.time ? `to_char(${this.key.time} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')` : 'NULL::text';
    return `${at} AS page_at, ${this.key.id} AS page_id`;
  }

  after(): string {
    if (!this.position) return 'TRUE';
    if (!this.key.time) return `${this.key.id} < $${this.firstParameter}::text`;
    const [at, id] = [`$${this.firstParameter}`, `$${this.firstParameter + 1}`];
    return `(${this.sortTime(this.key.time)}, ${this.key.id}) < (${this.sortTime(`(${at}::timestamp AT TIME ZONE 'UTC')`)}, ${id}::text)`;
  }

  order(): string {
    const time = this.key.time ? `${this.sortTime(this.key.time)} DESC, ` : '';
    return `ORDER BY ${time}${this.key.id} DESC LIMIT ${this.fetch}`;
  }

  /** The SQL parameters `after()` refers to: none on the first page, only the key without a time column. */
  get parameters(): Array<string | null> {
    if (!this.position) return [];
    return this.key.time ? [this.position.at, this.position.id] : [this.position.id];
  }

  /** The rows of this page (without the look-ahead row) and where the next page starts, or undefined at the end. */
  page<T extends { page_at: string | null; page_id: string }>(rows: T[]): { rows: T[]; next: TextKeyPosition | undefined } {
    if (rows.length <= this.limit) return { rows, next: undefined };
    const kept = rows.slice(0, this.limit);
    const last = kept[kept.length - 1];
    return { rows: kept, next: { at: last.page_at, id: last.page_id } };
  }

  /** NULL sorts below every time, so one row comparison covers `DESC NULLS LAST`. */
  private sortTime(expression: string): string {
    return `COALESCE(${expression}, '-infinity'::timestamptz)`;
  }
}
