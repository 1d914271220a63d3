import { ValidateIf, ValidationOptions } from 'class-validator';

/**
 * PATCH semantics for fields that cannot be cleared: absent means "leave as is", while `null` is validated (and so
 * refused) instead of being skipped the way @IsOptional() would.
 */
export const OptionalNotNull = (options?: ValidationOptions) => ValidateIf((_object, value) => value !== undefined, options);
