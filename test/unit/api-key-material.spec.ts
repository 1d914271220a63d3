import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey } from '../../src/tenants/api-key-material';

describe('API key material', () => {
  it('is 32 random bytes behind a marker, stored as SHA-256 with a short visible prefix', () => {
    const key = generateApiKey();
    expect(key.plaintext).toMatch(/^ak_live_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.plaintext.slice('ak_live_'.length), 'base64url')).toHaveLength(32);
    expect(key.hash.equals(createHash('sha256').update(key.plaintext).digest())).toBe(true);
    expect(key.plaintext.startsWith(key.prefix)).toBe(true);
    expect(key.prefix.length).toBeLessThan(16);
    expect(hashApiKey(key.plaintext).equals(key.hash)).toBe(true);
  });

  it('never repeats', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().plaintext));
    expect(keys.size).toBe(200);
  });
});
