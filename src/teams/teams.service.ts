import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamAccess, WorkspaceAccess } from '../access/access.types';
import type { AuthUser } from '../auth/auth-user';
import { AuditLog } from '../audit/audit-log.service';
import { teamEvent } from '../audit/team-event';
import { AppException } from '../common/app.exception';
import { TeamDto, TeamNameDto, TeamWithMembersDto } from './dto/team.dto';
import { TeamMember } from './team-member.entity';
import { membersByTeam } from './team-member-rows';
import { Team } from './team.entity';
import { ApiResult } from '../common/http/api-result';
import { Keyset, pageResult } from '../common/pagination/keyset-page';
import { PageQueryDto } from '../common/pagination/page-query.dto';

interface TeamRow {
  id: string;
  name: string;
  workspace_id: string;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}


@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** The workspace admin creates the team and is its first ADMIN, so every team starts with an admin. */
  async create(workspace: WorkspaceAccess, caller: AuthUser, name: string): Promise<TeamDto> {
    return this.dataSource.transaction(async (manager) => {
      const team = await manager.save(manager.create(Team, { tenantId: workspace.tenantId, workspaceId: workspace.workspaceId, name: name.trim(), isDefault: false }));
      await manager.insert(TeamMember, { tenantId: workspace.tenantId, teamId: team.id, userId: caller.id, role: 'ADMIN' });
      await this.audit.record(manager, {
        tenantId: workspace.tenantId,
        workspaceId: workspace.workspaceId,
        teamId: team.id,
        action: 'team.created',
        resourceId: team.id,
        data: { name: team.name },
      });
      return this.toDto(team);
    });
  }

  /** A page of the workspace's teams, oldest (the default team) first, each with all its members. */
  async listForWorkspace(workspace: WorkspaceAccess, query: PageQueryDto): Promise<ApiResult<TeamWithMembersDto[]>> {
    const keyset = new Keyset(query, 3);
    const rows: Array<TeamRow & { page_at: string; page_id: string }> = await this.dataSource.query(
      `SELECT t.id, t.name, t.workspace_id, t.is_default, t.created_at, t.updated_at, ${keyset.columns('t')}
         FROM teams t
        WHERE t.workspace_id = $1 AND t.tenant_id = $2 AND ${keyset.after('t')}
        ${keyset.order('t')}`,
      [workspace.workspaceId, workspace.tenantId, ...keyset.parameters],
    );
    const page = keyset.page(rows);
    const members = await membersByTeam(this.dataSource.manager, workspace.tenantId, page.rows.map((team) => team.id));
    const teams = page.rows.map((row) => ({
      id: row.id,
      name: row.name,
      isDefault: row.is_default,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      TeamMembers: members.get(row.id) ?? [],
    }));
    return pageResult(teams, page.nextCursor);
  }

  async rename(access: TeamAccess, name: string): Promise<TeamNameDto> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Team, { id: access.teamId, tenantId: access.tenantId }, { name: name.trim() });
      await this.audit.record(manager, teamEvent(access, 'team.renamed', { previousName: access.teamName, name: name.trim() }));
    });
    return { id: access.teamId, name: name.trim() };
  }

  /** Removes the team and, by cascade, its members (and later its connections and permissions). */
  async remove(access: TeamAccess): Promise<string> {
    if (access.isDefault) throw AppException.conflict('The default team of a workspace cannot be deleted');
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Team, { id: access.teamId, tenantId: access.tenantId, isDefault: false });
      await this.audit.record(manager, teamEvent(access, 'team.deleted', { name: access.teamName }));
    });
    return access.teamName;
  }

  private toDto(team: Team): TeamDto {
    return { id: team.id, name: team.name, isDefault: team.isDefault, createdAt: team.createdAt, updatedAt: team.updatedAt };
  }
}
