import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamAccess, WorkspaceAccess } from '../access/access.types';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { TeamDetailDto, TeamDto, TeamNameDto, TeamWithMembersDto } from './dto/team.dto';
import { TeamMember } from './team-member.entity';
import { membersByTeam } from './team-member-rows';
import { Team } from './team.entity';

@Injectable()
export class TeamsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace admin creates the team and is its first ADMIN, so every team starts with an admin. */
  async create(workspace: WorkspaceAccess, caller: AuthUser, name: string): Promise<TeamDto> {
    return this.dataSource.transaction(async (manager) => {
      const team = await manager.save(manager.create(Team, { tenantId: workspace.tenantId, workspaceId: workspace.workspaceId, name: name.trim(), isDefault: false }));
      await manager.insert(TeamMember, { tenantId: workspace.tenantId, teamId: team.id, userId: caller.id, role: 'ADMIN' });
      return this.toDto(team);
    });
  }

  async listForWorkspace(workspace: WorkspaceAccess): Promise<TeamWithMembersDto[]> {
    const teams = await this.dataSource.getRepository(Team).find({
      where: { workspaceId: workspace.workspaceId, tenantId: workspace.tenantId },
      order: { isDefault: 'DESC', createdAt: 'ASC', id: 'ASC' },
    });
    const members = await membersByTeam(this.dataSource.manager, workspace.tenantId, teams.map((team) => team.id));
    return teams.map((team) => ({ ...this.toDto(team), TeamMembers: members.get(team.id) ?? [] }));
  }

  async detail(access: TeamAccess): Promise<TeamDetailDto> {
    const rows: { id: string; name: string; is_default: boolean; created_at: Date; updated_at: Date; workspace_name: string; enterprise_id: string }[] =
      await this.dataSource.query(
        `SELECT t.id, t.name, t.is_default, t.created_at, t.updated_at, w.name AS workspace_name, w.enterprise_id
           FROM teams t JOIN workspaces w ON w.id = t.workspace_id
          WHERE t.id = $1 AND t.tenant_id = $2`,
        [access.teamId, access.tenantId],
      );
    const row = rows[0];
    if (!row) throw AppException.notFound('Team not found');
    const members = await membersByTeam(this.dataSource.manager, access.tenantId, [row.id]);
    return {
      id: row.id,
      name: row.name,
      isDefault: row.is_default,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      workspace: { name: row.workspace_name, enterpriseId: row.enterprise_id },
      TeamMembers: members.get(row.id) ?? [],
    };
  }

  async rename(access: TeamAccess, name: string): Promise<TeamNameDto> {
    await this.dataSource.getRepository(Team).update({ id: access.teamId, tenantId: access.tenantId }, { name: name.trim() });
    return { id: access.teamId, name: name.trim() };
  }

  /** Removes the team and, by cascade, its members (and later its connections and permissions). */
  async remove(access: TeamAccess): Promise<string> {
    if (access.isDefault) throw AppException.conflict('The default team of a workspace cannot be deleted');
    await this.dataSource.getRepository(Team).delete({ id: access.teamId, tenantId: access.tenantId, isDefault: false });
    return access.teamName;
  }

  private toDto(team: Team): TeamDto {
    return { id: team.id, name: team.name, isDefault: team.isDefault, createdAt: team.createdAt, updatedAt: team.updatedAt };
  }
}
