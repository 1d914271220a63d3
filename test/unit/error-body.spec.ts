import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppException } from '../../src/common/app.exception';
import { ErrorCode } from '../../src/common/error-code';
import { describeError, errorEnvelope } from '../../src/common/http/error-body';

function queryError(code: string): QueryFailedError {
  const driverError = Object.assign(new Error(`SELECT secret FROM t -- ${code}`), { code });
  return new QueryFailedError('SELECT secret FROM t', [], driverError);
}

describe('describeError', () => {
  it.each([
    ['AppException keeps its code and details', AppException.conflict('Taken', ['a']), 409, ErrorCode.CONFLICT, 'Taken', ['a']],
    ['validation arrays become details', new BadRequestException(['a must be a string', 'b should not exist']), 400, ErrorCode.BAD_REQUEST, 'Validation failed', ['a must be a string', 'b should not exist']],
    ['Nest 404 maps to NOT_FOUND', new NotFoundException('Cannot GET /x'), 404, ErrorCode.NOT_FOUND, 'Cannot GET /x', undefined],
    ['invalid text representation is a client error', queryError('22P02'), 400, ErrorCode.BAD_REQUEST, 'Invalid identifier or value', undefined],
    ['unique violation is a conflict', queryError('23505'), 409, ErrorCode.CONFLICT, 'Resource already exists', undefined],
    ['Fastify JSON errors are 400', Object.assign(new Error('Unexpected token'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), 400, ErrorCode.BAD_REQUEST, 'Malformed JSON body', undefined],
    ['Fastify body limit is 413', Object.assign(new Error('too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }), 413, ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is larger than 1 MB', undefined],
  ])('%s', (_name, error, status, code, message, details) => {
    const description = describeError(error);
    expect(description).toMatchObject({ status, code, message, unexpected: false });
    expect(description.details).toEqual(details);
  });

  it('hides anything unknown behind INTERNAL_ERROR and flags it for the log', () => {
    const description = describeError(queryError('42P01'));
    expect(description).toEqual({ status: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error', unexpected: true });
    expect(JSON.stringify(errorEnvelope(description, '/p', 'r'))).not.toContain('SELECT');
  });

  it('treats a 5xx HttpException as unexpected', () => {
    expect(describeError(new ServiceUnavailableException('down'))).toMatchObject({ status: 503, unexpected: true });
  });

  it('builds the contract envelope', () => {
    const body = errorEnvelope({ status: 404, code: ErrorCode.NOT_FOUND, message: 'Nope', unexpected: false }, '/api/v1/x', 'req-1');
    expect(body).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'Nope' },
      timestamp: expect.any(String),
      statusCode: 404,
      path: '/api/v1/x',
      requestId: 'req-1',
    });
  });
});
