import { createHmac, randomBytes } from 'node:crypto';
import { SimAnswer, graphError, invalidParameter, tokenError } from './meta-sim-errors';

export interface SimMetaTokenRecord {
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  state: 'valid' | 'expired' | 'revoked';
}

/** Makes user tokens that outlive the process: a token minted before a restart is read back into its record. */
export interface SimMetaTokenCodec {
  mint(record: SimMetaTokenRecord): string;
  read(token: string): SimMetaTokenRecord | undefined;
}

/** What the token side needs of the platform's options. */
export interface SimMetaTokenSettings {
  appId: string;
  appSecret: string;
  tokenPrefix: string;
  tokenCodec?: SimMetaTokenCodec;
}

interface CodeRecord {
  userId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

type Params = Record<string, string>;

const SHORT_TOKEN_SECONDS = 5400;
const LONG_TOKEN_SECONDS = 5183944;
const DATA_ACCESS_SECONDS = 90 * 24 * 3600;
const CODE_TTL_MS = 10 * 60 * 1000;

const ok = (body: unknown): SimAnswer => ({ status: 200, body });
const unix = (ms: number) => Math.floor(ms / 1000);

/**
 * The OAuth side of the simulated Meta: authorization codes, the code and long-lived token exchanges, the app token,
 * `debug_token`, revocation, and the records of the user tokens issued.
 */
export class SimMetaTokenStore {
  private readonly tokens = new Map<string, SimMetaTokenRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly issued = new Map<string, string[]>();
  private readonly appToken: string;
  private revocations = 0;

  constructor(
    private readonly settings: SimMetaTokenSettings,
    /** Whether the user exists (a token minted before a restart is honoured only for a known user). */
    private readonly knowsUser: (userId: string) => boolean,
  ) {
    this.appToken = `${settings.appId}|${settings.appSecret}`;
  }

  /** A fresh authorization code the login dialog hands to the redirect. */
  issueCode(userId: string, redirectUri: string, scopes: string[]): string {
    const code = `AQ${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, { userId, redirectUri, scopes, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  expireAll(): void {
    for (const record of this.tokens.values()) if (record.state === 'valid') record.state = 'expired';
  }

  revokedCount(): number {
    return this.revocations;
  }

  issuedTo(userId: string): string[] {
    return [...(this.issued.get(userId) ?? [])];
  }

  /** `GET /oauth/access_token`: code exchange, long-lived exchange (`fb_exchange_token`) and the app token. */
  accessToken(params: Params): SimAnswer {
    if (params.client_id !== this.settings.appId) return graphError({ message: 'Error validating application. Invalid application ID.', code: 101 });
    if (params.client_secret !== this.settings.appSecret) return graphError({ message: 'Error validating client secret.', code: 1 });
    if (params.grant_type === 'fb_exchange_token') {
      const record = this.record(params.fb_exchange_token ?? '');
      if (!record) return tokenError(467);
      if (!this.isLive(record)) return tokenError(record.state === 'revoked' ? 458 : 463);
      return this.issue(record.userId, record.scopes, LONG_TOKEN_SECONDS);
    }
    if (params.grant_type === 'client_credentials') return ok({ access_token: this.appToken, token_type: 'bearer' });
    if (params.grant_type !== undefined) return invalidParameter(`Unsupported grant_type: ${params.grant_type}`);

    if (!params.redirect_uri) return invalidParameter('Missing redirect_uri parameter.');
    const code = this.codes.get(params.code ?? '');
    if (!code) return graphError({ message: 'Invalid verification code format.', code: 100 });
    if (code.used) return graphError({ message: 'This authorization code has been used.', code: 100 });
    if (code.expiresAt < Date.now()) return graphError({ message: 'This authorization code has expired.', code: 100 });
    if (code.redirectUri !== params.redirect_uri) {
      return graphError({ message: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', code: 100 });
    }
    code.used = true;
    return this.issue(code.userId, code.scopes, SHORT_TOKEN_SECONDS);
  }

  /** `GET /debug_token`, asked with the app token. */
  debugToken(params: Params): SimAnswer {
    if (!params.access_token) {
      return graphError({ message: '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app', code: 100 });
    }
    if (params.access_token !== this.appToken) return graphError({ message: 'Invalid OAuth access token signature.', code: 190 });
    if (!params.input_token) return invalidParameter('The parameter input_token is required');
    const record = this.record(params.input_token);
    if (!record) return ok({ data: { is_valid: false, scopes: [], error: { code: 190, message: 'Invalid OAuth access token.' } } });
    const live = this.isLive(record);
    return ok({
      data: {
        app_id: this.settings.appId,
        type: 'USER',
        application: 'Adlyft Simulated Meta',
        data_access_expires_at: unix(record.issuedAt) + DATA_ACCESS_SECONDS,
        expires_at: unix(record.expiresAt),
        is_valid: live,
        issued_at: unix(record.issuedAt),
        scopes: record.scopes,
        user_id: record.userId,
        ...(live ? {} : { error: { code: 190, subcode: record.state === 'revoked' ? 458 : 463, message: 'Error validating access token.' } }),
      },
    });
  }

  /** `DELETE /me/permissions`: every token of the user is revoked. */
  revoke(userId: string): SimAnswer {
    for (const token of this.issued.get(userId) ?? []) this.record(token)!.state = 'revoked';
    this.revocations++;
    return ok({ success: true });
  }

  /** A token this platform issued, also one minted before a restart when tokens carry their own record. */
  record(token: string): SimMetaTokenRecord | undefined {
    const known = this.tokens.get(token);
    if (known || !this.settings.tokenCodec) return known;
    const record = this.settings.tokenCodec.read(token);
    if (!record || !this.knowsUser(record.userId)) return undefined;
    this.tokens.set(token, record);
    this.issued.set(record.userId, [...(this.issued.get(record.userId) ?? []), token]);
    return record;
  }

  proofOf(token: string): string {
    return createHmac('sha256', this.settings.appSecret).update(token).digest('hex');
  }

  isLive(record: SimMetaTokenRecord): boolean {
    return record.state === 'valid' && record.expiresAt > Date.now();
  }

  private issue(userId: string, scopes: string[], lifetimeSeconds: number): SimAnswer {
    const now = Date.now();
    const record: SimMetaTokenRecord = { userId, scopes, issuedAt: now, expiresAt: now + lifetimeSeconds * 1000, state: 'valid' };
    const token = this.settings.tokenCodec?.mint(record) ?? `${this.settings.tokenPrefix}EAA${randomBytes(30).toString('base64url')}`;
    this.tokens.set(token, record);
    this.issued.set(userId, [...(this.issued.get(userId) ?? []), token]);
    return ok({ access_token: token, token_type: 'bearer', expires_in: lifetimeSeconds });
  }
}
