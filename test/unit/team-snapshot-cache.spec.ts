import { TeamSnapshot } from '../../src/access/team-snapshot';
import { TeamSnapshotCache } from '../../src/access/team-snapshot-cache';
import { RawJson } from '../../src/common/http/raw-json';

function snapshot(teamId: string, options: { tenantId?: string; workspaceId?: string; members?: number } = {}): TeamSnapshot {
  const roles = new Map(Array.from({ length: options.members ?? 1 }, (_, index) => [`user-${index}`, 'MEMBER' as const]));
  return {
    tenantId: options.tenantId ?? 'tenant-a',
    teamId,
    teamName: teamId,
    isDefault: false,
    workspaceId: options.workspaceId ?? 'ws-1',
    workspaceAdminUserId: 'admin',
    roles,
    detail: RawJson.of({ id: teamId }),
  };
}

describe('team snapshot cache', () => {
  let now: number;
  let cache: TeamSnapshotCache;

  beforeEach(() => {
    now = 1_000_000;
    cache = new TeamSnapshotCache({ ttlMs: 1_000, maxWeight: 10 }, () => now);
    cache.setEnabled(true);
  });

  it('answers a stored team to its own tenant only', () => {
    cache.set(snapshot('t1'), cache.ticket());
    expect(cache.get('tenant-a', 't1')?.teamId).toBe('t1');
    expect(cache.get('tenant-b', 't1')).toBeUndefined();
    expect(cache.get('tenant-a', 't2')).toBeUndefined();
  });

  it('forgets an entry after its time to live', () => {
    cache.set(snapshot('t1'), cache.ticket());
    now += 999;
    expect(cache.get('tenant-a', 't1')).toBeDefined();
    now += 1;
    expect(cache.get('tenant-a', 't1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stores nothing while it is off, and empties itself when turned off or on', () => {
    cache.set(snapshot('t1'), cache.ticket());
    cache.setEnabled(false);
    expect(cache.get('tenant-a', 't1')).toBeUndefined();
    cache.set(snapshot('t2'), cache.ticket());
    expect(cache.size).toBe(0);
    cache.setEnabled(true);
    cache.set(snapshot('t3'), cache.ticket());
    expect(cache.size).toBe(1);
  });

  it('refuses a load that an invalidation overtook (it may hold the data from before the write)', () => {
    for (const invalidate of [() => cache.invalidateTeam('other'), () => cache.invalidateWorkspace('ws-9'), () => cache.clear(), () => cache.setEnabled(true)]) {
      const ticket = cache.ticket();
      invalidate();
      cache.set(snapshot('t1'), ticket);
      expect(cache.get('tenant-a', 't1')).toBeUndefined();
    }
  });

  it('drops one team, or every team of a workspace', () => {
    cache.set(snapshot('t1', { workspaceId: 'ws-1' }), cache.ticket());
    cache.set(snapshot('t2', { workspaceId: 'ws-1' }), cache.ticket());
    cache.set(snapshot('t3', { workspaceId: 'ws-2' }), cache.ticket());
    cache.invalidateTeam('t3');
    expect(cache.get('tenant-a', 't3')).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.invalidateWorkspace('ws-1');
    expect(cache.size).toBe(0);
  });

  it('keeps the sum of (members + 1) under its limit, dropping the oldest entries first', () => {
    cache.set(snapshot('t1', { members: 3 }), cache.ticket()); // weight 4
    cache.set(snapshot('t2', { members: 3 }), cache.ticket()); // 8
    cache.set(snapshot('t3', { members: 3 }), cache.ticket()); // 12 > 10: t1 goes
    expect(cache.get('tenant-a', 't1')).toBeUndefined();
    expect(cache.get('tenant-a', 't2')).toBeDefined();
    expect(cache.get('tenant-a', 't3')).toBeDefined();
    cache.set(snapshot('huge', { members: 10 }), cache.ticket()); // weight 11: never stored
    expect(cache.get('tenant-a', 'huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('replaces a team stored again without counting it twice', () => {
    cache.set(snapshot('t1', { members: 4 }), cache.ticket());
    cache.set(snapshot('t1', { members: 4 }), cache.ticket());
    cache.set(snapshot('t2', { members: 4 }), cache.ticket());
    expect(cache.size).toBe(2);
  });
});
