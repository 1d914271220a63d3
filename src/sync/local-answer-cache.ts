/** Where an answer comes from: the account it belongs to and the state of that account's copy it was read at. */
export interface LocalAnswerScope {
  tenantId: string;
  adAccountId: string;
  /** Changes whenever the account's copy may have changed (see LocalCopyState.version). */
  version: string;
}

/** 64 MB: about forty of the largest answers (~1.5 MB of JSON each). */
export const DEFAULT_LOCAL_ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

/** An answer's JSON text: a string, the bytes sent, or an object that tells what it holds. */
export type LocalAnswer = Buffer | string | { readonly byteLength: number };

interface Entry<T extends LocalAnswer> {
  answer: T;
  bytes: number;
  account: string;
}

/**
 * What an entry costs: a Buffer its length, an object its byteLength; V8 keeps a string in one byte per character
 * when it can and two otherwise, so two per character (the key's and a string answer's) is the bound whatever the
 * text. Pure.
 */
export function bytesOf(key: string, answer: LocalAnswer): number {
  return 2 * key.length + (typeof answer === 'string' ? 2 * answer.length : answer.byteLength);
}

const accountOf = (scope: LocalAnswerScope) => JSON.stringify([scope.tenantId, scope.adAccountId]);

/**
 * The key of one answer: the tenant, the ad account and the copy's version first, then what the query asked, as
 * one JSON array so no two different lists give the same text. Pure.
 */
export function localAnswerKey(scope: LocalAnswerScope, query: readonly unknown[]): string {
  return JSON.stringify([scope.tenantId, scope.adAccountId, scope.version, ...query]);
}

/**
 * Serialized answers of local reads, least recently used dropped first once their bytes pass the bound. An entry is
 * found only under the key it was stored with, which names the tenant, the account and the copy's version: another
 * tenant's request, or one after the copy changed, never matches it. Storing an answer of a newer version drops the
 * account's older ones, which no request can reach any more.
 */
export class LocalAnswerCache<T extends LocalAnswer = LocalAnswer> {
  private readonly entries = new Map<string, Entry<T>>();
  /** The version each account's entries were stored at, and how many there are. */
  private readonly accounts = new Map<string, { version: string; count: number }>();
  private total = 0;

  constructor(readonly maxBytes: number = DEFAULT_LOCAL_ANSWER_CACHE_BYTES) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map order is insertion order: moving the entry to the end makes the first one the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.answer;
  }

  /** Stores the answer unless it alone is over the bound; returns whether it did. */
  set(scope: LocalAnswerScope, key: string, answer: T): boolean {
    const bytes = bytesOf(key, answer);
    if (bytes > this.maxBytes) return false;
    const account = accountOf(scope);
    if (this.accounts.has(account) && this.accounts.get(account)!.version !== scope.version) this.dropAccount(account);
    this.delete(key);
    for (const oldest of this.entries.keys()) {
      if (this.total + bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
    this.entries.set(key, { answer, bytes, account });
    this.total += bytes;
    const counted = this.accounts.get(account);
    if (counted) counted.count++;
    else this.accounts.set(account, { version: scope.version, count: 1 });
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.accounts.clear();
    this.total = 0;
  }

  private dropAccount(account: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.account === account) this.delete(key);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
    const counted = this.accounts.get(entry.account)!;
    if (--counted.count === 0) this.accounts.delete(entry.account);
  }
}
