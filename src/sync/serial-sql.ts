import type { SqlRunner } from './import-step';

/**
 * A runner that sends its statements one after the other on `sql`'s connection, each as soon as the one before
 * ends (whether it failed or not), so a caller can line up the next statement and go on working meanwhile. The
 * driver's own queue does the same but is deprecated (pg 9 drops it).
 */
export function serialSql(sql: SqlRunner): SqlRunner {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query(statement: string, parameters?: unknown[]) {
      const run = tail.then(
        () => sql.query(statement, parameters),
        () => sql.query(statement, parameters),
      );
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
