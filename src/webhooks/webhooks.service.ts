import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { WorkspaceAccess } from '../access/access.types';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { ApiResult } from '../common/http/api-result';
import { Keyset, pageResult } from '../common/pagination/keyset-page';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue.service';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { WEBHOOK_DELIVERY_QUEUE } from './webhook-delivery.queue';
import type { WebhookEndpointAccess } from './webhook-endpoint-admin.guard';
import { WebhookSecrets } from './webhook-secrets.service';
import { webhookUrlProblem } from './webhook-url';

interface EndpointRow {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  created_at: Date;
  page_at?: string;
  page_id?: string;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  redelivery_of: string | null;
  created_at: Date;
  updated_at: Date;
  attempt_log: Array<{ attempt: number; responseStatus: number | null; error: string | null; durationMs: number; at: string }>;
  page_at: string;
  page_id: string;
}

const endpointView = (row: EndpointRow) => ({ id: row.id, url: row.url, events: row.events, description: row.description, createdAt: row.created_at });

/** Webhook endpoints of a workspace (its admin's), their deliveries and redelivery. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecrets,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /** The signing secret is in this answer only; it is never shown again. */
  async create(workspace: WorkspaceAccess, user: AuthUser, body: CreateWebhookDto) {
    const problem = webhookUrlProblem(body.url, this.config.isProduction);
    if (problem) throw AppException.badRequest('Validation failed', [problem]);
    const id = randomUUID();
    const secret = this.secrets.generate();
    const [row]: EndpointRow[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoints (id, tenant_id, workspace_id, url, events, description, secret_ciphertext, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, url, events, description, created_at`,
      [id, workspace.tenantId, workspace.workspaceId, body.url, body.events, body.description ?? null, this.secrets.seal(secret, workspace.tenantId, id), user.id],
    );
    return { ...endpointView(row), secret };
  }

  async list(workspace: WorkspaceAccess, query: PageQueryDto): Promise<ApiResult<unknown[]>> {
    const keyset = new Keyset(query, 3);
    const rows: Required<EndpointRow>[] = await this.dataSource.query(
      `SELECT e.id, e.url, e.events, e.description, e.created_at, ${keyset.columns('e')}
         FROM webhook_endpoints e
        WHERE e.tenant_id = $1 AND e.workspace_id = $2 AND ${keyset.after('e')}
        ${keyset.order('e')}`,
      [workspace.tenantId, workspace.workspaceId, ...keyset.parameters],
    );
    const page = keyset.page(rows);
    return pageResult(page.rows.map(endpointView), page.nextCursor);
  }

  async remove(endpoint: WebhookEndpointAccess): Promise<void> {
    await this.dataSource.query(`DELETE FROM webhook_endpoints WHERE id = $1 AND tenant_id = $2`, [endpoint.id, endpoint.tenantId]);
  }

  /** Deliveries of the endpoint, newest first, each with every attempt made. */
  async deliveries(endpoint: WebhookEndpointAccess, query: PageQueryDto): Promise<ApiResult<unknown[]>> {
    const keyset = new Keyset(query, 3, true);
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.id, d.event_id, d.event_type, d.status, d.attempts, d.next_attempt_at, d.redelivery_of, d.created_at, d.updated_at,
              COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'responseStatus', a.response_status, 'error', a.error,
                                                          'durationMs', a.duration_ms, 'at', a.created_at) ORDER BY a.attempt)
                          FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]'::json) AS attempt_log,
              ${keyset.columns('d')}
         FROM webhook_deliveries d
        WHERE d.endpoint_id = $1 AND d.tenant_id = $2 AND ${keyset.after('d')}
        ${keyset.order('d')}`,
      [endpoint.id, endpoint.tenantId, ...keyset.parameters],
    );
    const page = keyset.page(rows);
    return pageResult(page.rows.map((row) => this.deliveryView(row)), page.nextCursor);
  }

  /** Sends a delivery's event again as a new delivery (same event id, fresh attempts and retry window). */
  async redeliver(endpoint: WebhookEndpointAccess, deliveryId: string) {
    return this.dataSource.transaction(async (manager) => {
      const [row]: Array<Omit<DeliveryRow, 'attempt_log' | 'page_at' | 'page_id'>> = await manager.query(
        `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, body, redelivery_of)
         SELECT d.tenant_id, d.endpoint_id, d.event_id, d.event_type, d.body, d.id
           FROM webhook_deliveries d WHERE d.id = $1 AND d.endpoint_id = $2 AND d.tenant_id = $3
         RETURNING id, event_id, event_type, status, attempts, next_attempt_at, redelivery_of, created_at, updated_at`,
        [deliveryId, endpoint.id, endpoint.tenantId],
      );
      if (!row) throw AppException.notFound('Delivery not found');
      await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId: row.id }, { queryRunner: manager.queryRunner });
      return this.deliveryView({ ...row, attempt_log: [], page_at: '', page_id: '' });
    });
  }

  private deliveryView(row: DeliveryRow) {
    return {
      id: row.id,
      eventId: row.event_id,
      type: row.event_type,
      status: row.status,
      attempts: row.attempt_log,
      nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
      redeliveryOf: row.redelivery_of,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
