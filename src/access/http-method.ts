const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request may change data (and so the cached team snapshots it was authorized against). */
export function isWrite(method: string): boolean {
  return !READ_METHODS.has(method);
}
