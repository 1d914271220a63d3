import type { JwtClaims } from './auth-user';

const MAX_ENTRIES = 10_000;

/**
 * Claims of tokens whose signature and issuer were already checked, keyed by the whole token string, kept until the
 * token's own expiry. A token is immutable and its signature cannot stop being valid, so a hit is exactly as good as
 * verifying again; only expiry changes with time, and it is checked on every hit. Failed tokens are never stored.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { claims: JwtClaims; expiresAtMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(token: string): JwtClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** `expSeconds`: the token's exp claim; a token without one is not stored. */
  set(token: string, claims: JwtClaims, expSeconds: number | undefined): void {
    if (typeof expSeconds !== 'number') return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims, expiresAtMs: expSeconds * 1000 });
  }
}
