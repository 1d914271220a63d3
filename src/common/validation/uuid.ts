const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any RFC 4122-shaped id, as PostgreSQL's uuid type accepts it. */
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
