import { HttpException } from '@nestjs/common';
import { AppException } from '../app.exception';
import { ErrorCode, errorCodeForStatus } from '../error-code';

export interface ErrorDescription {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  headers?: Record<string, string>;
  /** True when the cause is ours, not the client's: log it with its stack. */
  unexpected: boolean;
}

interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const PG_CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  '22P02': { status: 400, message: 'Invalid identifier or value' },
  '22001': { status: 400, message: 'A value is too long' },
  '23505': { status: 409, message: 'Resource already exists' },
};

function fromHttpException(exception: HttpException): ErrorDescription {
  const status = exception.getStatus();
  if (exception instanceof AppException) {
    return { status, code: exception.code, message: exception.message, details: exception.details, headers: exception.headers, unexpected: false };
  }
  const response = exception.getResponse() as string | { message?: unknown; error?: string };
  const raw = typeof response === 'string' ? response : response.message;
  if (Array.isArray(raw)) {
    return { status, code: errorCodeForStatus(status), message: 'Validation failed', details: raw, unexpected: false };
  }
  const message = typeof raw === 'string' ? raw : exception.message;
  return { status, code: errorCodeForStatus(status), message, unexpected: status >= 500 };
}

function fromFrameworkError(error: FrameworkError): ErrorDescription | undefined {
  const status = error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
    return { status: 400, code: ErrorCode.BAD_REQUEST, message: 'Malformed JSON body', unexpected: false };
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body is larger than 1 MB', unexpected: false };
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported Content-Type; send application/json', unexpected: false };
  }
  return { status, code: errorCodeForStatus(status), message: error.message ?? 'Bad request', unexpected: false };
}

/** Turns anything thrown while serving a request into the contract's error description. */
export function describeError(exception: unknown): ErrorDescription {
  if (exception instanceof HttpException) return fromHttpException(exception);
  const pgCode = (exception as { driverError?: { code?: string }; code?: string })?.driverError?.code;
  if (pgCode && PG_CLIENT_ERRORS[pgCode]) {
    const { status, message } = PG_CLIENT_ERRORS[pgCode];
    return { status, code: errorCodeForStatus(status), message, unexpected: false };
  }
  const framework = exception && typeof exception === 'object' ? fromFrameworkError(exception as FrameworkError) : undefined;
  if (framework) return framework;
  return { status: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error', unexpected: true };
}

export function errorEnvelope(description: ErrorDescription, path: string, requestId: string, environment?: string) {
  return {
    success: false as const,
    error: {
      code: description.code,
      message: description.message,
      ...(description.details !== undefined ? { details: description.details } : {}),
    },
    timestamp: new Date().toISOString(),
    statusCode: description.status,
    path,
    requestId,
    ...(environment ? { environment } : {}),
  };
}
