import { SimAnswer, invalidParameter } from './meta-sim-errors';

const DEFAULT_LIMIT = 25;

export function cursorOf(index: number): string {
  return Buffer.from(`cursor:${index}`).toString('base64');
}

function indexOf(cursor: string): number | undefined {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

export interface PageOptions<T> {
  query: Record<string, string>;
  /** The fake's own cap on the page size. */
  maxPageSize: number;
  /** The absolute URL of the same request, for `paging.next`. */
  nextUrl: (after: string) => string;
  /** Items counted by the cursor but withheld from `data`, the way Meta's privacy filtering does. */
  visible?: (item: T) => boolean;
  /** How an item is sent (e.g. only the requested fields). */
  render?: (item: T) => unknown;
}

/** Meta cursor paging: `paging.cursors.before/after` and `paging.next` only when more items follow. */
export function pageOf<T>(items: T[], options: PageOptions<T>): SimAnswer {
  const { query } = options;
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit <= 0) return invalidParameter('Param limit must be a positive integer');
  let start = 0;
  if (query.after !== undefined) {
    const index = indexOf(query.after);
    if (index === undefined) return invalidParameter('Invalid cursor', 'The after cursor is not valid.');
    start = index + 1;
  }
  const size = Math.min(limit, options.maxPageSize);
  const slice = items.slice(start, start + size);
  const { visible = () => true, render = (item: T) => item } = options;
  const data = slice.filter(visible).map(render);
  if (slice.length === 0) return { status: 200, body: { data: [] } };

  const last = start + slice.length - 1;
  const paging: Record<string, unknown> = { cursors: { before: cursorOf(start), after: cursorOf(last) } };
  if (last + 1 < items.length) paging.next = options.nextUrl(cursorOf(last));
  return { status: 200, body: { data, paging } };
}
