import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { ConfigError } from './config/config-error';
import { loadConfig } from './config/load-config';
import { resolveDatabase } from './database/resolve-database';

const say = (message: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: message })}\n`);

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config, say);
  const app = await createApp(config, database.url).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal} received: draining requests and shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close();
      await database.stop();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  say(`Adlyft API listening on http://${config.host}:${config.port}/api/v1 (docs at ${config.publicUrl}/docs)`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
