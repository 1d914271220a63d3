import type { SimGoogleFailureKind } from './google-sim-errors';

/** The tests' controls over Ads API calls (OAuth excluded): the call count, injected failures and page token expiry. */
export class SimGoogleCallControls {
  private readonly failures: SimGoogleFailureKind[] = [];
  private readonly failuresAt = new Map<number, SimGoogleFailureKind>();
  private readonly expireTokensAt = new Set<number>();
  private adsCalls = 0;
  private pageTokenGeneration = 0;

  /** The next `times` Ads API calls (OAuth excluded) fail with `kind`. */
  failNext(kind: SimGoogleFailureKind, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(kind);
  }

  /** The n-th Ads API call since start (1-based, OAuth excluded) fails with `kind`. */
  failAtCall(n: number, kind: SimGoogleFailureKind): void {
    this.failuresAt.set(n, kind);
  }

  /** Every page token handed out so far now answers EXPIRED_PAGE_TOKEN (Google's tokens do not live forever). */
  expirePageTokens(): void {
    this.pageTokenGeneration++;
  }

  /** Page tokens expire just before the n-th Ads API call (1-based, OAuth excluded) is answered. */
  expirePageTokensAtCall(n: number): void {
    this.expireTokensAt.add(n);
  }

  /** How many Ads API calls were answered so far (OAuth excluded). */
  callCount(): number {
    return this.adsCalls;
  }

  /** Page tokens carry it; one of an older generation has expired. */
  get generation(): number {
    return this.pageTokenGeneration;
  }

  /** Counts one Ads API call and gives its number. */
  countCall(): number {
    return ++this.adsCalls;
  }

  /** Expires the page tokens if planned for this call, and gives the failure injected for it, if any. */
  failureFor(call: number): SimGoogleFailureKind | undefined {
    if (this.expireTokensAt.delete(call)) this.pageTokenGeneration++;
    return this.failuresAt.get(call) ?? this.failures.shift();
  }
}
