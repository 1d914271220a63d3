import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { normalizeOrigin } from '../../common/http/origin';
import { ConfigError } from '../../config/config-error';
import { loadConfig } from '../../config/load-config';
import { dataSourceOptions } from '../../database/data-source-options';
import { resolveDatabase } from '../../database/resolve-database';
import { runMigrations } from '../../database/run-migrations';
import { TenantsService } from '../../tenants/tenants.service';

const USAGE = 'Usage: npm run tenant:create -- --name <name> [--redirect-origin <origin>]... [--sandbox] [--json]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      'redirect-origin': { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      sandbox: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const name = values.name?.trim();
  if (!name) {
    process.stderr.write(`--name is required.\n${USAGE}\n`);
    return 2;
  }

  const origins = values['redirect-origin'] ?? [];
  const badOrigins = origins.filter((origin) => !normalizeOrigin(origin));
  if (badOrigins.length > 0) {
    process.stderr.write(`--redirect-origin must be an origin such as https://app.example.com (no path): ${badOrigins.join(', ')}\n`);
    return 2;
  }

  const config = loadConfig();
  const log = values.json ? () => undefined : (message: string) => process.stderr.write(`${message}\n`);
  const database = await resolveDatabase(config, log);
  const dataSource = new DataSource(dataSourceOptions(database.url));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const tenant = await new TenantsService(dataSource).create(name, origins, values.sandbox ? 'sandbox' : 'live');
    if (values.json) {
      // A live tenant's line keeps exactly the contract's three fields; a sandbox tenant's says what it is.
      const sandbox = tenant.environment === 'sandbox' ? { environment: tenant.environment } : {};
      process.stdout.write(`${JSON.stringify({ id: tenant.id, name: tenant.name, apiKey: tenant.apiKey, ...sandbox })}\n`);
    } else {
      process.stdout.write(
        `${tenant.environment === 'sandbox' ? 'Sandbox tenant' : 'Tenant'} created.\n  id:      ${tenant.id}\n  name:    ${tenant.name}\n  apiKey:  ${tenant.apiKey}\n` +
          (tenant.allowedRedirectOrigins.length ? `  origins: ${tenant.allowedRedirectOrigins.join(', ')}\n` : '') +
          'The API key is shown once; only its hash is stored.\n' +
          (tenant.environment === 'sandbox' ? 'Its platform calls and connect flow go to the built-in simulated Meta and Google, never to the real ones.\n' : ''),
      );
    }
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || (error as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')
      ? (error as Error).message
      : `tenant:create failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
