import { DataSource, QueryFailedError } from 'typeorm';
import { describeError } from '../../src/common/http/error-body';
import { queryPrepared } from '../../src/database/prepared-statement';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** A hot statement is prepared once per pooled connection and then runs with new values under its name. */
describe('queryPrepared', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: what the statement prepared is visible to the next query.
    dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
    await dataSource.initialize();
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('prepares the statement under its name once and binds new values each time', async () => {
    const statement = { name: 'test_double', text: 'SELECT $1::int * 2 AS doubled' };
    expect(await queryPrepared(dataSource, statement, [21])).toEqual([{ doubled: 42 }]);
    expect(await queryPrepared(dataSource, statement, [5])).toEqual([{ doubled: 10 }]);
    const prepared: Array<{ name: string; statement: string }> = await dataSource.query(`SELECT name, statement FROM pg_prepared_statements`);
    expect(prepared).toEqual([{ name: 'test_double', statement: statement.text }]);
  });

  it('fails like dataSource.query: a QueryFailedError around the driver error, so it maps to the same answer', async () => {
    const failure = await queryPrepared(dataSource, { name: 'test_bad_cast', text: 'SELECT $1::int AS n' }, ['not a number']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError<Error & { code: string }>).driverError.code).toBe('22P02');
    expect(describeError(failure)).toMatchObject({ status: 400, unexpected: false });
  });
});
