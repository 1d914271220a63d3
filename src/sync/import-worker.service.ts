import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ImportRunner } from './import-runner.service';
import { ImportStore } from './import-store.service';
import { IMPORT_QUEUE, ImportJobData, RESYNC_SWEEP_QUEUE } from './import.types';
import { JobQueue } from '../jobs/job-queue.service';

/** pg-boss fails (and retries) an import job still active after this; the lease makes a second run a no-op. */
const IMPORT_JOB_EXPIRE_SECONDS = 4 * 60 * 60;
const RESYNC_SWEEP_CRON = '*/10 * * * *';
/** How often a worker looks for imports that lost their worker or their job. */
const RECOVERY_INTERVAL_MS = 30_000;
/** A queued import this old has lost its job (retries are never scheduled later than this). */
const STALE_QUEUED_MINUTES = 30;

/**
 * The background side of imports, in processes with WORKERS > 0: runs import jobs (WORKERS at a time), the resync
 * sweep (a pg-boss cron, one run per tick across all processes), and recovery of imports whose worker died, at start
 * and every 30 s. Every process creates the queues, so an API-only replica (WORKERS=0) can enqueue.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ImportWorker.name);
  private stopping = false;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly runner: ImportRunner,
    private readonly store: ImportStore,
  ) {
    jobs.define({ name: IMPORT_QUEUE, retryLimit: 3, expireInSeconds: IMPORT_JOB_EXPIRE_SECONDS });
    jobs.define({ name: RESYNC_SWEEP_QUEUE, retryLimit: 0, expireInSeconds: 600 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.createQueues();
    if (!this.jobs.workersEnabled) return;
    await this.jobs.work<ImportJobData>(IMPORT_QUEUE, this.config.workers, (data) => this.runner.run(data, () => this.stopping));
    await this.jobs.work(RESYNC_SWEEP_QUEUE, 1, () => this.sweep().then(() => undefined));
    await this.jobs.schedule(RESYNC_SWEEP_QUEUE, RESYNC_SWEEP_CRON);
    this.recoveryTimer = setInterval(() => void this.recover(), RECOVERY_INTERVAL_MS);
    this.recoveryTimer.unref();
    await this.recover();
  }

  onModuleDestroy(): Promise<void> | void {
    this.stopping = true;
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
    return this.recovering;
  }

  /** Queues resyncs of accounts whose last import is older than RESYNC_INTERVAL_HOURS (what the cron job runs). */
  async sweep(): Promise<number> {
    const queued = await this.store.enqueueDueResyncs(this.config.resyncIntervalHours);
    if (queued > 0) this.logger.log(`queued ${queued} resync import(s)`);
    return queued;
  }

  /** Hands imports whose worker died (lease free while `running`) or whose job was lost back to the queue. */
  async recover(): Promise<void> {
    if (this.recovering || this.stopping) return this.recovering;
    this.recovering = (async () => {
      try {
        const stalled = await this.store.stalled(STALE_QUEUED_MINUTES);
        for (const job of stalled.running) {
          if (this.stopping) break;
          if (await this.runner.recoverOrphan(job)) this.logger.warn(`import ${job.importId} lost its worker; queued again`);
        }
        for (const job of stalled.queued) {
          if (this.stopping) break;
          await this.store.requeue(job, 'queued');
        }
      } catch (error) {
        this.logger.error(`import recovery failed: ${(error as Error).message}`);
      } finally {
        this.recovering = undefined;
      }
    })();
    return this.recovering;
  }
}
