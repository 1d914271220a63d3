import { AppException } from '../app.exception';

/** The opaque form of a cursor: its values as a base64url JSON array. */
export function encodeCursorValues(values: ReadonlyArray<string | null>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The values a cursor carries, or a 400 when it is not a JSON array we could have made. Callers check each value. */
export function decodeCursorValues(cursor: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) throw invalidCursor();
  return parsed;
}

export function invalidCursor(reason = 'cursor is not a cursor this API gave out'): AppException {
  return AppException.badRequest('Validation failed', [reason]);
}
