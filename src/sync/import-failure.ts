import { AppException } from '../common/app.exception';
import { ErrorCode } from '../common/error-code';
import { PlatformError } from '../platforms/platform-error';

/** The process is shutting down: the import goes back to the queue after its last committed page. */
export class ImportInterrupted extends Error {
  constructor() {
    super('The worker is shutting down');
  }
}

/** Another worker took the import over (this one lost its lease): stop without touching it. */
export class ImportLeaseLost extends Error {
  constructor() {
    super('The import is no longer held by this worker');
  }
}

export type ImportOutcome =
  | { kind: 'requeue' }
  | { kind: 'abandon' }
  | { kind: 'retry'; delaySeconds: number; code: string; message: string }
  | { kind: 'fail'; code: string; message: string };

/** Transient platform failures are retried this many attempts in all; then the import fails with the last error. */
export const MAX_TRANSIENT_ATTEMPTS = 8;
/** Errors we do not recognise (a database hiccup, or a bug) get fewer tries. */
export const MAX_UNEXPECTED_ATTEMPTS = 3;
const BACKOFF_BASE_SECONDS = 2;
const BACKOFF_CAP_SECONDS = 600;

export function backoffSeconds(attempt: number): number {
  return Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempt - 1));
}

/**
 * What to do with an import whose run threw `error` on its `attempt`-th claim. Pure. Messages are our own or the
 * platform error's (tokens are redacted there), never a stack.
 */
export function importOutcome(error: unknown, attempt: number): ImportOutcome {
  if (error instanceof ImportInterrupted) return { kind: 'requeue' };
  if (error instanceof ImportLeaseLost) return { kind: 'abandon' };
  if (error instanceof PlatformError) {
    if (error.transient && !error.authExpired && attempt < MAX_TRANSIENT_ATTEMPTS) {
      const delaySeconds = Math.max(backoffSeconds(attempt), Math.ceil(error.platformDetails.retryAfterSeconds ?? 0));
      return { kind: 'retry', delaySeconds, code: error.code, message: error.message };
    }
    return { kind: 'fail', code: error.code, message: error.message };
  }
  if (error instanceof AppException) return { kind: 'fail', code: error.code, message: error.message };
  if (attempt < MAX_UNEXPECTED_ATTEMPTS) {
    return { kind: 'retry', delaySeconds: backoffSeconds(attempt), code: ErrorCode.INTERNAL_ERROR, message: 'The import failed unexpectedly; retrying' };
  }
  return { kind: 'fail', code: ErrorCode.INTERNAL_ERROR, message: 'The import failed unexpectedly' };
}
