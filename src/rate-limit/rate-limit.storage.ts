import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { MemoryRateLimitStorage, ThrottlerStorageRecord } from './memory-rate-limit.storage';
import { RedisRateLimitStorage } from './redis-rate-limit.storage';

const REDIS_READY_TIMEOUT_MS = 3_000;

/** The throttler's counters: in Redis when REDIS_URL is set (shared by replicas), else in this process. */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly backend: MemoryRateLimitStorage | RedisRateLimitStorage;

  constructor(config: AppConfig) {
    this.backend = config.redisUrl ? new RedisRateLimitStorage(config.redisUrl) : new MemoryRateLimitStorage();
  }

  get shared(): boolean {
    return this.backend instanceof RedisRateLimitStorage;
  }

  async onModuleInit(): Promise<void> {
    if (this.backend instanceof RedisRateLimitStorage) await this.backend.waitUntilReady(REDIS_READY_TIMEOUT_MS);
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return this.backend.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}
