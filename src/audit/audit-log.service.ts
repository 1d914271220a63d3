import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { AUDIT_ACTIONS, AuditAction, AuditResourceType, WEBHOOK_EVENT_OF } from './audit-action';
import { AuditActor, currentAuditActor } from './audit-context';

const RESOURCE_KEY: Record<AuditResourceType, string> = {
  workspace: 'workspaceId',
  team: 'teamId',
  ad_account: 'adAccountId',
  connection: 'connectionId',
  campaign: 'campaignId',
};

export interface AuditEntry {
  tenantId: string;
  /** May be left out when `teamId` is given and the team still exists: it is then read from the team. */
  workspaceId?: string;
  teamId?: string | null;
  action: AuditAction;
  resourceId: string;
  data?: Record<string, unknown>;
  /** Defaults to the caller of the current request; given where there is none (the OAuth callback). */
  actor?: Partial<AuditActor>;
}

/**
 * Writes audit events with the `manager` of the change they report, so an event exists exactly when its change
 * committed; those that tenants can subscribe to (`WEBHOOK_EVENT_OF`) are also emitted as webhook events in that same
 * transaction. Never pass a token or secret in `data`.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly webhooks: WebhookOutbox) {}

  async record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const context = currentAuditActor();
    const rows = entries.map((entry, ord) => {
      const actor = { ...context, ...entry.actor };
      return {
        ord,
        tenant_id: entry.tenantId,
        workspace_id: entry.workspaceId ?? null,
        team_id: entry.teamId ?? null,
        action: entry.action,
        resource_type: AUDIT_ACTIONS[entry.action],
        resource_id: entry.resourceId,
        actor_user_id: actor.userId ?? null,
        actor_external_user_id: actor.externalUserId ?? null,
        request_id: actor.requestId ?? null,
        data: entry.data ?? {},
      };
    });
    await manager.query(
      `INSERT INTO audit_events (tenant_id, workspace_id, team_id, action, resource_type, resource_id, actor_user_id,
                                 actor_external_user_id, request_id, data)
       SELECT x.tenant_id, COALESCE(x.workspace_id, t.workspace_id), x.team_id, x.action, x.resource_type, x.resource_id, x.actor_user_id,
              x.actor_external_user_id, x.request_id, x.data
         FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id uuid, workspace_id uuid, team_id uuid, action text,
              resource_type text, resource_id text, actor_user_id uuid, actor_external_user_id text, request_id text, data jsonb,
              ord int)
         LEFT JOIN teams t ON t.id = x.team_id AND t.tenant_id = x.tenant_id
        ORDER BY x.ord`,
      [JSON.stringify(rows)],
    );
    for (const entry of entries) {
      const type = WEBHOOK_EVENT_OF[entry.action];
      if (!type) continue;
      const change = type === 'permission.changed' ? { change: entry.action.slice('permission.'.length) } : {};
      await this.webhooks.emit(manager, {
        tenantId: entry.tenantId,
        workspaceId: entry.workspaceId,
        teamId: entry.teamId,
        type,
        data: { ...change, [RESOURCE_KEY[AUDIT_ACTIONS[entry.action]]]: entry.resourceId, teamId: entry.teamId ?? null, ...entry.data },
      });
    }
  }
}
