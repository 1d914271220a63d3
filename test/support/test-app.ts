import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap/create-app';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789-0123456789-abcdef';
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestApp {
  app: NestFastifyApplication;
  /** The Node HTTP server, for supertest. */
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  config: AppConfig;
  database: TestDatabase;
  /** Direct SQL on the app's database, to check what the API stored. */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Another app's database (a second replica or worker on the same data); left for its owner to drop. */
  database?: TestDatabase;
}

/** The whole application on a fresh database; `env` overrides the test defaults (undefined removes one). */
export async function startTestApp(env: Record<string, string | undefined> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ADMIN_API_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp(config, database.url);
  return {
    app,
    http: app.getHttpServer(),
    config,
    database,
    query: (sql, parameters) => app.get(DataSource).query(sql, parameters),
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
