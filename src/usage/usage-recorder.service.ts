import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsageCounters } from './usage-counters';
import { CallTenant, PlatformCallSink, runInUsageScope, UsagePlatform, UsageScope } from './usage-scope';
import { UsageStore } from './usage-store.service';

const FLUSH_INTERVAL_MS = 5_000;

/**
 * Counts requests and platform calls in memory and writes them in batches (every few seconds, before a usage read and
 * at shutdown), so the request path never waits for the database.
 */
@Injectable()
export class UsageRecorder implements PlatformCallSink, OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(UsageRecorder.name);
  private readonly counters = new UsageCounters();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: UsageStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  countRequest(tenantId: string, endpoint: string): void {
    this.counters.add(tenantId, endpoint, '', 1, 0);
  }

  countPlatformCall(tenantId: string, endpoint: string, platform: UsagePlatform): void {
    this.counters.add(tenantId, endpoint, platform, 0, 1);
  }

  /**
   * Runs work outside a request (a background job) for the tenant: its platform calls go to the tenant's environment
   * and are counted under `label`.
   */
  runAs<T>(tenant: CallTenant, label: string, work: () => T): T {
    return runInUsageScope(new UsageScope(this, label, tenant.id, undefined, tenant.environment), work);
  }

  /** Writes what is counted so far; calls are serialised, and a failed write keeps its counts for the next one. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Requests that finished while the server drained were counted after the first flush. */
  async onApplicationShutdown(): Promise<void> {
    if (this.counters.size > 0 && this.dataSource.isInitialized) await this.flush();
  }

  private async write(): Promise<void> {
    if (this.counters.size === 0) return;
    const counts = this.counters.drain();
    try {
      await this.store.add(counts);
    } catch (error) {
      this.counters.restore(counts);
      this.logger.warn({ rows: counts.length, reason: (error as Error).message }, 'Usage counters not written; kept for the next flush');
    }
  }
}
