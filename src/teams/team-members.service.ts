import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import type { TeamAccess } from '../access/access.types';
import { AuditLog } from '../audit/audit-log.service';
import { teamEvent } from '../audit/team-event';
import { AppException } from '../common/app.exception';
import { ErrorCode } from '../common/error-code';
import { UsersService } from '../users/users.service';
import { MemberInputDto } from './dto/member-input.dto';
import { AssignResultDto, FailedMemberDto, TeamMemberDto, TeamMemberWithUserDto } from './dto/team.dto';
import { memberPage } from './team-member-rows';
import { ApiResult } from '../common/http/api-result';
import { Keyset, pageResult } from '../common/pagination/keyset-page';
import { PageQueryDto } from '../common/pagination/page-query.dto';

const ALREADY_MEMBER = 'User already assigned to this team';

type Checked = { ok: true; input: MemberInputDto } | { ok: false; failure: FailedMemberDto };

function check(entry: unknown, seen: Set<string>): Checked {
  const externalUserId = entry && typeof entry === 'object' && typeof (entry as { externalUserId?: unknown }).externalUserId === 'string'
    ? (entry as { externalUserId: string }).externalUserId
    : null;
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { ok: false, failure: { externalUserId, error: 'Each member must be an object' } };
  const input = plainToInstance(MemberInputDto, entry);
  const problems = validateSync(input, { whitelist: true, forbidNonWhitelisted: true }).flatMap((error) =>
    error.constraints ? Object.values(error.constraints) : [`property ${error.property} should not exist`],
  );
  if (problems.length > 0) return { ok: false, failure: { externalUserId, error: problems.join('; ') } };
  if (seen.has(input.externalUserId)) return { ok: false, failure: { externalUserId, error: 'Listed more than once in this request' } };
  seen.add(input.externalUserId);
  return { ok: true, input };
}

export interface AssignOutcome {
  status: HttpStatus;
  body: TeamMemberDto | AssignResultDto;
}

@Injectable()
export class TeamMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
  ) {}

  async list(access: TeamAccess, query: PageQueryDto): Promise<ApiResult<TeamMemberWithUserDto[]>> {
    const page = await memberPage(this.dataSource.manager, access.tenantId, access.teamId, new Keyset(query, 3));
    return pageResult(page.members, page.nextCursor);
  }

  /**
   * One member: 201 with it (400 or 409 when it cannot be added). Several: 200 with what succeeded and what failed and
   * why; each valid entry is added even when others fail.
   */
  async assign(access: TeamAccess, entries: unknown[]): Promise<AssignOutcome> {
    const seen = new Set<string>();
    const checked = entries.map((entry) => check(entry, seen));
    const valid = checked.filter((item): item is Extract<Checked, { ok: true }> => item.ok).map((item) => item.input);
    const failed = checked.filter((item): item is Extract<Checked, { ok: false }> => !item.ok).map((item) => item.failure);

    const inserted = new Map<string, TeamMemberDto>();
    if (valid.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        const users = await this.users.ensureMany(access.tenantId, valid.map((input) => input.externalUserId), manager);
        const rows: { id: string; user_id: string; role: string; created_at: Date; updated_at: Date }[] = await manager.query(
          `INSERT INTO team_members (tenant_id, team_id, user_id, role)
           SELECT $1, $2, u.user_id, u.role FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS u(user_id, role, position)
           ORDER BY u.position
           ON CONFLICT (team_id, user_id) DO NOTHING
           RETURNING id, user_id, role, created_at, updated_at`,
          [access.tenantId, access.teamId, users.map((user) => user.id), valid.map((input) => input.role)],
        );
        const externalById = new Map(users.map((user) => [user.id, user.externalUserId]));
        for (const row of rows) {
          inserted.set(externalById.get(row.user_id)!, { id: row.id, role: row.role, createdAt: row.created_at, updatedAt: row.updated_at });
        }
        await this.audit.record(
          manager,
          ...rows.map((row) => teamEvent(access, 'team.member_added', { userId: row.user_id, externalUserId: externalById.get(row.user_id), role: row.role })),
        );
      });
    }
    for (const input of valid) {
      if (!inserted.has(input.externalUserId)) failed.push({ externalUserId: input.externalUserId, error: ALREADY_MEMBER });
    }

    if (entries.length === 1) {
      const member = inserted.values().next().value;
      if (member) return { status: HttpStatus.CREATED, body: member };
      const failure = failed[0];
      if (failure.error === ALREADY_MEMBER) throw AppException.conflict(ALREADY_MEMBER);
      throw AppException.badRequest('Validation failed', [failure.error]);
    }
    const successful = valid
      .filter((input) => inserted.has(input.externalUserId))
      .map((input) => ({ externalUserId: input.externalUserId, teamMember: inserted.get(input.externalUserId)! }));
    return {
      status: HttpStatus.OK,
      body: { successful, failed, summary: { total: entries.length, successCount: successful.length, failureCount: failed.length } },
    };
  }

  /** All or nothing: every listed user must be a member, and the team keeps at least one ADMIN. */
  async remove(access: TeamAccess, externalUserIds: string[]): Promise<void> {
    const wanted = [...new Set(externalUserIds)];
    await this.dataSource.transaction(async (manager) => {
      // Serialises concurrent removals on this team, so two of them cannot each take away one of the last two ADMINs.
      await manager.query('SELECT id FROM teams WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [access.teamId, access.tenantId]);
      const members: { id: string; user_id: string; role: string; external_user_id: string }[] = await manager.query(
        `SELECT m.id, m.user_id, m.role, u.external_user_id FROM team_members m JOIN users u ON u.id = m.user_id
          WHERE m.team_id = $1 AND m.tenant_id = $2`,
        [access.teamId, access.tenantId],
      );
      const byExternal = new Map(members.map((member) => [member.external_user_id, member]));
      const missing = wanted.filter((id) => !byExternal.has(id));
      if (missing.length > 0) {
        throw new AppException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, 'Not a member of this team', missing.map((id) => `${id} is not a member of this team`));
      }
      const removing = wanted.map((id) => byExternal.get(id)!);
      const adminsLeft = members.filter((member) => member.role === 'ADMIN').length - removing.filter((member) => member.role === 'ADMIN').length;
      if (adminsLeft < 1) throw AppException.conflict('The last ADMIN of a team cannot be removed');
      await manager.query('DELETE FROM team_members WHERE id = ANY($1::uuid[]) AND tenant_id = $2', [removing.map((member) => member.id), access.tenantId]);
      await this.audit.record(
        manager,
        ...removing.map((member) => teamEvent(access, 'team.member_removed', { userId: member.user_id, externalUserId: member.external_user_id, role: member.role })),
      );
      // A member who leaves the team keeps no right on its ad accounts.
      await manager.query('DELETE FROM ad_account_permissions WHERE team_id = $1 AND tenant_id = $2 AND user_id = ANY($3::uuid[])', [
        access.teamId,
        access.tenantId,
        removing.map((member) => member.user_id),
      ]);
    });
  }
}
