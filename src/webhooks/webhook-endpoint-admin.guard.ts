import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { isUuid } from '../common/validation/uuid';

/** The endpoint named by `:id`, resolved by WebhookEndpointAdminGuard. */
export interface WebhookEndpointAccess {
  id: string;
  tenantId: string;
  workspaceId: string;
}

export type WebhookEndpointRequest = AuthenticatedRequest & { webhookEndpoint?: WebhookEndpointAccess };

/**
 * Routes on one endpoint (`/webhooks/:id…`) are for the admin of the endpoint's workspace. Anything else, another
 * tenant's endpoint included, is a 404: the caller learns nothing about endpoints they do not administer.
 */
@Injectable()
export class WebhookEndpointAdminGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebhookEndpointRequest>();
    const id = (request.params as Record<string, string | undefined>).id;
    if (!request.user) throw AppException.unauthorized('A user token is required');
    if (!isUuid(id)) throw AppException.notFound('Webhook not found');
    const [row]: Array<{ id: string; workspace_id: string }> = await this.dataSource.query(
      `SELECT e.id, e.workspace_id FROM webhook_endpoints e JOIN workspaces w ON w.id = e.workspace_id AND w.tenant_id = e.tenant_id
        WHERE e.id = $1 AND e.tenant_id = $2 AND w.admin_user_id = $3`,
      [id, request.user.tenantId, request.user.id],
    );
    if (!row) throw AppException.notFound('Webhook not found');
    request.webhookEndpoint = { id: row.id, tenantId: request.user.tenantId, workspaceId: row.workspace_id };
    return true;
  }
}
