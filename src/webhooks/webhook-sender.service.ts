import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue.service';
import { WEBHOOK_DELIVERY_QUEUE, WebhookDeliveryJob } from './webhook-delivery.queue';
import { retryDelaySeconds } from './webhook-retry';
import { WebhookSecrets } from './webhook-secrets.service';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

interface DeliveryRow {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  workspace_id: string;
  url: string;
  secret_ciphertext: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  give_up_at: Date | null;
}

interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

const MAX_ERROR_LENGTH = 500;
const CONCURRENCY = 4;

/**
 * Sends webhook deliveries from the job queue (in processes with WORKERS > 0). Each attempt is recorded; a failure is
 * tried again with exponential backoff until `give_up_at` (the first attempt + WEBHOOK_RETRY_WINDOW_SECONDS, 24 h by default), then the delivery
 * is `failed`. A 2xx answer within the timeout is a success; redirects are not followed.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly secrets: WebhookSecrets,
    private readonly config: AppConfig,
  ) {
    jobs.define({ name: WEBHOOK_DELIVERY_QUEUE, retryLimit: 2, expireInSeconds: 120 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.createQueues();
    if (!this.jobs.workersEnabled) return;
    await this.jobs.work<WebhookDeliveryJob>(WEBHOOK_DELIVERY_QUEUE, CONCURRENCY, (job) => this.deliver(job.deliveryId));
  }

  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.claim(deliveryId);
    if (!delivery) return;
    const attempt = delivery.attempts + 1;
    const outcome = await this.post(delivery);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, response_status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`,
        [delivery.id, attempt, outcome.status, outcome.error, outcome.durationMs],
      );
      const giveUpAt = delivery.give_up_at ?? new Date(Date.now() + this.config.webhooks.retryWindowSeconds * 1000);
      if (outcome.ok) return this.update(manager, delivery.id, attempt, 'succeeded', null, giveUpAt);
      const delay = retryDelaySeconds(attempt, this.config.webhooks.retryBaseSeconds);
      const next = new Date(Date.now() + delay * 1000);
      if (next > giveUpAt) {
        this.logger.warn({ deliveryId: delivery.id, endpointId: delivery.endpoint_id, attempts: attempt }, 'webhook delivery failed for good');
        return this.update(manager, delivery.id, attempt, 'failed', null, giveUpAt);
      }
      await this.update(manager, delivery.id, attempt, 'pending', next, giveUpAt);
      await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId: delivery.id }, { queryRunner: manager.queryRunner, startAfterSeconds: delay });
    });
  }

  /**
   * Takes a pending delivery that is due, leasing it (next_attempt_at pushed past the send timeout) in a short
   * transaction, so no transaction stays open during the HTTP call and a duplicate job cannot send it twice; if this
   * process dies mid-send, pg-boss retries the job after the lease ends. A job that came early is put back.
   */
  private async claim(deliveryId: string): Promise<DeliveryRow | undefined> {
    const leaseSeconds = Math.ceil(this.config.webhooks.timeoutMs / 1000) + 30;
    return this.dataSource.transaction(async (manager) => {
      const [delivery]: Array<DeliveryRow & { wait_seconds: number }> = await manager.query(
        `SELECT d.id, d.tenant_id, d.endpoint_id, e.workspace_id, e.url, e.secret_ciphertext, d.event_id, d.event_type, d.body,
                d.attempts, d.give_up_at,
                GREATEST(0, ceil(extract(epoch FROM d.next_attempt_at - now())))::int AS wait_seconds
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.tenant_id = d.tenant_id
          WHERE d.id = $1 AND d.status = 'pending'
          FOR UPDATE OF d SKIP LOCKED`,
        [deliveryId],
      );
      if (!delivery) return undefined;
      if (delivery.wait_seconds > 1) {
        await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId }, { queryRunner: manager.queryRunner, startAfterSeconds: delivery.wait_seconds });
        return undefined;
      }
      await manager.query(`UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2), updated_at = clock_timestamp() WHERE id = $1`, [
        deliveryId,
        leaseSeconds,
      ]);
      return delivery;
    });
  }

  private async update(manager: EntityManager, id: string, attempts: number, status: string, next: Date | null, giveUpAt: Date): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET attempts = $2, status = $3, next_attempt_at = $4, give_up_at = $5, updated_at = clock_timestamp() WHERE id = $1`,
      [id, attempts, status, next, giveUpAt],
    );
  }

  private async post(delivery: DeliveryRow): Promise<AttemptOutcome> {
    const started = Date.now();
    try {
      const secret = this.secrets.open(delivery.secret_ciphertext, delivery.tenant_id, delivery.endpoint_id);
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Adlyft-Webhooks/1',
          'x-adlyft-event-id': delivery.event_id,
          'x-adlyft-event-type': delivery.event_type,
          'x-adlyft-delivery-id': delivery.id,
          [SIGNATURE_HEADER]: signatureHeader(secret, delivery.body, Math.floor(Date.now() / 1000)),
        },
        body: delivery.body,
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, status: response.status, error: ok ? null : `answered ${response.status}`, durationMs: Date.now() - started };
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? 'timed out' : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
      return { ok: false, status: null, error: reason.slice(0, MAX_ERROR_LENGTH), durationMs: Date.now() - started };
    }
  }
}
