import { Global, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { WebhookEndpointAdminGuard } from './webhook-endpoint-admin.guard';
import { WebhookOutbox } from './webhook-outbox.service';
import { WebhookSecrets } from './webhook-secrets.service';
import { WebhookSender } from './webhook-sender.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Global so that any module can emit an event with the transaction of its change. Needs the global JobsModule. */
@Global()
@Module({
  imports: [AccessModule],
  controllers: [WebhooksController],
  providers: [WebhookOutbox, WebhookSecrets, WebhookSender, WebhooksService, WebhookEndpointAdminGuard],
  exports: [WebhookOutbox],
})
export class WebhooksModule {}
