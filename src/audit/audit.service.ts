import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WorkspaceAccess } from '../access/access.types';
import { AppException } from '../common/app.exception';
import { ApiResult } from '../common/http/api-result';
import { Keyset, pageResult } from '../common/pagination/keyset-page';
import { AuditQueryDto } from './dto/audit-query.dto';

interface AuditRow {
  id: string;
  team_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string;
  actor_user_id: string | null;
  actor_external_user_id: string | null;
  request_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  page_at: string;
  page_id: string;
}

/** A workspace's audit trail, newest first, filtered by resource, action and time. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(workspace: WorkspaceAccess, query: AuditQueryDto): Promise<ApiResult<unknown[]>> {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
      throw AppException.badRequest('Validation failed', ['from must not be after to']);
    }
    const filters: string[] = [];
    const parameters: unknown[] = [workspace.tenantId, workspace.workspaceId];
    const add = (sql: (n: string) => string, value: unknown) => {
      parameters.push(value);
      filters.push(sql(`$${parameters.length}`));
    };
    if (query.resourceType !== undefined) add((n) => `e.resource_type = ${n}`, query.resourceType);
    if (query.resourceId !== undefined) add((n) => `e.resource_id = ${n}`, query.resourceId);
    if (query.action !== undefined) add((n) => `e.action = ${n}`, query.action);
    if (query.from !== undefined) add((n) => `e.created_at >= ${n}::timestamptz`, query.from);
    if (query.to !== undefined) add((n) => `e.created_at < ${n}::timestamptz`, query.to);
    const keyset = new Keyset(query, parameters.length + 1, true);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT e.id, e.team_id, e.action, e.resource_type, e.resource_id, e.actor_user_id, e.actor_external_user_id,
              e.request_id, e.data, e.created_at, ${keyset.columns('e')}
         FROM audit_events e
        WHERE e.tenant_id = $1 AND e.workspace_id = $2 ${filters.map((filter) => `AND ${filter}`).join(' ')}
          AND ${keyset.after('e')}
        ${keyset.order('e')}`,
      [...parameters, ...keyset.parameters],
    );
    const page = keyset.page(rows);
    return pageResult(
      page.rows.map((row) => ({
        id: row.id,
        action: row.action,
        resource: { type: row.resource_type, id: row.resource_id },
        teamId: row.team_id,
        actor: { userId: row.actor_user_id, externalUserId: row.actor_external_user_id },
        requestId: row.request_id,
        data: row.data,
        createdAt: row.created_at,
      })),
      page.nextCursor,
    );
  }
}
