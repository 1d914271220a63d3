import { Inject, Injectable, Optional } from '@nestjs/common';
import { setTimeout as timersSleep } from 'node:timers/promises';
import { MetaUsage, MetaUsageHeaders, parseMetaUsage } from './meta-usage';

export interface MetaThrottleOptions {
  /** Utilisation (percent) from which calls of a key are spaced out. */
  slowdownFromPercent: number;
  /** Spacing at the threshold; it grows linearly to `maxDelayMs` at 100 %. */
  minDelayMs: number;
  /** The longest spacing between two calls of a key because of high usage. */
  maxDelayMs: number;
  /** A usage reading older than this is ignored (Meta's counters decay). */
  usageTtlMs: number;
  /**
   * The longest a call waits in total for throttling retries (and the longest a key is blocked after a throttling
   * error); a longer wait asked by Meta is not waited for: the 429 goes to the caller.
   */
  retryBudgetMs: number;
  /** First backoff of a throttling retry; doubles on each retry, never below Meta's own wait. */
  retryBackoffMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const META_THROTTLE_OPTIONS = Symbol('META_THROTTLE_OPTIONS');

export const META_THROTTLE_DEFAULTS: Readonly<MetaThrottleOptions> = {
  slowdownFromPercent: 75,
  minDelayMs: 100,
  maxDelayMs: 2_000,
  usageTtlMs: 60_000,
  retryBudgetMs: 5_000,
  retryBackoffMs: 500,
  now: () => Date.now(),
  sleep: async (ms: number) => {
    await timersSleep(ms);
  },
};

/** The app key: every call counts against the app's limits. */
export const META_APP_KEY = 'app';
const ACCOUNT_IN_PATH = /(?:^|\/)act_(\d{1,30})(?=\/|$|\?)/;
const PRUNE_ABOVE = 5_000;

interface KeyState {
  percent: number;
  observedAt: number;
  lastStartAt: number;
  blockedUntil: number;
}

/**
 * Per-process pacing of Graph calls, keyed by the app and by the ad account in the path (`act_{id}`):
 * - after a response shows ≥ 75 % utilisation, later calls of that key are spaced out (proportionally, at most 2 s);
 * - after a throttling error with a short wait, the key is blocked until Meta's regain time.
 * Time and sleep are injectable, so tests are deterministic.
 */
@Injectable()
export class MetaThrottle {
  readonly options: Readonly<MetaThrottleOptions>;
  private readonly keys = new Map<string, KeyState>();

  constructor(@Optional() @Inject(META_THROTTLE_OPTIONS) options?: Partial<MetaThrottleOptions>) {
    this.options = { ...META_THROTTLE_DEFAULTS, ...options };
  }

  /** The throttle keys of a request path or URL: the app, plus `act_{id}` when the path names an ad account. */
  static keysFor(pathOrUrl: string): string[] {
    let path = pathOrUrl;
    try {
      path = new URL(pathOrUrl).pathname;
    } catch {
      path = pathOrUrl.split('?')[0];
    }
    const account = ACCOUNT_IN_PATH.exec(path)?.[1];
    return account ? [META_APP_KEY, `act_${account}`] : [META_APP_KEY];
  }

  /** Waits until the keys may send again and reserves the slot; returns the milliseconds waited. */
  async beforeCall(keys: readonly string[]): Promise<number> {
    const now = this.options.now();
    let start = now;
    for (const key of keys) {
      const state = this.keys.get(key);
      if (!state) continue;
      start = Math.max(start, state.blockedUntil, state.lastStartAt + this.spacingMs(state, now));
    }
    for (const key of keys) this.state(key).lastStartAt = start;
    const wait = start - now;
    if (wait > 0) await this.options.sleep(wait);
    return wait;
  }

  /** Records what a response's usage headers say; a response without them means low usage. */
  observe(keys: readonly string[], headers: MetaUsageHeaders | undefined): MetaUsage {
    const usage = parseMetaUsage(headers);
    const now = this.options.now();
    for (const key of keys) {
      const state = this.state(key);
      state.percent =
        key === META_APP_KEY ? (usage.appPercent ?? 0) : Math.max(usage.adAccountPercent ?? 0, usage.businessUseCasePercent ?? 0);
      state.observedAt = now;
    }
    return usage;
  }

  /**
   * After a throttling error: blocks the keys for Meta's wait when it is short, and says how long to wait before
   * retrying (never less than the backoff of this retry), or undefined when the retry would exceed the budget.
   */
  planRetry(keys: readonly string[], retryAfterSeconds: number | undefined, retry: number, waitedMs: number): number | undefined {
    if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds < 0) return undefined;
    const metaWaitMs = Math.ceil(retryAfterSeconds * 1000);
    if (metaWaitMs > this.options.retryBudgetMs) return undefined;
    const waitMs = Math.max(metaWaitMs, this.options.retryBackoffMs * 2 ** (retry - 1));
    const until = this.options.now() + metaWaitMs;
    for (const key of keys) {
      const state = this.state(key);
      state.blockedUntil = Math.max(state.blockedUntil, until);
      // The block is Meta's own instruction; the usage that led to it says nothing more.
      state.percent = 0;
    }
    if (waitedMs + waitMs > this.options.retryBudgetMs) return undefined;
    return waitMs;
  }

  /** The block and usage state of a key, for tests and diagnostics. */
  snapshot(key: string): { percent: number; blockedForMs: number } | undefined {
    const state = this.keys.get(key);
    if (!state) return undefined;
    const now = this.options.now();
    return { percent: this.isFresh(state, now) ? state.percent : 0, blockedForMs: Math.max(0, state.blockedUntil - now) };
  }

  sleep(ms: number): Promise<void> {
    return this.options.sleep(ms);
  }

  /** Spacing between two calls of a key at its current usage: 0 below the threshold. */
  delayForPercent(percent: number): number {
    const { slowdownFromPercent: from, minDelayMs, maxDelayMs } = this.options;
    if (!(percent >= from)) return 0;
    const share = Math.min(1, (percent - from) / Math.max(1, 100 - from));
    return Math.round(Math.min(maxDelayMs, Math.max(minDelayMs, maxDelayMs * share)));
  }

  private spacingMs(state: KeyState, now: number): number {
    return this.isFresh(state, now) ? this.delayForPercent(state.percent) : 0;
  }

  private isFresh(state: KeyState, now: number): boolean {
    return now - state.observedAt <= this.options.usageTtlMs;
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      if (this.keys.size >= PRUNE_ABOVE) this.prune();
      state = { percent: 0, observedAt: 0, lastStartAt: 0, blockedUntil: 0 };
      this.keys.set(key, state);
    }
    return state;
  }

  /** Forgets keys with nothing left to remember: no fresh usage, no block, no recent call. */
  private prune(): void {
    const now = this.options.now();
    for (const [key, state] of this.keys) {
      if (key === META_APP_KEY) continue;
      const idle = now - Math.max(state.observedAt, state.lastStartAt) > this.options.usageTtlMs;
      if (idle && state.blockedUntil <= now) this.keys.delete(key);
    }
  }
}
