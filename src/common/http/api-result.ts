/** Lets a handler choose the envelope's message or add `meta` (pagination) next to its data. */
export class ApiResult<T> {
  constructor(
    public readonly data: T,
    public readonly message?: string,
    public readonly meta?: Record<string, unknown>,
  ) {}
}
