export const WEBHOOK_EVENT_TYPES = [
  'connection.created',
  'connection.expired',
  'connection.disconnected',
  'import.succeeded',
  'import.failed',
  'campaign.created',
  'campaign.status_changed',
  'permission.changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
