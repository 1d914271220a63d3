import { randomBytes } from 'node:crypto';
import { OAuthStateCodec, OAuthStatePayload } from '../../src/connections/oauth/oauth-state.codec';

const payload: OAuthStatePayload = {
  nonce: '3f0e4c5a-0a7e-4b7a-9d43-1f2b3c4d5e6f',
  tenantId: '11111111-1111-4111-8111-111111111111',
  teamId: '22222222-2222-4222-8222-222222222222',
  userId: '33333333-3333-4333-8333-333333333333',
  platform: 'meta',
  redirect: 'https://app.acme.test/done',
  expiresAt: 1_900_000_000,
};

describe('OAuthStateCodec', () => {
  const codec = new OAuthStateCodec(randomBytes(32));

  it('decodes what it encoded, URL-safe', () => {
    const state = codec.encode(payload);
    expect(state).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(codec.decode(state)).toEqual(payload);
  });

  it('keeps a null redirect', () => {
    expect(codec.decode(codec.encode({ ...payload, redirect: null }))?.redirect).toBeNull();
  });

  const tamper = (state: string, edit: (wire: Record<string, unknown>) => void) => {
    const [body, signature] = state.split('.');
    const wire = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    edit(wire);
    return `${Buffer.from(JSON.stringify(wire)).toString('base64url')}.${signature}`;
  };

  it.each([
    ['a changed redirect', (s: string) => tamper(s, (w) => (w.r = 'https://evil.test'))],
    ['a changed team', (s: string) => tamper(s, (w) => (w.m = 'other'))],
    ['a later expiry', (s: string) => tamper(s, (w) => (w.e = 2_000_000_000))],
    ['no signature', (s: string) => s.split('.')[0]],
    ['an extra part', (s: string) => `${s}.x`],
    ['garbage', () => 'not-a-state'],
    ['an empty string', () => ''],
    ['an over-long value', () => 'a'.repeat(3000)],
  ])('refuses %s', (_name, mutate) => {
    expect(codec.decode(mutate(codec.encode(payload)))).toBeUndefined();
  });

  it('refuses a state signed with another key', () => {
    expect(new OAuthStateCodec(randomBytes(32)).decode(codec.encode(payload))).toBeUndefined();
  });
});
