import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module';
import { AdAccountsModule } from './ad-accounts/ad-accounts.module';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConnectionsModule } from './connections/connections.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { loggerOptions } from './logging/logger-options';
import { GoogleHttpModule } from './platforms/google/http/google-http.module';
import { MetaHttpModule } from './platforms/meta/http/meta-http.module';
import { PlatformsModule } from './platforms/platforms.module';
import { SyncHttpModule } from './sync/http/sync-http.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TeamsModule } from './teams/teams.module';
import { UsageModule } from './usage/usage.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkspacesModule } from './workspaces/workspaces.module';
import { JobsModule } from './jobs/jobs.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(logger)),
        DatabaseModule.forRoot(databaseUrl),
        HealthModule,
        AuthModule,
        // After AuthModule: its global guard needs the tenant and user that AuthModule's guards resolve.
        RateLimitModule.forRoot(config),
        UsageModule,
        AdminModule,
        JobsModule,
        WebhooksModule,
        AuditModule,
        AccessModule,
        WorkspacesModule,
        TeamsModule,
        PlatformsModule,
        AdAccountsModule,
        ConnectionsModule,
        IdempotencyModule,
        MetaHttpModule,
        GoogleHttpModule,
        SyncHttpModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // No global interceptor: the envelope comes from EnvelopingFastifyAdapter and the idempotency interceptor is
        // put on POST routes only (createApp); a global interceptor would cost every request Nest's interceptor chain.
      ],
    };
  }
}
