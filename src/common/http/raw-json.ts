import { GzipPrefix, gzipPrefix } from './gzip-splice';

/**
 * A value already serialized as JSON, for data served many times unchanged (a cached read): the envelope puts the
 * text in place of `data` instead of serializing the same object again on every request.
 */
export class RawJson {
  constructor(public readonly json: string) {}

  static of(value: unknown): RawJson {
    return new RawJson(JSON.stringify(value));
  }
}

/**
 * Like RawJson, as UTF-8 bytes: a large answer served many times (a cached local insights read, ~2 MB) is then
 * written into each response as it is instead of being joined, measured and encoded as a string every time.
 */
export class RawJsonBytes {
  /** `gzipHead` and the bytes, compressed once for clients that accept gzip (see cachedAnswer in envelope.ts). */
  readonly gzip: GzipPrefix | undefined;

  constructor(
    public readonly bytes: Buffer,
    options: { gzipHead?: Buffer } = {},
  ) {
    this.gzip = options.gzipHead ? gzipPrefix([options.gzipHead, bytes]) : undefined;
  }

  /** What it holds in memory. */
  get byteLength(): number {
    return this.bytes.length + (this.gzip?.bytes.length ?? 0);
  }
}
