import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { WorkspaceAccess } from '../access/access.types';
import { ResolvedWorkspace } from '../access/resolved-access.decorator';
import { WorkspaceRole } from '../access/workspace-role.decorator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { AppException } from '../common/app.exception';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ApiResult } from '../common/http/api-result';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { WebhookListQueryDto } from './dto/webhook-list-query.dto';
import { ResolvedWebhookEndpoint } from './resolved-webhook-endpoint.decorator';
import type { WebhookEndpointAccess } from './webhook-endpoint-admin.guard';
import { WebhookEndpointAdminGuard } from './webhook-endpoint-admin.guard';
import { WebhooksService } from './webhooks.service';

@ApiTags('Webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @WorkspaceRole('ADMIN')
  @ApiOperation({ summary: 'Register an HTTPS endpoint for some events of a workspace (workspace admin); the answer shows the signing secret once' })
  @ApiEnvelope(null, { status: HttpStatus.CREATED, description: '{id, url, events, description, createdAt, secret}' })
  create(@ResolvedWorkspace() workspace: WorkspaceAccess, @CurrentUser() user: AuthUser, @Body() body: CreateWebhookDto) {
    return this.webhooks.create(workspace, user, body);
  }

  @Get()
  @WorkspaceRole('ADMIN')
  @ApiOperation({ summary: "A workspace's webhook endpoints (workspace admin)" })
  @ApiEnvelope(null, { description: 'Endpoints, without their secrets' })
  list(@ResolvedWorkspace() workspace: WorkspaceAccess, @Query() query: WebhookListQueryDto) {
    return this.webhooks.list(workspace, query);
  }

  @Delete(':id')
  @UseGuards(WebhookEndpointAdminGuard)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Remove an endpoint and its delivery history (admin of its workspace)' })
  @ApiEnvelope(null)
  async remove(@ResolvedWebhookEndpoint() endpoint: WebhookEndpointAccess) {
    await this.webhooks.remove(endpoint);
    return new ApiResult(null, 'Webhook deleted');
  }

  @Get(':id/deliveries')
  @UseGuards(WebhookEndpointAdminGuard)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: "An endpoint's deliveries, newest first, with every attempt" })
  @ApiEnvelope(null, { description: 'Deliveries' })
  deliveries(@ResolvedWebhookEndpoint() endpoint: WebhookEndpointAccess, @Query() query: PageQueryDto) {
    return this.webhooks.deliveries(endpoint, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(WebhookEndpointAdminGuard)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiOperation({ summary: 'Send a delivery again (a new delivery of the same event)' })
  @ApiEnvelope(null, { status: HttpStatus.ACCEPTED, description: 'The new delivery, pending' })
  redeliver(
    @ResolvedWebhookEndpoint() endpoint: WebhookEndpointAccess,
    @Param('deliveryId', new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('Delivery not found') })) deliveryId: string,
  ) {
    return this.webhooks.redeliver(endpoint, deliveryId);
  }
}
