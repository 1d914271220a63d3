import { decodeCursorValues, encodeCursorValues, invalidCursor } from '../common/pagination/cursor-codec';

/** The last item of a usage page: its UTC day and endpoint (the items' order). */
export interface UsagePosition {
  date: string;
  endpoint: string;
}

const MAX_ENDPOINT_LENGTH = 500;

export function encodeUsageCursor(position: UsagePosition): string {
  return encodeCursorValues(['usage', position.date, position.endpoint]);
}

/** The position a usage cursor names, or a 400 for anything we did not give out. */
export function decodeUsageCursor(cursor: string): UsagePosition {
  const [tag, date, endpoint, ...rest] = decodeCursorValues(cursor);
  const ms = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  const validDate = !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date as string);
  if (tag !== 'usage' || rest.length > 0 || !validDate || typeof endpoint !== 'string' || endpoint.length > MAX_ENDPOINT_LENGTH) throw invalidCursor();
  return { date: date as string, endpoint };
}
