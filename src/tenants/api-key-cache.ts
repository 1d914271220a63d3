import type { ApiKeyCheck } from './tenants.service';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Answers for recently seen API keys (keyed by hash), so an authenticated request costs no extra database round trip.
 * Rotation and disabling clear it in this process at once; another replica sees them within TTL_MS.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { check: ApiKeyCheck; expiresAt: number }>();

  get(hash: string): ApiKeyCheck | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.check;
  }

  set(hash: string, check: ApiKeyCheck): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, { check, expiresAt: Date.now() + TTL_MS });
  }

  clear(): void {
    this.entries.clear();
  }
}
