import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The contract's environment variables, validated once at boot. Nothing else reads process.env. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'TOKEN_ENCRYPTION_KEY must be 32 bytes, base64-encoded' })
  TOKEN_ENCRYPTION_KEY?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(16, { message: 'ADMIN_API_TOKEN must be at least 16 characters' })
  ADMIN_API_TOKEN?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsUrl(URL_OPTIONS)
  PUBLIC_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  META_APP_ID?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  META_APP_SECRET?: string;

  @IsOptional() @Matches(/^v\d+\.\d+$/, { message: 'META_API_VERSION must look like v25.0' })
  META_API_VERSION?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  META_GRAPH_URL?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  META_DIALOG_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  GOOGLE_CLIENT_ID?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  GOOGLE_CLIENT_SECRET?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  GOOGLE_ADS_API_URL?: string;

  @IsOptional() @Matches(/^v\d+$/, { message: 'GOOGLE_ADS_API_VERSION must look like v26' })
  GOOGLE_ADS_API_VERSION?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  GOOGLE_OAUTH_AUTHORIZE_URL?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  GOOGLE_OAUTH_TOKEN_URL?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  GOOGLE_OAUTH_REVOKE_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  GOOGLE_ADS_DEVELOPER_TOKEN?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{10}$/, { message: 'GOOGLE_ADS_LOGIN_CUSTOMER_ID must be 10 digits' })
  GOOGLE_ADS_LOGIN_CUSTOMER_ID?: string;

  @IsOptional() @IsString() @MaxLength(4096)
  DATA_DIR?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(64)
  WORKERS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1125)
  IMPORT_HISTORY_DAYS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(720)
  RESYNC_INTERVAL_HOURS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  WEBHOOK_RETRY_BASE_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(7 * 24 * 3600)
  WEBHOOK_RETRY_WINDOW_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_000_000)
  RATE_LIMIT_TENANT_PER_MINUTE?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_000_000)
  RATE_LIMIT_USER_PER_MINUTE?: number;

  @IsOptional() @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, { message: 'RATE_LIMIT_KEY_PREFIX must be 1-64 characters of A-Z a-z 0-9 : _ . -' })
  RATE_LIMIT_KEY_PREFIX?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(600000)
  PLATFORM_HTTP_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65536)
  LOCAL_READ_CACHE_MB?: number;
}
