import type { WebhookEventType } from '../webhooks/webhook-event-type';

/** Everything the audit trail records; `resourceType` says what `resourceId` names. */
export const AUDIT_ACTIONS = {
  'workspace.created': 'workspace',
  'workspace.renamed': 'workspace',
  'workspace.admin_changed': 'workspace',
  'workspace.deleted': 'workspace',
  'team.created': 'team',
  'team.renamed': 'team',
  'team.deleted': 'team',
  'team.member_added': 'team',
  'team.member_removed': 'team',
  'permission.assigned': 'ad_account',
  'permission.changed': 'ad_account',
  'permission.revoked': 'ad_account',
  'connection.created': 'connection',
  'connection.disconnected': 'connection',
  'ad_account.removed': 'ad_account',
  'campaign.launched': 'campaign',
  'campaign.status_changed': 'campaign',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditResourceType = (typeof AUDIT_ACTIONS)[AuditAction];
export const AUDIT_RESOURCE_TYPES = [...new Set(Object.values(AUDIT_ACTIONS))] as AuditResourceType[];

/** Audited changes that tenants can also subscribe to as webhook events (emitted in the same transaction). */
export const WEBHOOK_EVENT_OF: Partial<Record<AuditAction, WebhookEventType>> = {
  'connection.created': 'connection.created',
  'connection.disconnected': 'connection.disconnected',
  'permission.assigned': 'permission.changed',
  'permission.changed': 'permission.changed',
  'permission.revoked': 'permission.changed',
  'campaign.launched': 'campaign.created',
  'campaign.status_changed': 'campaign.status_changed',
};
