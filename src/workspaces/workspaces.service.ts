import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { WorkspaceAccess } from '../access/access.types';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { TeamMember } from '../teams/team-member.entity';
import { Team } from '../teams/team.entity';
import { AuditLog } from '../audit/audit-log.service';
import { UsersService } from '../users/users.service';
import { CreatedWorkspaceDto, UpdatedWorkspaceDto, WorkspaceDto } from './dto/workspace.dto';
import { Workspace } from './workspace.entity';

const DEFAULT_TEAM_NAME = 'Default Team';
const UNIQUE_VIOLATION = '23505';

interface WorkspaceRow {
  id: string;
  name: string;
  enterprise_id: string;
  admin_external_user_id: string;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class WorkspacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
  ) {}

  /** The caller becomes the admin; the workspace gets its default team with the caller as ADMIN. */
  async create(caller: AuthUser, enterpriseId: string, name: string): Promise<CreatedWorkspaceDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const workspace = await manager.save(
          manager.create(Workspace, { tenantId: caller.tenantId, enterpriseId, name: name.trim(), adminUserId: caller.id }),
        );
        const team = await manager.save(
          manager.create(Team, { tenantId: caller.tenantId, workspaceId: workspace.id, name: DEFAULT_TEAM_NAME, isDefault: true }),
        );
        await manager.insert(TeamMember, { tenantId: caller.tenantId, teamId: team.id, userId: caller.id, role: 'ADMIN' });
        await this.audit.record(manager, {
          tenantId: caller.tenantId,
          workspaceId: workspace.id,
          action: 'workspace.created',
          resourceId: workspace.id,
          data: { enterpriseId, name: workspace.name, defaultTeamId: team.id },
        });
        return { id: workspace.id, name: workspace.name, enterpriseId, createdAt: workspace.createdAt, updatedAt: workspace.updatedAt };
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw AppException.conflict('Workspace already exists with the same enterpriseId');
      }
      throw error;
    }
  }

  async get(access: WorkspaceAccess): Promise<WorkspaceDto> {
    const row = await this.load(this.dataSource.manager, access);
    return { ...this.base(row), admin: { externalUserId: row.admin_external_user_id } };
  }

  async update(access: WorkspaceAccess, changes: { name?: string }): Promise<UpdatedWorkspaceDto> {
    const name = changes.name?.trim();
    if (name !== undefined) {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(Workspace, { id: access.workspaceId, tenantId: access.tenantId }, { name });
        await this.audit.record(manager, {
          tenantId: access.tenantId,
          workspaceId: access.workspaceId,
          action: 'workspace.renamed',
          resourceId: access.workspaceId,
          data: { name },
        });
      });
    }
    const row = await this.load(this.dataSource.manager, access);
    return { ...this.base(row), adminId: row.admin_external_user_id };
  }

  /** One statement, so one transaction: teams, members (and everything hanging off teams) go by cascade. */
  async remove(access: WorkspaceAccess): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Workspace, { id: access.workspaceId, tenantId: access.tenantId });
      await this.audit.record(manager, {
        tenantId: access.tenantId,
        workspaceId: access.workspaceId,
        action: 'workspace.deleted',
        resourceId: access.workspaceId,
        data: { enterpriseId: access.enterpriseId },
      });
    });
  }

  /**
   * The new admin gains the workspace and ADMIN of its default team; the old admin loses the workspace and is MEMBER
   * of the default team from then on. Other teams' roles are the teams' business and stay as they are.
   */
  async changeAdmin(access: WorkspaceAccess, newAdminExternalId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const workspace = await manager.findOne(Workspace, {
        where: { id: access.workspaceId, tenantId: access.tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!workspace) throw AppException.notFound('Workspace not found');
      const newAdmin = await this.users.ensure(access.tenantId, newAdminExternalId, manager);
      if (newAdmin.id === workspace.adminUserId) return;
      const defaultTeam = await manager.findOne(Team, { where: { workspaceId: workspace.id, tenantId: access.tenantId, isDefault: true } });
      await manager.update(Workspace, { id: workspace.id, tenantId: access.tenantId }, { adminUserId: newAdmin.id });
      await this.audit.record(manager, {
        tenantId: access.tenantId,
        workspaceId: workspace.id,
        action: 'workspace.admin_changed',
        resourceId: workspace.id,
        data: { previousAdminUserId: workspace.adminUserId, newAdminUserId: newAdmin.id, newAdminExternalUserId: newAdminExternalId },
      });
      if (!defaultTeam) return;
      await manager.query(
        `INSERT INTO team_members (tenant_id, team_id, user_id, role) VALUES ($1, $2, $3, 'ADMIN')
         ON CONFLICT (team_id, user_id) DO UPDATE SET role = 'ADMIN', updated_at = now()`,
        [access.tenantId, defaultTeam.id, newAdmin.id],
      );
      await manager.query(
        `UPDATE team_members SET role = 'MEMBER', updated_at = now() WHERE team_id = $1 AND user_id = $2 AND tenant_id = $3`,
        [defaultTeam.id, workspace.adminUserId, access.tenantId],
      );
    });
  }

  private async load(manager: EntityManager, access: WorkspaceAccess): Promise<WorkspaceRow> {
    const rows: WorkspaceRow[] = await manager.query(
      `SELECT w.id, w.name, w.enterprise_id, u.external_user_id AS admin_external_user_id, w.created_at, w.updated_at
         FROM workspaces w JOIN users u ON u.id = w.admin_user_id
        WHERE w.id = $1 AND w.tenant_id = $2`,
      [access.workspaceId, access.tenantId],
    );
    if (!rows[0]) throw AppException.notFound('Workspace not found');
    return rows[0];
  }

  private base(row: WorkspaceRow): CreatedWorkspaceDto {
    return { id: row.id, name: row.name, enterpriseId: row.enterprise_id, createdAt: row.created_at, updatedAt: row.updated_at };
  }
}
