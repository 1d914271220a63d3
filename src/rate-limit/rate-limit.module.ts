import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { RateLimitStorageModule } from './rate-limit-storage.module';
import { rateLimitEnabled, throttlerOptions } from './rate-limit.options';
import { RateLimitStorage } from './rate-limit.storage';
import { TenantThrottlerGuard } from './tenant-throttler.guard';

/** Per-tenant and per-user request limits. With both limits at 0 nothing is registered: no cost per request. */
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!rateLimitEnabled(config.rateLimit)) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStorageModule],
          inject: [AppConfig, RateLimitStorage],
          useFactory: (appConfig: AppConfig, storage: RateLimitStorage) => throttlerOptions(appConfig.rateLimit, storage),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: TenantThrottlerGuard }],
    };
  }
}
