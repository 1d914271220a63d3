import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { closeOnSignals, exitOnStartFailure, say } from './bootstrap/process-lifecycle';
import { firstRunHint } from './bootstrap/first-run-hint';
import { loadConfig } from './config/load-config';
import { resolveDatabase } from './database/resolve-database';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config, say);
  const app = await createApp(config, database.url).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  closeOnSignals(app, database, 'draining requests and shutting down', 15_000);
  await app.listen({ port: config.port, host: config.host });
  say(`Adlyft API listening on http://${config.host}:${config.port}/api/v1 (docs at ${config.publicUrl}/docs)`);
  // For the person at the terminal, as plain text on stderr; stdout stays one JSON object per line.
  const firstRun = firstRunHint(config);
  if (firstRun) process.stderr.write(`\n${firstRun}\n\n`);
}

bootstrap().catch(exitOnStartFailure);
