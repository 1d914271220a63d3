import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DevSecrets {
  jwtSecret: string;
  tokenEncryptionKey: string;
}

/**
 * Development only: secrets generated once and kept in DATA_DIR, so tokens and encrypted
 * platform tokens survive restarts without any setup.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DevSecrets>;
    if (stored.jwtSecret && stored.tokenEncryptionKey) {
      return { jwtSecret: stored.jwtSecret, tokenEncryptionKey: stored.tokenEncryptionKey };
    }
  }
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    tokenEncryptionKey: randomBytes(32).toString('base64'),
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'w' });
  return secrets;
}
