import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SANDBOX_TOKEN_PREFIX } from '../sandbox-world';
import type { SimMetaTokenCodec, SimMetaTokenRecord } from './simulated-meta-platform';

const MARK = `${SANDBOX_TOKEN_PREFIX}EAA`;

/**
 * User tokens of a sandbox tenant's Meta that carry their own record (user, scopes, times) under an HMAC, so that a
 * stored connection keeps working after the app restarts or the world is evicted from memory. The key is derived from
 * the tenant id: these tokens open nothing but that tenant's simulated data, on the loopback simulator. A revocation
 * is remembered only while the world is in memory.
 */
export class MetaSandboxTokenCodec implements SimMetaTokenCodec {
  private readonly key: Buffer;

  constructor(tenantId: string) {
    this.key = createHash('sha256').update(`adlyft-sandbox-meta-token\u0000${tenantId}`).digest();
  }

  mint(record: SimMetaTokenRecord): string {
    const payload = Buffer.from(JSON.stringify({ u: record.userId, s: record.scopes, i: record.issuedAt, e: record.expiresAt })).toString('base64url');
    return `${MARK}${payload}.${this.sign(payload)}`;
  }

  read(token: string): SimMetaTokenRecord | undefined {
    if (!token.startsWith(MARK)) return undefined;
    const [payload, signature, ...rest] = token.slice(MARK.length).split('.');
    if (!payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; s?: unknown; i?: unknown; e?: unknown };
      if (typeof data.u !== 'string' || !Array.isArray(data.s) || typeof data.i !== 'number' || typeof data.e !== 'number') return undefined;
      return { userId: data.u, scopes: data.s.map(String), issuedAt: data.i, expiresAt: data.e, state: 'valid' };
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
