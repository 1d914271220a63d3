import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import exitHook from 'async-exit-hook';
import { ConfigError } from '../config/config-error';
import type { EmbeddedDatabase } from '../database/embedded-postgres';

/** One JSON log line, before the app's logger exists or after it is gone. */
export const say = (message: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: message })}\n`);

/**
 * SIGTERM/SIGINT close the app (draining requests, or finishing the current import pages), then the embedded
 * PostgreSQL if this process started it; a process that cannot stop within `forceAfterMs` exits anyway.
 */
export function closeOnSignals(app: NestFastifyApplication, database: EmbeddedDatabase, what: string, forceAfterMs: number): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal} received: ${what}`);
    const force = setTimeout(() => process.exit(1), forceAfterMs).unref();
    try {
      await app.close();
      await database.stop();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // embedded-postgres (through async-exit-hook) stops its clusters on these signals itself and then exits with
    // 128 + the signal, which cut the app's drain short: requests and import pages lost their database, and the
    // process ended with 143. Here the database stops after the app. (SIGHUP and process exit keep the library's
    // hook, so a cluster is never left running.)
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
    process.once(signal, () => void shutdown(signal));
  }
}

/** A failed start: the configuration's own message, or the stack. */
export function exitOnStartFailure(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
