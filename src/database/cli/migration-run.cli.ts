import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/load-config';
import { dataSourceOptions } from '../data-source-options';
import { resolveDatabase } from '../resolve-database';
import { runMigrations } from '../run-migrations';

/** `npm run migration:run`: applies pending migrations (the server also does this at start). */
async function main(): Promise<void> {
  const database = await resolveDatabase(loadConfig(), (message) => process.stderr.write(`${message}\n`));
  const dataSource = new DataSource(dataSourceOptions(database.url));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    process.stdout.write(`Migrations applied: ${applied.map((row) => row.name).join(', ')}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration:run failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
