/** One counter row as it is kept in memory and written: platform '' is a request to this API. */
export interface UsageCount {
  tenantId: string;
  day: string;
  endpoint: string;
  platform: string;
  requests: number;
  platformCalls: number;
}

const DAY_MS = 86_400_000;

/** Counts in memory, keyed by tenant, UTC day, endpoint and platform; cheap enough for every request. */
export class UsageCounters {
  private counts = new Map<string, UsageCount>();
  private day = '';
  private dayEndsAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.counts.size;
  }

  add(tenantId: string, endpoint: string, platform: string, requests: number, platformCalls: number): void {
    const day = this.today();
    const key = `${tenantId}\u0000${day}\u0000${endpoint}\u0000${platform}`;
    const count = this.counts.get(key);
    if (count === undefined) {
      this.counts.set(key, { tenantId, day, endpoint, platform, requests, platformCalls });
    } else {
      count.requests += requests;
      count.platformCalls += platformCalls;
    }
  }

  /** Everything counted so far, in key order (replicas writing the same rows in one order do not deadlock); resets. */
  drain(): UsageCount[] {
    const drained = [...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, count]) => count);
    this.counts = new Map();
    return drained;
  }

  /** Puts back counts whose write failed, so that they go out with the next batch. */
  restore(counts: UsageCount[]): void {
    for (const count of counts) {
      const key = `${count.tenantId}\u0000${count.day}\u0000${count.endpoint}\u0000${count.platform}`;
      const current = this.counts.get(key);
      if (current === undefined) this.counts.set(key, { ...count });
      else {
        current.requests += count.requests;
        current.platformCalls += count.platformCalls;
      }
    }
  }

  private today(): string {
    const now = this.now();
    if (now >= this.dayEndsAt) {
      this.day = new Date(now).toISOString().slice(0, 10);
      this.dayEndsAt = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
    }
    return this.day;
  }
}
