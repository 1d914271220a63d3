import { randomBytes } from 'node:crypto';
import { TokenCipher } from '../../src/connections/vault/token-cipher';

describe('TokenCipher (AES-256-GCM)', () => {
  const cipher = new TokenCipher(randomBytes(32));

  it('round-trips a token and never shows it in the ciphertext', () => {
    const sealed = cipher.seal('EAAB-secret-token', 'ctx');
    expect(sealed).toMatch(/^v1\.[\w-]+$/);
    expect(sealed).not.toContain('EAAB');
    expect(cipher.open(sealed, 'ctx')).toBe('EAAB-secret-token');
  });

  it('uses a fresh IV: the same token seals differently each time', () => {
    expect(cipher.seal('same', 'ctx')).not.toBe(cipher.seal('same', 'ctx'));
  });

  it.each([
    ['another context (a ciphertext moved to another connection)', (sealed: string) => [sealed, 'other-ctx']],
    // The second-to-last character is replaced by another one (looking at that character itself, so it always changes).
    ['a flipped byte', (sealed: string) => [`${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`, 'ctx']],
    ['a truncated value', (sealed: string) => [sealed.slice(0, 12), 'ctx']],
    ['an unknown version', (sealed: string) => [sealed.replace(/^v1/, 'v9'), 'ctx']],
  ])('refuses %s', (_name, mutate) => {
    const [sealed, context] = mutate(cipher.seal('token', 'ctx'));
    expect(() => cipher.open(sealed, context)).toThrow();
  });

  it('refuses another key', () => {
    const sealed = cipher.seal('token', 'ctx');
    expect(() => new TokenCipher(randomBytes(32)).open(sealed, 'ctx')).toThrow();
  });

  it('needs a 32-byte key', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow('32 bytes');
  });
});
