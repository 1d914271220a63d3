import { isCalendarDate, isTimeZone, metaLocalTime } from '../../src/platforms/meta/launch/meta-local-time';

describe("launch dates in the ad account's time zone", () => {
  it.each([
    // Winter and summer offsets of a DST zone.
    ['2026-12-01', 'America/New_York', 'start', '2026-12-01T00:00:00-0500'],
    ['2026-07-01', 'America/New_York', 'start', '2026-07-01T00:00:00-0400'],
    ['2026-07-01', 'America/New_York', 'end', '2026-07-01T23:59:59-0400'],
    // The day clocks spring forward (02:00): the day starts at -0500 and ends at -0400.
    ['2026-03-08', 'America/New_York', 'start', '2026-03-08T00:00:00-0500'],
    ['2026-03-08', 'America/New_York', 'end', '2026-03-08T23:59:59-0400'],
    // The day clocks fall back.
    ['2026-11-01', 'America/New_York', 'start', '2026-11-01T00:00:00-0400'],
    ['2026-11-01', 'America/New_York', 'end', '2026-11-01T23:59:59-0500'],
    ['2026-03-29', 'Europe/London', 'start', '2026-03-29T00:00:00+0000'],
    ['2026-03-29', 'Europe/London', 'end', '2026-03-29T23:59:59+0100'],
    ['2026-12-01', 'Asia/Tokyo', 'start', '2026-12-01T00:00:00+0900'],
    ['2026-12-01', 'Asia/Tokyo', 'end', '2026-12-01T23:59:59+0900'],
    ['2026-12-01', 'Asia/Kolkata', 'start', '2026-12-01T00:00:00+0530'],
    ['2026-12-01', 'UTC', 'start', '2026-12-01T00:00:00+0000'],
    ['2026-01-15', 'Australia/Lord_Howe', 'start', '2026-01-15T00:00:00+1100'],
    ['2026-06-15', 'Australia/Lord_Howe', 'start', '2026-06-15T00:00:00+1030'],
    // Santiago springs forward at midnight: 00:00 does not exist, the day starts at 01:00 -0300.
    ['2026-09-06', 'America/Santiago', 'start', '2026-09-06T01:00:00-0300'],
    ['2026-09-05', 'America/Santiago', 'end', '2026-09-05T23:59:59-0400'],
  ] as const)('%s in %s (%s) → %s', (date, zone, at, expected) => {
    expect(metaLocalTime(date, zone, at)).toBe(expected);
  });

  it('does not depend on the server time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(metaLocalTime('2026-12-01', 'America/New_York', 'start')).toBe('2026-12-01T00:00:00-0500');
    } finally {
      process.env.TZ = before;
    }
  });

  it.each(['2026-02-30', '2026-13-01', '26-12-01', '2026-12-1', 'tomorrow'])('refuses the date %s', (date) => {
    expect(isCalendarDate(date)).toBe(false);
    expect(() => metaLocalTime(date, 'UTC', 'start')).toThrow(RangeError);
  });

  it('refuses an unknown zone', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => metaLocalTime('2026-12-01', 'Mars/Olympus_Mons', 'start')).toThrow(RangeError);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });
});
