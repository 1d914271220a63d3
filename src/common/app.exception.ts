import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code';

/** An error with a stable code, carried to the client as the error envelope. */
export class AppException extends HttpException {
  constructor(
    status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
    public readonly headers?: Record<string, string>,
  ) {
    super(message, status);
  }

  static badRequest(message: string, details?: unknown) {
    return new AppException(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, message, details);
  }
  static unauthorized(message: string, code: ErrorCode = ErrorCode.UNAUTHORIZED) {
    return new AppException(HttpStatus.UNAUTHORIZED, code, message);
  }
  static forbidden(message = 'Access denied') {
    return new AppException(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, message);
  }
  static notFound(message = 'Resource not found') {
    return new AppException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, message);
  }
  static conflict(message: string, details?: unknown) {
    return new AppException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, message, details);
  }
}
