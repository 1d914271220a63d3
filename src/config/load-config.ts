import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import * as path from 'node:path';
import { AppConfig, LogLevel } from './app-config';
import { ConfigError } from './config-error';
import { loadOrCreateDevSecrets } from './dev-secrets';
import { EnvironmentVariables } from './environment-variables';

export type Environment = Record<string, string | undefined>;

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

function credentials(id: string | undefined, secret: string | undefined, idName: string, secretName: string, problems: string[]) {
  if (id && secret) return { clientId: id, clientSecret: secret };
  if (id || secret) problems.push(`${id ? secretName : idName} must be set together with ${id ? idName : secretName}`);
  return undefined;
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Environment = process.env): AppConfig {
  const parsed = plainToInstance(EnvironmentVariables, { ...env }, { excludeExtraneousValues: false });
  const problems = describe(validateSync(parsed, { skipMissingProperties: false, whitelist: false }));
  const nodeEnv = parsed.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const dataDir = path.resolve(parsed.DATA_DIR ?? './.data');

  if (production) {
    if (!parsed.JWT_SECRET) problems.push('JWT_SECRET is required when NODE_ENV=production (generated secrets are refused)');
    if (!parsed.TOKEN_ENCRYPTION_KEY) problems.push('TOKEN_ENCRYPTION_KEY is required when NODE_ENV=production (generated secrets are refused)');
  }
  const meta = credentials(parsed.META_APP_ID, parsed.META_APP_SECRET, 'META_APP_ID', 'META_APP_SECRET', problems);
  const google = credentials(parsed.GOOGLE_CLIENT_ID, parsed.GOOGLE_CLIENT_SECRET, 'GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const needsGenerated = !parsed.JWT_SECRET || !parsed.TOKEN_ENCRYPTION_KEY;
  const generated = needsGenerated ? loadOrCreateDevSecrets(dataDir) : undefined;
  const port = parsed.PORT ?? 3000;

  return new AppConfig({
    nodeEnv,
    port,
    host: parsed.HOST ?? '0.0.0.0',
    databaseUrl: parsed.DATABASE_URL,
    jwtSecret: parsed.JWT_SECRET ?? generated!.jwtSecret,
    tokenEncryptionKey: Buffer.from(parsed.TOKEN_ENCRYPTION_KEY ?? generated!.tokenEncryptionKey, 'base64'),
    adminApiToken: parsed.ADMIN_API_TOKEN,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    meta: {
      app: meta,
      apiVersion: parsed.META_API_VERSION ?? 'v25.0',
      graphUrl: (parsed.META_GRAPH_URL ?? 'https://graph.facebook.com').replace(/\/+$/, ''),
      dialogUrl: (parsed.META_DIALOG_URL ?? 'https://www.facebook.com').replace(/\/+$/, ''),
    },
    google: {
      client: google,
      adsApiUrl: (parsed.GOOGLE_ADS_API_URL ?? 'https://googleads.googleapis.com').replace(/\/+$/, ''),
      adsApiVersion: parsed.GOOGLE_ADS_API_VERSION ?? 'v26',
      oauthAuthorizeUrl: parsed.GOOGLE_OAUTH_AUTHORIZE_URL ?? 'https://accounts.google.com/o/oauth2/v2/auth',
      oauthTokenUrl: parsed.GOOGLE_OAUTH_TOKEN_URL ?? 'https://oauth2.googleapis.com/token',
      oauthRevokeUrl: parsed.GOOGLE_OAUTH_REVOKE_URL ?? 'https://oauth2.googleapis.com/revoke',
      developerToken: parsed.GOOGLE_ADS_DEVELOPER_TOKEN,
      loginCustomerId: parsed.GOOGLE_ADS_LOGIN_CUSTOMER_ID,
    },
    dataDir,
    logLevel: (parsed.LOG_LEVEL ?? 'info') as LogLevel,
    redisUrl: parsed.REDIS_URL,
    workers: parsed.WORKERS ?? 1,
    importHistoryDays: parsed.IMPORT_HISTORY_DAYS ?? 90,
    resyncIntervalHours: parsed.RESYNC_INTERVAL_HOURS ?? 6,
    webhooks: {
      retryBaseSeconds: parsed.WEBHOOK_RETRY_BASE_SECONDS ?? 10,
      retryWindowSeconds: parsed.WEBHOOK_RETRY_WINDOW_SECONDS ?? 24 * 3600,
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS ?? 10_000,
    },
    rateLimit: {
      tenantPerMinute: parsed.RATE_LIMIT_TENANT_PER_MINUTE ?? 6000,
      userPerMinute: parsed.RATE_LIMIT_USER_PER_MINUTE ?? 600,
      keyPrefix: parsed.RATE_LIMIT_KEY_PREFIX ?? 'adlyft:rl:',
    },
    platformHttpTimeoutMs: parsed.PLATFORM_HTTP_TIMEOUT_MS ?? 30000,
    localReadCacheBytes: (parsed.LOCAL_READ_CACHE_MB ?? 64) * 1024 * 1024,
  });
}
