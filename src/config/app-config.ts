import * as path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface PlatformCredentials {
  clientId: string;
  clientSecret: string;
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
  /** Timeout of one HTTP call to Meta or Google. */
  platformHttpTimeoutMs: number;
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
  get platformHttpTimeoutMs(): number {
    return this.values.platformHttpTimeoutMs;
  }
}
