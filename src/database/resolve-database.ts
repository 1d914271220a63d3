import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR. */
export async function resolveDatabase(config: AppConfig, log?: (message: string) => void): Promise<EmbeddedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, owned: false, stop: async () => undefined };
  return startEmbeddedPostgres(config.dataDir, log);
}
