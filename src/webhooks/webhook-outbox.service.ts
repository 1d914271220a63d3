import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.service';
import { WEBHOOK_DELIVERY_QUEUE } from './webhook-delivery.queue';
import type { WebhookEventType } from './webhook-event-type';

export interface WebhookEvent {
  tenantId: string;
  /** The workspace whose endpoints hear the event; read from `teamId` when left out (the team must still exist). */
  workspaceId?: string;
  teamId?: string | null;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/**
 * Turns an event into one pending delivery per subscribed endpoint and enqueues their jobs, all with the `manager`
 * of the change the event reports: if that transaction rolls back, no delivery exists and no job runs.
 */
@Injectable()
export class WebhookOutbox {
  constructor(private readonly jobs: JobQueue) {}

  async emit(manager: EntityManager, event: WebhookEvent): Promise<void> {
    const id = randomUUID();
    const body = JSON.stringify({ id, type: event.type, createdAt: new Date().toISOString(), data: event.data });
    const deliveries: Array<{ id: string }> = await manager.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, body)
       SELECT e.tenant_id, e.id, $4, $5, $6
         FROM webhook_endpoints e
        WHERE e.tenant_id = $1
          AND e.workspace_id = COALESCE($2::uuid, (SELECT t.workspace_id FROM teams t WHERE t.id = $3::uuid AND t.tenant_id = $1))
          AND $5 = ANY(e.events)
       RETURNING id`,
      [event.tenantId, event.workspaceId ?? null, event.teamId ?? null, id, event.type, body],
    );
    for (const delivery of deliveries) {
      await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId: delivery.id }, { queryRunner: manager.queryRunner });
    }
  }
}
