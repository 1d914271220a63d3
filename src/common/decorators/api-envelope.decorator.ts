import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a handler's success answer as the contract's envelope around `model` (or an array of it, or null). */
export function ApiEnvelope(model: Type<unknown> | null, options: { status?: HttpStatus; isArray?: boolean; description?: string } = {}) {
  const status = options.status ?? HttpStatus.OK;
  const data = model
    ? options.isArray
      ? { type: 'array', items: { $ref: getSchemaPath(model) } }
      : { $ref: getSchemaPath(model) }
    : { type: 'object', nullable: true, example: null };
  return applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiResponse({
      status,
      description: options.description ?? 'Success envelope',
      schema: {
        type: 'object',
        required: ['success', 'data', 'timestamp', 'statusCode', 'requestId'],
        properties: {
          success: { type: 'boolean', example: true },
          data,
          message: { type: 'string' },
          timestamp: { type: 'string', format: 'date-time' },
          statusCode: { type: 'integer', example: status },
          requestId: { type: 'string' },
          environment: { type: 'string', enum: ['live', 'sandbox'], description: "The calling tenant's environment (absent when no tenant API key was given)" },
        },
      },
    }),
  );
}
