import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WorkspaceAccess } from '../access/access.types';
import { ResolvedWorkspace } from '../access/resolved-access.decorator';
import { WorkspaceRole } from '../access/workspace-role.decorator';
import { ApiEnvelope } from '../common/decorators/api-envelope.decorator';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('Audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @WorkspaceRole('ADMIN')
  @ApiOperation({ summary: "The workspace's audit trail, newest first (workspace admin)" })
  @ApiEnvelope(null, { description: 'Audit events: action, resource, actor, request id, data, time' })
  list(@ResolvedWorkspace() workspace: WorkspaceAccess, @Query() query: AuditQueryDto) {
    return this.audit.list(workspace, query);
  }
}
