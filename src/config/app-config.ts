import * as path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface PlatformCredentials {
  clientId: string;
  clientSecret: string;
}

/** Requests per minute; 0 turns that limit off. */
/** Webhook delivery: exponential backoff from the base, retried for the window, each attempt cut at the timeout. */
export interface WebhookConfig {
  retryBaseSeconds: number;
  retryWindowSeconds: number;
  timeoutMs: number;
}

export interface RateLimitConfig {
  tenantPerMinute: number;
  userPerMinute: number;
  /** Prefix of the Redis keys, so deployments (or test runs) sharing a Redis do not share counters. */
  keyPrefix: string;
}

export interface AppConfigValues {
  nodeEnv: string;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  jwtSecret: string;
  tokenEncryptionKey: Buffer;
  adminApiToken: string | undefined;
  publicUrl: string;
  meta: {
    app: PlatformCredentials | undefined;
    apiVersion: string;
    graphUrl: string;
    dialogUrl: string;
  };
  google: {
    client: PlatformCredentials | undefined;
    adsApiUrl: string;
    adsApiVersion: string;
    oauthAuthorizeUrl: string;
    oauthTokenUrl: string;
    oauthRevokeUrl: string;
    developerToken: string | undefined;
    loginCustomerId: string | undefined;
  };
  dataDir: string;
  logLevel: LogLevel;
  redisUrl: string | undefined;
  workers: number;
  /** Days of daily insights a full import copies. */
  importHistoryDays: number;
  /** Imported accounts are re-synced when their last success is older than this. */
  resyncIntervalHours: number;
  webhooks: WebhookConfig;
  rateLimit: RateLimitConfig;
  /** Timeout of one HTTP call to Meta or Google. */
  platformHttpTimeoutMs: number;
  /** Bound of the serialized local insights answers kept per process; 0 keeps none. */
  localReadCacheBytes: number;
}

/** Typed, read-only access to the validated configuration. */
export class AppConfig {
  constructor(private readonly values: AppConfigValues) {}

  get nodeEnv(): string {
    return this.values.nodeEnv;
  }
  get isProduction(): boolean {
    return this.values.nodeEnv === 'production';
  }
  get port(): number {
    return this.values.port;
  }
  get host(): string {
    return this.values.host;
  }
  get databaseUrl(): string | undefined {
    return this.values.databaseUrl;
  }
  get jwtSecret(): string {
    return this.values.jwtSecret;
  }
  get tokenEncryptionKey(): Buffer {
    return this.values.tokenEncryptionKey;
  }
  get adminApiToken(): string | undefined {
    return this.values.adminApiToken;
  }
  get publicUrl(): string {
    return this.values.publicUrl;
  }
  get meta(): AppConfigValues['meta'] {
    return this.values.meta;
  }
  get google(): AppConfigValues['google'] {
    return this.values.google;
  }
  get dataDir(): string {
    return this.values.dataDir;
  }
  get embeddedPostgresDir(): string {
    return path.join(this.values.dataDir, 'postgres');
  }
  get logLevel(): LogLevel {
    return this.values.logLevel;
  }
  get redisUrl(): string | undefined {
    return this.values.redisUrl;
  }
  get workers(): number {
    return this.values.workers;
  }
  get rateLimit(): RateLimitConfig {
    return this.values.rateLimit;
  }
  get importHistoryDays(): number {
    return this.values.importHistoryDays;
  }
  get resyncIntervalHours(): number {
    return this.values.resyncIntervalHours;
  }
  get webhooks(): WebhookConfig {
    return this.values.webhooks;
  }
  get platformHttpTimeoutMs(): number {
    return this.values.platformHttpTimeoutMs;
  }
  get localReadCacheBytes(): number {
    return this.values.localReadCacheBytes;
  }
}
