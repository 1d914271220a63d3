import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'ak_live_';
const VISIBLE_PREFIX_LENGTH = KEY_PREFIX.length + 6;

export interface NewApiKey {
  /** Shown once to the operator, never stored. */
  plaintext: string;
  prefix: string;
  hash: Buffer;
}

export function hashApiKey(plaintext: string): Buffer {
  return createHash('sha256').update(plaintext, 'utf8').digest();
}

/** 32 random bytes, base64url, behind a readable marker; stored only as its SHA-256. */
export function generateApiKey(): NewApiKey {
  const plaintext = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { plaintext, prefix: plaintext.slice(0, VISIBLE_PREFIX_LENGTH), hash: hashApiKey(plaintext) };
}
