import { AppException } from '../app.exception';
import { isUuid } from '../validation/uuid';

/** Where a page ended: the last row's creation time (microseconds, UTC, as PostgreSQL printed it) and id. */
export interface KeysetPosition {
  at: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url');
}

/** The position a cursor names, or a 400: a cursor is opaque to clients, so anything we did not make is refused. */
export function decodeCursor(cursor: string): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || !TIMESTAMP.test(at) || Number.isNaN(Date.parse(`${at}Z`)) || !isUuid(id)) throw invalidCursor();
  return { at, id: id as string };
}

function invalidCursor(): AppException {
  return AppException.badRequest('Validation failed', ['cursor is not a cursor this API gave out']);
}
