import * as zlib from 'node:zlib';

/** Gzip's fixed header: deflate, no name or time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** The start of a gzip member left open: its compressed bytes, and the CRC-32 and length of what they hold. */
export interface GzipPrefix {
  readonly bytes: Buffer;
  readonly crc: number;
  readonly size: number;
}

/**
 * Compresses a large, fixed start of a body once (fastest level: it is made on a cache miss). The deflate data ends
 * with a sync flush (byte-aligned, not final) and refers to nothing outside itself, so a tail compressed on its own
 * can follow it in the same member. Pure.
 */
export function gzipPrefix(parts: readonly Buffer[]): GzipPrefix {
  let crc = 0;
  let size = 0;
  for (const part of parts) {
    crc = zlib.crc32(part, crc);
    size += part.length;
  }
  const deflated = zlib.deflateRawSync(Buffer.concat(parts), { level: zlib.constants.Z_BEST_SPEED, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return { bytes: Buffer.concat([GZIP_HEADER, deflated]), crc, size };
}

/** The whole gzip body: the prefix, the small per-request tail compressed as the final block, and the trailer. Pure. */
export function gzipWithTail(prefix: GzipPrefix, tail: Buffer): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(tail, prefix.crc) >>> 0, 0);
  trailer.writeUInt32LE((prefix.size + tail.length) % 2 ** 32, 4);
  return [prefix.bytes, zlib.deflateRawSync(tail), trailer];
}

/** Whether an Accept-Encoding header takes gzip (`gzip` or `*`, with a q above 0). Pure. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (!header) return false;
  const codings = (Array.isArray(header) ? header.join(',') : header).split(',');
  let star: boolean | undefined;
  for (const coding of codings) {
    const [name, ...parameters] = coding.trim().toLowerCase().split(';');
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return accepted;
    if (name.trim() === '*') star = accepted;
  }
  return star ?? false;
}
