import type { EntityManager } from 'typeorm';
import { Keyset } from '../common/pagination/keyset-page';
import type { TeamMemberWithUserDto } from './dto/team.dto';
import type { TeamMemberRole } from './team-member.entity';

interface MemberRow {
  id: string;
  team_id: string;
  role: TeamMemberRole;
  user_id: string;
  external_user_id: string;
  created_at: Date;
  updated_at: Date;
}

/** Members of the given teams (of one tenant) with their externalUserId, oldest first, grouped by team. */
export async function membersByTeam(manager: EntityManager, tenantId: string, teamIds: string[]): Promise<Map<string, TeamMemberWithUserDto[]>> {
  const grouped = new Map<string, TeamMemberWithUserDto[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return grouped;
  const rows: MemberRow[] = await manager.query(
    `SELECT m.id, m.team_id, m.role, m.user_id, u.external_user_id, m.created_at, m.updated_at
       FROM team_members m JOIN users u ON u.id = m.user_id
      WHERE m.team_id = ANY($1::uuid[]) AND m.tenant_id = $2
      ORDER BY m.created_at, m.id`,
    [teamIds, tenantId],
  );
  for (const row of rows) grouped.get(row.team_id)?.push(memberView(row));
  return grouped;
}

/** One page of a team's members, oldest first. */
export async function memberPage(
  manager: EntityManager,
  tenantId: string,
  teamId: string,
  keyset: Keyset,
): Promise<{ members: TeamMemberWithUserDto[]; nextCursor: string | null }> {
  const rows: Array<MemberRow & { page_at: string; page_id: string }> = await manager.query(
    `SELECT m.id, m.team_id, m.role, m.user_id, u.external_user_id, m.created_at, m.updated_at, ${keyset.columns('m')}
       FROM team_members m JOIN users u ON u.id = m.user_id
      WHERE m.team_id = $1 AND m.tenant_id = $2 AND ${keyset.after('m')}
      ${keyset.order('m')}`,
    [teamId, tenantId, ...keyset.parameters],
  );
  const page = keyset.page(rows);
  return { members: page.rows.map(memberView), nextCursor: page.nextCursor };
}

function memberView(row: MemberRow): TeamMemberWithUserDto {
  return {
    id: row.id,
    role: row.role,
    userId: row.user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    user: { externalUserId: row.external_user_id },
  };
}
