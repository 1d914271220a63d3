import { decodeCursorValues, encodeCursorValues, invalidCursor } from '../../common/pagination/cursor-codec';
import { TextKeyPosition, textKeyPosition } from '../../common/pagination/text-keyset';

/**
 * Where an object read's next page starts. A walk stays on the source of its first page: a position in the local
 * copy, or Meta's own `after` cursor for a live read (so an import finishing mid-walk does not switch sources).
 */
export type MetaReadCursor = { source: 'local'; position: TextKeyPosition } | { source: 'live'; after: string };

const MAX_AFTER_LENGTH = 300;

export function encodeMetaReadCursor(cursor: MetaReadCursor): string {
  return cursor.source === 'local'
    ? encodeCursorValues(['local', cursor.position.at, cursor.position.id])
    : encodeCursorValues(['live', cursor.after]);
}

/** The cursor's source and position, or a 400 for anything we did not give out. */
export function decodeMetaReadCursor(cursor: string): MetaReadCursor {
  const values = decodeCursorValues(cursor);
  if (values[0] === 'local' && values.length === 3) return { source: 'local', position: textKeyPosition(values[1], values[2]) };
  if (values[0] === 'live' && values.length === 2) {
    const after = values[1];
    if (typeof after === 'string' && after.length > 0 && after.length <= MAX_AFTER_LENGTH && /^[\x21-\x7e]+$/.test(after)) return { source: 'live', after };
  }
  throw invalidCursor();
}
