import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);

/** Gzip's fixed header: deflate, no name or time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** The start of a gzip member left open: its compressed bytes, and the CRC-32 and length of what they hold. */
export interface GzipPrefix {
  readonly bytes: Buffer;
  readonly crc: number;
  readonly size: number;
}

/**
 * Compresses a large, fixed start of a body once, on libuv's thread pool rather than the event loop. Level 6: a 2.4 MB
 * answer takes about 20 ms there (9 at level 1) and comes out a fifth smaller (239 against 302 KB), and moving the
 * answer's bytes is most of a cached read's cost. The deflate data ends with a sync flush (byte-aligned, not final)
 * and refers to nothing outside itself, so a tail compressed on its own can follow it in the same member.
 */
export async function gzipPrefix(parts: readonly Buffer[]): Promise<GzipPrefix> {
  const deflated = await deflateRaw(Buffer.concat(parts), { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  // After the compression, so not in the request that made the answer.
  let crc = 0;
  let size = 0;
  for (const part of parts) {
    crc = zlib.crc32(part, crc);
    size += part.length;
  }
  return { bytes: Buffer.concat([GZIP_HEADER, deflated]), crc, size };
}

/** Largest stored (uncompressed) deflate block. */
const STORED_BLOCK_MAX = 0xffff;

/**
 * The tail as final stored deflate blocks: a few header bytes instead of a compressor set up for every request (a
 * deflate stream's state is about 256 KB to allocate and clear, half a millisecond per answer for a tail of 200
 * bytes). The prefix ends byte-aligned, where a stored block may start. Pure.
 */
function storedBlocks(tail: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let start = 0; start < tail.length || blocks.length === 0; start += STORED_BLOCK_MAX) {
    const part = tail.subarray(start, start + STORED_BLOCK_MAX);
    const header = Buffer.alloc(5);
    header[0] = start + STORED_BLOCK_MAX >= tail.length ? 1 : 0; // BFINAL on the last block; BTYPE 00 (stored)
    header.writeUInt16LE(part.length, 1);
    header.writeUInt16LE(~part.length & 0xffff, 3);
    blocks.push(header, part);
  }
  return blocks;
}

/** The whole gzip body: the prefix, the small per-request tail as the final (stored) blocks, and the trailer. Pure. */
export function gzipWithTail(prefix: GzipPrefix, tail: Buffer): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(tail, prefix.crc) >>> 0, 0);
  trailer.writeUInt32LE((prefix.size + tail.length) % 2 ** 32, 4);
  return [prefix.bytes, ...storedBlocks(tail), trailer];
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
