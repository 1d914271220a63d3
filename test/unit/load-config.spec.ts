import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { loadConfig } from '../../src/config/load-config';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'adlyft-config-'));
const KEY = Buffer.alloc(32, 1).toString('base64');
const SECRET = 'x'.repeat(40);

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const config = loadConfig({ DATA_DIR: tempDir() });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.meta).toEqual({ app: undefined, apiVersion: 'v25.0', graphUrl: 'https://graph.facebook.com', dialogUrl: 'https://www.facebook.com' });
    expect(config.google.adsApiVersion).toBe('v26');
    expect(config.adminApiToken).toBeUndefined();
    expect(config.workers).toBe(1);
    expect(config.logLevel).toBe('info');
  });

  it('generates development secrets once and keeps them in DATA_DIR', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret).toBe(second.jwtSecret);
    expect(first.tokenEncryptionKey.equals(second.tokenEncryptionKey)).toBe(true);
    expect(first.tokenEncryptionKey).toHaveLength(32);
    expect(fs.statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('names every bad variable', () => {
    const message = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', TOKEN_ENCRYPTION_KEY: 'short', LOG_LEVEL: 'loud', META_APP_ID: '1' });
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('TOKEN_ENCRYPTION_KEY');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('META_APP_SECRET');
  });

  it('refuses generated secrets in production', () => {
    const message = problemsOf({ NODE_ENV: 'production', DATA_DIR: tempDir() });
    expect(message).toContain('JWT_SECRET is required when NODE_ENV=production');
    expect(message).toContain('TOKEN_ENCRYPTION_KEY is required when NODE_ENV=production');
  });

  it('accepts production with its secrets given', () => {
    const dataDir = tempDir();
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: KEY, DATA_DIR: dataDir });
    expect(config.isProduction).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });
});
