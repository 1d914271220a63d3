import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { WebhookEndpointAccess, WebhookEndpointRequest } from './webhook-endpoint-admin.guard';

export const ResolvedWebhookEndpoint = createParamDecorator(
  (_: unknown, context: ExecutionContext): WebhookEndpointAccess => context.switchToHttp().getRequest<WebhookEndpointRequest>().webhookEndpoint!,
);
