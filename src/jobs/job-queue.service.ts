import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';

export interface QueueDefinition {
  name: string;
  /** Retries pg-boss itself makes when a handler throws (infrastructure failures; imports schedule their own). */
  retryLimit: number;
  /** A job still active after this long is failed (and retried) by pg-boss's supervisor. */
  expireInSeconds: number;
}

export type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

const STOP_TIMEOUT_MS = 10_000;
const POLLING_INTERVAL_SECONDS = 1;

/** pg-boss's `db` option bound to one of our transactions, so a job is enqueued only if the transaction commits. */
function transactionDb(queryRunner: QueryRunner): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await queryRunner.query(text, values, true);
      return { rows: result.records ?? [] };
    },
  };
}

/**
 * pg-boss on the application's own PostgreSQL (schema `pgboss`), started and stopped with the app. Every process can
 * enqueue; only processes with WORKERS > 0 supervise (expiry, maintenance) and run schedules and handlers.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, QueueDefinition>();
  private started = false;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() dataSource: DataSource,
  ) {
    const url = (dataSource.options as { url?: string }).url;
    if (!url) throw new Error('JobQueue needs the data source to be configured by URL');
    const working = config.workers > 0;
    this.boss = new PgBoss({
      connectionString: url,
      max: 4,
      application_name: 'adlyft-jobs',
      supervise: working,
      schedule: working,
      migrate: true,
    });
    this.boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
  }

  get workersEnabled(): boolean {
    return this.config.workers > 0;
  }

  /** Declares a queue; called by the services that own one, before the app starts. */
  define(queue: QueueDefinition): void {
    this.queues.set(queue.name, queue);
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
  }

  /** Creates the declared queues (idempotent; every process does it, so an API-only replica can enqueue first). */
  async createQueues(): Promise<void> {
    for (const queue of this.queues.values()) {
      await this.boss.createQueue(queue.name, { name: queue.name, retryLimit: queue.retryLimit, retryBackoff: true, retryDelay: 5, expireInSeconds: queue.expireInSeconds });
    }
  }

  /** Enqueues a job inside the caller's transaction (`queryRunner`), or on its own when none is given. */
  async send(name: string, data: object, options: { queryRunner?: QueryRunner; startAfterSeconds?: number } = {}): Promise<string | null> {
    const sendOptions: PgBoss.SendOptions = {};
    if (options.queryRunner) sendOptions.db = transactionDb(options.queryRunner);
    if (options.startAfterSeconds !== undefined && options.startAfterSeconds > 0) sendOptions.startAfter = Math.ceil(options.startAfterSeconds);
    return this.boss.send(name, data, sendOptions);
  }

  /** Runs `handler` for jobs of `name`, `concurrency` at a time in this process. */
  async work<T extends object>(name: string, concurrency: number, handler: JobHandler<T>): Promise<void> {
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<T>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async (jobs) => {
        for (const job of jobs) await handler(job.data, { id: job.id, retryCount: job.retryCount });
      });
    }
  }

  /** A cron schedule (pg-boss keeps one per name across all processes). */
  async schedule(name: string, cron: string): Promise<void> {
    await this.boss.schedule(name, cron, {}, { tz: 'UTC' });
  }
}
