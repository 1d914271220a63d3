import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PlatformName } from '../../platforms/platform-error';

/** What a connect `state` binds: who asked, for which team and platform, where the browser goes back, until when. */
export interface OAuthStatePayload {
  nonce: string;
  tenantId: string;
  teamId: string;
  userId: string;
  platform: PlatformName;
  redirect: string | null;
  /** Unix seconds. */
  expiresAt: number;
}

interface WirePayload {
  n: string;
  t: string;
  m: string;
  u: string;
  p: PlatformName;
  r: string | null;
  e: number;
}

/** `base64url(json).base64url(hmac-sha256)`: compact enough for a URL, tamper-evident, no secret inside. */
export class OAuthStateCodec {
  constructor(private readonly key: Buffer) {}

  encode(payload: OAuthStatePayload): string {
    const wire: WirePayload = {
      n: payload.nonce,
      t: payload.tenantId,
      m: payload.teamId,
      u: payload.userId,
      p: payload.platform,
      r: payload.redirect,
      e: payload.expiresAt,
    };
    const body = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The payload when the signature is ours and the shape is right; undefined for anything else. */
  decode(state: string): OAuthStatePayload | undefined {
    if (state.length > 2048) return undefined;
    const [body, signature, extra] = state.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(body), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let wire: Partial<WirePayload>;
    try {
      wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<WirePayload>;
    } catch {
      return undefined;
    }
    if (typeof wire.n !== 'string' || typeof wire.t !== 'string' || typeof wire.m !== 'string' || typeof wire.u !== 'string') return undefined;
    if ((wire.p !== 'meta' && wire.p !== 'google') || typeof wire.e !== 'number') return undefined;
    if (wire.r !== null && typeof wire.r !== 'string') return undefined;
    return { nonce: wire.n, tenantId: wire.t, teamId: wire.m, userId: wire.u, platform: wire.p, redirect: wire.r ?? null, expiresAt: wire.e };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
