import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * One PostgreSQL server for the whole run: the one named by DATABASE_URL, or an embedded one on a
 * throw-away directory. Each test file then creates (and drops) its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-test-pg-'));
  const database = await startEmbeddedPostgres(dataDir);
  const url = new URL(database.url);
  url.pathname = '/postgres';
  process.env.TEST_DATABASE_ADMIN_URL = url.toString();
  (globalThis as Record<string, unknown>).__ADLYFT_TEST_PG__ = { database, dataDir };
}
