import type { TeamSnapshot } from './team-snapshot';

export interface TeamSnapshotCacheLimits {
  ttlMs: number;
  /** Sum over the cached snapshots of (members + 1): bounds memory whatever the team sizes. */
  maxWeight: number;
}

const DEFAULT_LIMITS: TeamSnapshotCacheLimits = { ttlMs: 60_000, maxWeight: 100_000 };

const weightOf = (snapshot: TeamSnapshot) => snapshot.roles.size + 1;

/**
 * Team snapshots by team id. Off until the change listener is live, and off again as soon as it is not: a cache
 * nobody invalidates is never used. A load takes a ticket before it reads the database and its result is stored only
 * if no invalidation happened since, so a read that raced a write cannot put the old data back.
 */
export class TeamSnapshotCache {
  private readonly entries = new Map<string, { snapshot: TeamSnapshot; expiresAt: number }>();
  private generation = 0;
  private weight = 0;
  private enabled = false;

  constructor(
    private readonly limits: TeamSnapshotCacheLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  get size(): number {
    return this.entries.size;
  }

  setEnabled(enabled: boolean): void {
    this.clear();
    this.enabled = enabled;
  }

  /** Only the team's own tenant gets it; for any other the team does not exist here. */
  get(tenantId: string, teamId: string): TeamSnapshot | undefined {
    const entry = this.entries.get(teamId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(teamId);
      return undefined;
    }
    return entry.snapshot.tenantId === tenantId ? entry.snapshot : undefined;
  }

  ticket(): number {
    return this.generation;
  }

  set(snapshot: TeamSnapshot, ticket: number): void {
    if (!this.enabled || ticket !== this.generation) return;
    const weight = weightOf(snapshot);
    if (weight > this.limits.maxWeight) return;
    this.delete(snapshot.teamId);
    // Map order is insertion order: the oldest entries go first.
    for (const teamId of this.entries.keys()) {
      if (this.weight + weight <= this.limits.maxWeight) break;
      this.delete(teamId);
    }
    this.entries.set(snapshot.teamId, { snapshot, expiresAt: this.now() + this.limits.ttlMs });
    this.weight += weight;
  }

  invalidateTeam(teamId: string): void {
    this.generation++;
    this.delete(teamId);
  }

  invalidateWorkspace(workspaceId: string): void {
    this.generation++;
    for (const [teamId, entry] of this.entries) {
      if (entry.snapshot.workspaceId === workspaceId) this.delete(teamId);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.weight = 0;
  }

  private delete(teamId: string): void {
    const entry = this.entries.get(teamId);
    if (!entry) return;
    this.entries.delete(teamId);
    this.weight -= weightOf(entry.snapshot);
  }
}
