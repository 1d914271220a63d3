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
  /** What it holds in memory, counted when it is cached: the compressed copy as a quarter of the bytes until known. */
  readonly byteLength: number;
  /** Settles (never rejects) once `gzip` is made, or could not be. */
  readonly gzipReady: Promise<void>;
  private compressed: GzipPrefix | undefined;
  private gzipSettled: boolean;

  constructor(
    public readonly bytes: Buffer,
    options: { gzipHead?: Buffer } = {},
  ) {
    this.byteLength = bytes.length + (options.gzipHead ? Math.ceil(bytes.length / 4) : 0);
    // Made in the background: the answer is served uncompressed until then.
    this.gzipSettled = !options.gzipHead;
    this.gzipReady = options.gzipHead
      ? gzipPrefix([options.gzipHead, bytes])
          .then(
            (prefix) => void (this.compressed = prefix),
            () => undefined,
          )
          .then(() => void (this.gzipSettled = true))
      : Promise.resolve();
  }

  /** Whether the compressed copy is still being made (a read can wait for it instead of sending the plain bytes). */
  get gzipPending(): boolean {
    return !this.gzipSettled;
  }

  /** `gzipHead` and the bytes compressed, for clients that accept gzip (see cachedAnswer in envelope.ts). */
  get gzip(): GzipPrefix | undefined {
    return this.compressed;
  }
}
