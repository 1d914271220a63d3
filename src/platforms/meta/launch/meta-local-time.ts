/**
 * Calendar dates of a launch (YYYY-MM-DD) as the instants Meta's `start_time` / `end_time` take: ISO 8601 with the
 * numeric offset of the ad account's time zone on that date (`2026-12-01T00:00:00-0500`), so a date means that day in
 * the account's zone whatever the server's zone is. Pure: Intl only, no clock.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(utcMs: number, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(utcMs))
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

function asUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
function offsetMinutes(utcMs: number, timeZone: string): number {
  return Math.round((asUtc(wallTimeAt(utcMs, timeZone)) - utcMs) / 60_000);
}

/**
 * The instant a wall-clock time denotes in `timeZone`. When the clock is set back the earlier instant wins; when the
 * time does not exist (clocks jumped forward over it) it is read with the offset before the jump, which for a day
 * starting inside the gap is the moment the day really starts.
 */
function instantOf(wall: WallTime, timeZone: string): number {
  const asIfUtc = asUtc(wall);
  const before = offsetMinutes(asIfUtc - DAY_MS, timeZone);
  const after = offsetMinutes(asIfUtc + DAY_MS, timeZone);
  const candidates = [...new Set([before, after, offsetMinutes(asIfUtc, timeZone)])]
    .map((offset) => asIfUtc - offset * 60_000)
    .filter((utc) => asUtc(wallTimeAt(utc, timeZone)) === asIfUtc)
    .sort((a, b) => a - b);
  return candidates[0] ?? asIfUtc - before * 60_000;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function format(utcMs: number, timeZone: string): string {
  const wall = wallTimeAt(utcMs, timeZone);
  const offset = offsetMinutes(utcMs, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True when Intl knows the IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * `date` in `timeZone`, at the start of the day (00:00:00) or its last second (23:59:59), as Meta's ISO 8601 with
 * the zone's offset on that date. Throws RangeError for a bad date or an unknown zone.
 */
export function metaLocalTime(date: string, timeZone: string, at: 'start' | 'end'): string {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  const [year, month, day] = date.split('-').map(Number);
  const wall: WallTime = at === 'start' ? { year, month, day, hour: 0, minute: 0, second: 0 } : { year, month, day, hour: 23, minute: 59, second: 59 };
  return format(instantOf(wall, timeZone), timeZone);
}
