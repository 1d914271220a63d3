import { JwtService } from '@nestjs/jwt';
import { TokenVerifier } from '../../src/auth/token-verifier.service';
import { VerifiedTokenCache } from '../../src/auth/verified-token-cache';
import { JWT_ISSUER } from '../../src/auth/token.service';
import { AppConfig } from '../../src/config/app-config';

const SECRET = 'unit-test-secret-0123456789-0123456789';
const tenant = { id: 'tenant-1', name: 'Acme', environment: 'live' as const };
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
const verifier = new TokenVerifier(jwt, { jwtSecret: SECRET } as AppConfig);

function token(claims: Record<string, unknown>, options: { expiresIn?: number; secret?: string; issuer?: string } = {}): string {
  return jwt.sign({ sub: 'user-1', tid: 'tenant-1', ext: 'alice', typ: 'access', ...claims }, {
    secret: options.secret ?? SECRET,
    expiresIn: options.expiresIn ?? 3600,
    issuer: options.issuer ?? JWT_ISSUER,
  });
}

function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('token verifier', () => {
  it('gives the user of a valid access token of the key’s tenant, the same from its cache', () => {
    const valid = token({});
    for (let i = 0; i < 2; i++) {
      expect(verifier.userOf(`Bearer ${valid}`, 'access', tenant)).toEqual({ id: 'user-1', tenantId: 'tenant-1', externalUserId: 'alice' });
    }
    expect(verifier.userOf(`bearer   ${valid}`, 'access', tenant).id).toBe('user-1');
  });

  it.each<[string, string | undefined, string]>([
    ['no header', undefined, 'INVALID_TOKEN'],
    ['another scheme', `Basic ${token({})}`, 'INVALID_TOKEN'],
    ['garbage', 'Bearer not.a.jwt', 'INVALID_TOKEN'],
    ['another secret', `Bearer ${token({}, { secret: 'another-secret-0123456789-0123456789' })}`, 'INVALID_TOKEN'],
    ['another issuer', `Bearer ${token({}, { issuer: 'someone-else' })}`, 'INVALID_TOKEN'],
    ['expired', `Bearer ${token({}, { expiresIn: -10 })}`, 'TOKEN_EXPIRED'],
    ['a refresh token', `Bearer ${token({ typ: 'refresh' })}`, 'INVALID_TOKEN'],
    ['another tenant', `Bearer ${token({ tid: 'tenant-2' })}`, 'INVALID_TOKEN'],
    ['no externalUserId', `Bearer ${token({ ext: undefined })}`, 'INVALID_TOKEN'],
  ])('refuses %s', (_label, header, code) => {
    // Twice: a refusal is never cached into an acceptance.
    expect(outcome(() => verifier.userOf(header, 'access', tenant))).toBe(code);
    expect(outcome(() => verifier.userOf(header, 'access', tenant))).toBe(code);
  });

  it('checks the type and the tenant on every use of a cached token', () => {
    const valid = token({});
    expect(outcome(() => verifier.userOf(`Bearer ${valid}`, 'access', tenant))).toBe('ok');
    expect(outcome(() => verifier.userOf(`Bearer ${valid}`, 'refresh', tenant))).toBe('INVALID_TOKEN');
    expect(outcome(() => verifier.userOf(`Bearer ${valid}`, 'access', { id: 'tenant-2', name: 'Other', environment: 'live' }))).toBe('INVALID_TOKEN');
    expect(outcome(() => verifier.userOf(`Bearer ${valid}`, 'access', undefined))).toBe('INVALID_TOKEN');
  });
});

describe('verified token cache', () => {
  const claims = { sub: 'u', tid: 't', ext: 'e', typ: 'access' as const };

  it('keeps a token until its own expiry, and none without one', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache(() => now);
    cache.set('a', claims, 1_001); // expires at 1_001_000 ms
    cache.set('b', claims, undefined);
    expect(cache.get('a')).toBe(claims);
    expect(cache.get('b')).toBeUndefined();
    now = 1_001_000;
    expect(cache.get('a')).toBeUndefined();
  });
});
