import { createHash, randomBytes } from 'node:crypto';
import type { TenantEnvironment } from './tenant.entity';

/** A sandbox key says so at a glance, like Stripe's test keys; both markers have the same length. */
const KEY_PREFIXES: Record<TenantEnvironment, string> = { live: 'ak_live_', sandbox: 'ak_test_' };
const VISIBLE_PREFIX_LENGTH = 'ak_live_'.length + 6;

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
export function generateApiKey(environment: TenantEnvironment = 'live'): NewApiKey {
  const plaintext = KEY_PREFIXES[environment] + randomBytes(32).toString('base64url');
  return { plaintext, prefix: plaintext.slice(0, VISIBLE_PREFIX_LENGTH), hash: hashApiKey(plaintext) };
}
