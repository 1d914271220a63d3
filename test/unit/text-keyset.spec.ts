import { AppException } from '../../src/common/app.exception';
import { encodeCursorValues } from '../../src/common/pagination/cursor-codec';
import { TextKeyset } from '../../src/common/pagination/text-keyset';
import { metaLocalReadSql } from '../../src/sync/meta/meta-local-reader.service';
import { decodeMetaReadCursor, encodeMetaReadCursor } from '../../src/sync/meta/meta-read-cursor';
import { decodeUsageCursor, encodeUsageCursor } from '../../src/usage/usage-cursor';

function expect400(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).getStatus()).toBe(400);
    return;
  }
  throw new Error('accepted');
}

describe('TextKeyset', () => {
  it('pages newest first over (time, text key), rows without a time last', () => {
    const keyset = new TextKeyset(2, { at: '2026-01-01T00:00:00.000000', id: '42' }, 4, { time: 'created_time', id: 'campaign_id' });
    expect(keyset.after()).toBe(
      `(COALESCE(created_time, '-infinity'::timestamptz), campaign_id) < (COALESCE(($4::timestamp AT TIME ZONE 'UTC'), '-infinity'::timestamptz), $5::text)`,
    );
    expect(keyset.order()).toBe(`ORDER BY COALESCE(created_time, '-infinity'::timestamptz) DESC, campaign_id DESC LIMIT 3`);
    expect(keyset.parameters).toEqual(['2026-01-01T00:00:00.000000', '42']);
    expect(new TextKeyset(2, undefined, 4, { time: 'created_time', id: 'campaign_id' }).after()).toBe('TRUE');
  });

  it('orders by the key alone without a time column, with one parameter', () => {
    const keyset = new TextKeyset(5, { at: null, id: '900' }, 3, { id: 'creative_id' });
    expect(keyset.columns()).toBe('NULL::text AS page_at, creative_id AS page_id');
    expect(keyset.after()).toBe('creative_id < $3::text');
    expect(keyset.parameters).toEqual(['900']);
  });

  it('keeps the asked rows and names the last as the next position only when a look-ahead row came back', () => {
    const keyset = new TextKeyset(2, undefined, 3, { id: 'k' });
    const row = (id: string) => ({ page_at: null, page_id: id });
    expect(keyset.page([row('3'), row('2')])).toEqual({ rows: [row('3'), row('2')], next: undefined });
    expect(keyset.page([row('3'), row('2'), row('1')])).toEqual({ rows: [row('3'), row('2')], next: { at: null, id: '2' } });
  });

  it('numbers the position after the filters of a local read', () => {
    const { sql, keyset } = metaLocalReadSql('ads', { campaign_id: ['1'] }, { limit: 10, position: { at: null, id: '7' } });
    expect(sql).toContain('campaign_id = ANY($3::text[])');
    expect(sql).toContain(`($4::timestamp AT TIME ZONE 'UTC')`);
    expect(sql).toContain('$5::text');
    expect(sql).toMatch(/ORDER BY .* LIMIT 11$/);
    expect(keyset.parameters).toEqual([null, '7']);
  });
});

describe('Meta read and usage cursors', () => {
  it('round-trip', () => {
    const local = { source: 'local' as const, position: { at: '2026-01-01T00:00:00.123456', id: '610001' } };
    expect(decodeMetaReadCursor(encodeMetaReadCursor(local))).toEqual(local);
    expect(decodeMetaReadCursor(encodeMetaReadCursor({ source: 'local', position: { at: null, id: '9' } }))).toEqual({ source: 'local', position: { at: null, id: '9' } });
    expect(decodeMetaReadCursor(encodeMetaReadCursor({ source: 'live', after: 'QVFIUjEyMw' }))).toEqual({ source: 'live', after: 'QVFIUjEyMw' });
    expect(decodeUsageCursor(encodeUsageCursor({ date: '2026-03-01', endpoint: 'GET /api/v1/usage' }))).toEqual({ date: '2026-03-01', endpoint: 'GET /api/v1/usage' });
  });

  it.each([
    ['garbage', 'garbage'],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['another tag', encodeCursorValues(['usage', '2026-03-01', 'GET /x'])],
    ['a bad time', encodeCursorValues(['local', '2026-13-01T00:00:00.000000', '1'])],
    ['milliseconds', encodeCursorValues(['local', '2026-01-01T00:00:00.000', '1'])],
    ['an empty id', encodeCursorValues(['local', null, ''])],
    ['extra values', encodeCursorValues(['local', null, '1', 'x'])],
    ['an empty Meta cursor', encodeCursorValues(['live', ''])],
    ['a Meta cursor with spaces', encodeCursorValues(['live', 'a b'])],
  ])('refuse %s as a Meta read cursor', (_label, cursor) => {
    expect400(() => decodeMetaReadCursor(cursor));
  });

  it.each([
    ['garbage', 'garbage'],
    ['a Meta cursor', encodeCursorValues(['live', 'abc'])],
    ['an impossible date', encodeCursorValues(['usage', '2026-02-30', 'GET /x'])],
    ['a non-date', encodeCursorValues(['usage', 'today', 'GET /x'])],
    ['a non-string endpoint', Buffer.from(JSON.stringify(['usage', '2026-02-01', 7])).toString('base64url')],
  ])('refuse %s as a usage cursor', (_label, cursor) => {
    expect400(() => decodeUsageCursor(cursor));
  });
});
