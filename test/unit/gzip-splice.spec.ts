import * as zlib from 'node:zlib';
import { acceptsGzip, gzipPrefix, gzipWithTail } from '../../src/common/http/gzip-splice';

describe('gzip of a precompressed head and body with a per-request tail', () => {
  it('is one valid gzip member holding head, body and tail', async () => {
    const head = Buffer.from('{"success":true,"data":');
    const body = Buffer.from(JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: String(i), name: `Été ☀ ${i}`, value: i / 7 }))));
    const prefix = await gzipPrefix([head, body]);
    const long = `,"requestId":"${'é'.repeat(70_000)}"}`;
    for (const tail of ['', '}', ',"message":"ok","timestamp":"2026-12-05T00:00:00.000Z","requestId":"r-1"}', ',"requestId":"r-2"}', long]) {
      const chunks = gzipWithTail(prefix, Buffer.from(tail));
      const gzip = Buffer.concat(chunks);
      expect(zlib.gunzipSync(gzip).toString('utf8')).toBe(`${head.toString()}${body.toString()}${tail}`);
      // Compressed: the body is repetitive JSON (the tail is stored as it is).
      expect(gzip.length).toBeLessThan(body.length / 3 + Buffer.byteLength(tail));
    }
  });

  it('takes gzip from Accept-Encoding only when the client does', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip(['br', 'x-gzip'])).toBe(true);
  });
});
