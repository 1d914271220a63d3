import { teamAccessOf, teamSnapshotFromRows, TeamSnapshotRow } from '../../src/access/team-snapshot';
import { checkTeamAccess } from '../../src/access/team-access.policy';

const created = new Date('2026-11-01T10:00:00.123Z');
const updated = new Date('2026-11-02T11:30:00.456Z');

function row(member: { id: string; userId: string; role: 'ADMIN' | 'MEMBER'; external: string } | null): TeamSnapshotRow {
  return {
    team_id: 'team-1',
    team_name: 'Growth',
    is_default: false,
    team_created_at: created,
    team_updated_at: updated,
    workspace_id: 'ws-1',
    workspace_name: 'Acme WS',
    enterprise_id: 'acme',
    admin_user_id: 'ws-admin',
    member_id: member?.id ?? null,
    role: member?.role ?? null,
    user_id: member?.userId ?? null,
    member_created_at: member ? created : null,
    member_updated_at: member ? updated : null,
    external_user_id: member?.external ?? null,
  };
}

describe('team snapshot', () => {
  const rows = [
    row({ id: 'm1', userId: 'u1', role: 'ADMIN', external: 'alice' }),
    row({ id: 'm2', userId: 'u2', role: 'MEMBER', external: 'bob' }),
  ];

  it('serializes the team read in the seed shape, members in the order of the rows', () => {
    const snapshot = teamSnapshotFromRows('tenant-1', rows)!;
    expect(JSON.parse(snapshot.detail.json)).toEqual({
      id: 'team-1',
      name: 'Growth',
      isDefault: false,
      createdAt: '2026-11-01T10:00:00.123Z',
      updatedAt: '2026-11-02T11:30:00.456Z',
      workspace: { name: 'Acme WS', enterpriseId: 'acme' },
      TeamMembers: [
        { id: 'm1', role: 'ADMIN', userId: 'u1', createdAt: '2026-11-01T10:00:00.123Z', updatedAt: '2026-11-02T11:30:00.456Z', user: { externalUserId: 'alice' } },
        { id: 'm2', role: 'MEMBER', userId: 'u2', createdAt: '2026-11-01T10:00:00.123Z', updatedAt: '2026-11-02T11:30:00.456Z', user: { externalUserId: 'bob' } },
      ],
    });
    expect(snapshot).toMatchObject({ tenantId: 'tenant-1', teamId: 'team-1', workspaceId: 'ws-1', workspaceAdminUserId: 'ws-admin' });
  });

  it('is undefined for no rows, and has no members for the one row of an empty team', () => {
    expect(teamSnapshotFromRows('tenant-1', [])).toBeUndefined();
    const empty = teamSnapshotFromRows('tenant-1', [row(null)])!;
    expect(JSON.parse(empty.detail.json).TeamMembers).toEqual([]);
    expect(empty.roles.size).toBe(0);
  });

  it.each([
    ['a team ADMIN', 'u1', 'ADMIN', false, 200],
    ['a MEMBER', 'u2', 'MEMBER', false, 200],
    ['the workspace admin, not a member', 'ws-admin', null, true, 200],
    ['anyone else', 'stranger', null, false, 404],
  ])('gives the access of %s', (_label, userId, role, isWorkspaceAdmin, status) => {
    const access = teamAccessOf(teamSnapshotFromRows('tenant-1', rows)!, userId);
    expect(access).toMatchObject({ role, isWorkspaceAdmin, tenantId: 'tenant-1', teamId: 'team-1' });
    let outcome = 200;
    try {
      checkTeamAccess(access, 'MEMBER');
    } catch (error) {
      outcome = (error as { getStatus(): number }).getStatus();
    }
    expect(outcome).toBe(status);
  });
});
