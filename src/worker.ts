import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { closeOnSignals, exitOnStartFailure, say } from './bootstrap/process-lifecycle';
import { ConfigError } from './config/config-error';
import { loadConfig } from './config/load-config';
import { resolveDatabase } from './database/resolve-database';

/**
 * `npm run worker`: the background jobs (imports, the resync schedule, webhook deliveries) without an HTTP listener.
 * It builds the same application as the server (so every module's wiring stays in one place) and never listens.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (config.workers === 0) throw new ConfigError(['WORKERS must be at least 1 for a worker process (WORKERS=0 is an API-only replica)']);
  const database = await resolveDatabase(config, say);
  const app = await createApp(config, database.url).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  closeOnSignals(app, database, 'finishing the current pages and shutting down', 30_000);
  say(`Adlyft worker running ${config.workers} import job(s) at a time (no HTTP listener)`);
}

bootstrap().catch(exitOnStartFailure);
