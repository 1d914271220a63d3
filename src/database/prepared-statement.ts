import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A hot statement with its own name: each pooled connection prepares it once and then only binds and runs it. */
export interface PreparedStatement {
  /** Unique in the app: a connection refuses a known name with another text. */
  readonly name: string;
  readonly text: string;
}

interface PgPool {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a prepared statement on the data source's pool. For statements run on every request: PostgreSQL otherwise
 * parses and plans them on each call, which for the ad account access join was 0.5–1 ms of its CPU per request
 * against 0.06 ms once prepared (the plan is kept per connection). Fails as `dataSource.query` does, with a
 * QueryFailedError around the driver's error, so errors map to the same answers (22P02 → 400).
 */
export async function queryPrepared<T>(dataSource: DataSource, statement: PreparedStatement, values: readonly unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as PgPool;
  try {
    const result = await pool.query({ name: statement.name, text: statement.text, values });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(statement.text, [...values], error as Error);
  }
}
