import { Logger } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import type { ThrottlerStorageRecord } from './memory-rate-limit.storage';

const WARN_EVERY_MS = 30_000;

/**
 * Counters in Redis, shared by every replica (`@nest-lab/throttler-storage-redis`: one Lua script, INCR + PEXPIRE).
 * Rate limiting protects the service; it must not take it down: while Redis is unreachable, requests are let through
 * (and a warning is logged) instead of failing or queueing behind a reconnect.
 */
export class RedisRateLimitStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisRateLimitStorage.name);
  private readonly redis: Redis;
  private readonly counters: ThrottlerStorageRedisService;
  private lastWarnAt = 0;

  constructor(url: string) {
    this.redis = new Redis(url, {
      // Fail fast instead of holding requests while disconnected; the request is then let through.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
    });
    this.redis.on('error', (error: Error) => this.warn('Redis connection problem', error));
    this.counters = new ThrottlerStorageRedisService(this.redis);
  }

  /** Resolves true once connected; false on a connection error or after `timeoutMs` (requests pass until it answers). */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise<boolean>((resolve) => {
      const settle = (ready: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        this.redis.off('error', onError);
        if (!ready) this.logger.warn('Redis is not reachable; rate limits are not enforced until it is');
        resolve(ready);
      };
      const onReady = () => settle(true);
      const onError = () => settle(false);
      const timer = setTimeout(onError, timeoutMs);
      this.redis.once('ready', onReady);
      this.redis.once('error', onError);
    });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      return await this.counters.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.warn('Rate-limit counter unavailable; request let through', error);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private warn(message: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, message);
  }
}
