import { AppException } from '../../src/common/app.exception';
import { loadConfig } from '../../src/config/load-config';
import { PlatformError } from '../../src/platforms/platform-error';
import {
  backoffSeconds,
  ImportInterrupted,
  ImportLeaseLost,
  importOutcome,
  MAX_TRANSIENT_ATTEMPTS,
  MAX_UNEXPECTED_ATTEMPTS,
} from '../../src/sync/import-failure';
import { localToday } from '../../src/sync/import-run-context';
import { importView, ImportRow } from '../../src/sync/import.types';

describe('what happens to an import after an error', () => {
  const transient = PlatformError.failed('Meta is temporarily unavailable; retry later', { platform: 'meta', platformCode: 2 }, true);
  const rateLimited = PlatformError.rateLimited('Meta rate limit reached', { platform: 'meta', platformCode: 17, retryAfterSeconds: 300 });

  it.each([
    ['a shutdown', new ImportInterrupted(), 1, { kind: 'requeue' }],
    ['a lost lease', new ImportLeaseLost(), 1, { kind: 'abandon' }],
    ['an expired token', PlatformError.authExpired('The Meta access token expired', { platform: 'meta', platformCode: 190 }), 1, { kind: 'fail', code: 'PLATFORM_AUTH_EXPIRED' }],
    ['a bad parameter', PlatformError.badRequest('Invalid parameter', { platform: 'meta', platformCode: 100 }), 1, { kind: 'fail', code: 'BAD_REQUEST' }],
    ['a permission error', PlatformError.failed('Meta denied permission', { platform: 'meta', platformCode: 200 }), 1, { kind: 'fail', code: 'PLATFORM_ERROR' }],
    ['a transient error', transient, 1, { kind: 'retry', delaySeconds: 2, code: 'PLATFORM_ERROR' }],
    ['a transient error, later', transient, 4, { kind: 'retry', delaySeconds: 16 }],
    ['a rate limit: at least what Meta asks', rateLimited, 1, { kind: 'retry', delaySeconds: 300, code: 'PLATFORM_RATE_LIMITED' }],
    ['a transient error on the last attempt', transient, MAX_TRANSIENT_ATTEMPTS, { kind: 'fail', code: 'PLATFORM_ERROR' }],
    ['one of our errors', AppException.notFound('Connection not found'), 1, { kind: 'fail', code: 'NOT_FOUND', message: 'Connection not found' }],
    ['an unexpected error', new Error('connection terminated'), 1, { kind: 'retry', code: 'INTERNAL_ERROR' }],
    ['an unexpected error, again', new Error('connection terminated'), MAX_UNEXPECTED_ATTEMPTS, { kind: 'fail', code: 'INTERNAL_ERROR', message: 'The import failed unexpectedly' }],
  ])('%s', (_name, error, attempt, expected) => {
    expect(importOutcome(error, attempt)).toMatchObject(expected);
  });

  it('never tells a client the internals of an unexpected error', () => {
    const outcome = importOutcome(new Error('duplicate key value violates unique constraint "secret_table_pkey"'), MAX_UNEXPECTED_ATTEMPTS);
    expect(JSON.stringify(outcome)).not.toContain('secret_table');
  });

  it('backs off exponentially, capped at 10 minutes', () => {
    expect([1, 2, 3, 4, 5].map(backoffSeconds)).toEqual([2, 4, 8, 16, 32]);
    expect(backoffSeconds(30)).toBe(600);
  });
});

describe('import run helpers', () => {
  it("fixes today's date in the account's time zone", () => {
    const now = new Date('2026-03-01T02:30:00Z');
    expect(localToday(now, 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localToday(now, 'Asia/Tokyo')).toBe('2026-03-01');
    expect(localToday(now, null)).toBe('2026-03-01');
    expect(localToday(now, 'Not/AZone')).toBe('2026-03-01');
  });

  it('shows an import with ISO times, the platform account id and the error as {code, message}', () => {
    const row = {
      id: 'i-1',
      tenant_id: 't',
      team_id: 'team',
      ad_account_id: 'a',
      platform: 'meta',
      status: 'failed',
      mode: 'full',
      progress: { campaigns: { done: 3, total: 3 } },
      checkpoints: { ads: { after: 'x' } },
      finished_steps: ['campaigns'],
      platform_calls: 4,
      attempts: 1,
      requested_by_user_id: null,
      error_code: 'PLATFORM_AUTH_EXPIRED',
      error_message: 'The Meta access token expired',
      created_at: new Date('2026-03-01T00:00:00Z'),
      started_at: new Date('2026-03-01T00:00:01Z'),
      finished_at: null,
    } satisfies ImportRow;
    expect(importView(row, '4001')).toEqual({
      id: 'i-1',
      platform: 'meta',
      adAccountId: '4001',
      status: 'failed',
      mode: 'full',
      progress: { campaigns: { done: 3, total: 3 } },
      platformCalls: 4,
      createdAt: '2026-03-01T00:00:00.000Z',
      startedAt: '2026-03-01T00:00:01.000Z',
      finishedAt: null,
      error: { code: 'PLATFORM_AUTH_EXPIRED', message: 'The Meta access token expired' },
    });
  });
});

describe('import configuration', () => {
  const base = { JWT_SECRET: 'j'.repeat(40), TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), DATA_DIR: '/tmp/adlyft-import-config' };

  it('defaults to one worker, 90 days of history and a resync every 6 hours', () => {
    const config = loadConfig(base);
    expect([config.workers, config.importHistoryDays, config.resyncIntervalHours]).toEqual([1, 90, 6]);
    expect(loadConfig({ ...base, WORKERS: '0', IMPORT_HISTORY_DAYS: '30', RESYNC_INTERVAL_HOURS: '24' })).toMatchObject({ workers: 0, importHistoryDays: 30, resyncIntervalHours: 24 });
  });

  it.each([
    ['IMPORT_HISTORY_DAYS', '0'],
    ['IMPORT_HISTORY_DAYS', 'ninety'],
    ['RESYNC_INTERVAL_HOURS', '0'],
    ['RESYNC_INTERVAL_HOURS', '1.5'],
    ['WORKERS', '-1'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(name);
  });
});
