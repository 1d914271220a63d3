import { TeamAccess, TeamRequirement } from '../../src/access/access.types';
import { checkTeamAccess, checkWorkspaceAccess } from '../../src/access/team-access.policy';
import { AppException } from '../../src/common/app.exception';

const team = (role: TeamAccess['role'], isWorkspaceAdmin = false): TeamAccess => ({
  teamId: 't',
  teamName: 'T',
  isDefault: false,
  workspaceId: 'w',
  tenantId: 'x',
  role,
  isWorkspaceAdmin,
});

function outcome(run: () => unknown): number {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as AppException).getStatus();
  }
}

describe('team access policy (deny by default)', () => {
  it.each<[string, TeamAccess | undefined, TeamRequirement, number]>([
    ['unknown team', undefined, 'MEMBER', 404],
    ['no relation', team(null), 'MEMBER', 404],
    ['no relation asking for admin', team(null), 'ADMIN', 404],
    ['MEMBER reads', team('MEMBER'), 'MEMBER', 200],
    ['MEMBER administers', team('MEMBER'), 'ADMIN', 403],
    ['MEMBER deletes team', team('MEMBER'), 'WORKSPACE_ADMIN', 403],
    ['ADMIN administers', team('ADMIN'), 'ADMIN', 200],
    ['ADMIN deletes team', team('ADMIN'), 'WORKSPACE_ADMIN', 403],
    ['workspace admin, not a member', team(null, true), 'WORKSPACE_ADMIN', 200],
    ['workspace admin administers', team(null, true), 'ADMIN', 200],
  ])('%s → %i', (_name, access, required, status) => {
    expect(outcome(() => checkTeamAccess(access, required))).toBe(status);
  });

  it.each([
    ['unknown workspace', undefined, 'MEMBER', 404],
    ['stranger', { isAdmin: false, isMember: false }, 'MEMBER', 404],
    ['member reads', { isAdmin: false, isMember: true }, 'MEMBER', 200],
    ['member administers', { isAdmin: false, isMember: true }, 'ADMIN', 403],
    ['admin administers', { isAdmin: true, isMember: false }, 'ADMIN', 200],
  ] as const)('workspace: %s → %i', (_name, flags, required, status) => {
    const access = flags ? { workspaceId: 'w', enterpriseId: 'e', tenantId: 't', ...flags } : undefined;
    expect(outcome(() => checkWorkspaceAccess(access, required))).toBe(status);
  });
});
