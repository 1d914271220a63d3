import { AppException } from '../../src/common/app.exception';
import { decodeCursor, encodeCursor } from '../../src/common/pagination/keyset-cursor';
import { Keyset } from '../../src/common/pagination/keyset-page';

const ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

describe('keyset cursors', () => {
  it('round-trips a position with microseconds', () => {
    const position = { at: '2026-12-05T14:19:18.123456', id: ID };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['empty', ''],
    ['an object', Buffer.from('{"at":"x"}').toString('base64url')],
    ['milliseconds only', Buffer.from(JSON.stringify(['2026-12-05T14:19:18.123', ID])).toString('base64url')],
    ['an impossible date', Buffer.from(JSON.stringify(['2026-13-45T14:19:18.123456', ID])).toString('base64url')],
    ['a non-uuid id', Buffer.from(JSON.stringify(['2026-12-05T14:19:18.123456', "1' OR 1=1"])).toString('base64url')],
    ['three values', Buffer.from(JSON.stringify(['2026-12-05T14:19:18.123456', ID, 1])).toString('base64url')],
  ])('refuses %s with a 400', (_label, cursor) => {
    try {
      decodeCursor(cursor);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(AppException);
      expect((error as AppException).getStatus()).toBe(400);
    }
  });
});

describe('Keyset', () => {
  const row = (n: number) => ({ page_at: `2026-12-05T14:19:18.00000${n}`, page_id: ID.replace(/.$/, String(n)) });

  it('fetches one row more than the limit and gives a cursor only when that row came back', () => {
    const keyset = new Keyset({ limit: 2 }, 1);
    expect(keyset.fetch).toBe(3);
    expect(keyset.page([row(1), row(2)])).toEqual({ rows: [row(1), row(2)], nextCursor: null });
    const page = keyset.page([row(1), row(2), row(3)]);
    expect(page.rows).toEqual([row(1), row(2)]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ at: row(2).page_at, id: row(2).page_id });
  });

  it('uses no SQL parameter on the first page and two numbered ones after', () => {
    expect(new Keyset({}, 3).after('m')).toBe('TRUE');
    expect(new Keyset({}, 3).parameters).toEqual([]);
    const next = new Keyset({ cursor: encodeCursor({ at: row(1).page_at, id: row(1).page_id }) }, 3);
    expect(next.after('m')).toBe("(m.created_at, m.id) > (($3::timestamp AT TIME ZONE 'UTC'), $4::uuid)");
    expect(next.parameters).toEqual([row(1).page_at, row(1).page_id]);
    expect(next.limit).toBe(25);
  });
});
