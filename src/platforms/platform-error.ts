import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { ErrorCode } from '../common/error-code';

export type PlatformName = 'meta' | 'google';

/** What the platform said, kept for the client in `error.details` (never a token). */
export interface PlatformErrorDetails {
  platform: PlatformName;
  /** The platform's own code: Meta's numeric `code`, Google's `errorCode` value or OAuth `error`. */
  platformCode?: string | number;
  platformSubcode?: string | number;
  platformMessage?: string;
  /** Meta `fbtrace_id` or Google `requestId`. */
  traceId?: string;
  /** Seconds to wait before retrying, when the platform said so. */
  retryAfterSeconds?: number;
}

/**
 * A platform failure already turned into one of our error codes. `authExpired` tells the caller to mark the
 * connection expired; `transient` that a retry may succeed.
 */
export class PlatformError extends AppException {
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    public readonly platformDetails: PlatformErrorDetails,
    public readonly transient = false,
  ) {
    super(
      status,
      code,
      message,
      platformDetails,
      platformDetails.retryAfterSeconds !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(platformDetails.retryAfterSeconds))) } : undefined,
    );
  }

  get authExpired(): boolean {
    return this.code === ErrorCode.PLATFORM_AUTH_EXPIRED;
  }

  /** The platform refused our token: the user must connect again. */
  static authExpired(message: string, details: PlatformErrorDetails) {
    return new PlatformError(HttpStatus.FAILED_DEPENDENCY, ErrorCode.PLATFORM_AUTH_EXPIRED, message, details);
  }
  static rateLimited(message: string, details: PlatformErrorDetails) {
    return new PlatformError(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.PLATFORM_RATE_LIMITED, message, details, true);
  }
  /** The platform rejected what the client asked for (a bad parameter value): the client can fix it. */
  static badRequest(message: string, details: PlatformErrorDetails) {
    return new PlatformError(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, message, details);
  }
  static failed(message: string, details: PlatformErrorDetails, transient = false) {
    return new PlatformError(HttpStatus.BAD_GATEWAY, ErrorCode.PLATFORM_ERROR, message, details, transient);
  }
}
