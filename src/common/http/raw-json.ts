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
 * Like RawJson, as UTF-8 bytes: a large answer served many times (a cached local insights read, ~1.5 MB) is then
 * copied once into each response instead of being joined, measured and encoded as a string every time.
 */
export class RawJsonBytes {
  constructor(public readonly bytes: Buffer) {}
}
