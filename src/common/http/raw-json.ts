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
