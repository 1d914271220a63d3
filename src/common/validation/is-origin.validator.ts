import { ValidateBy, ValidationOptions } from 'class-validator';
import { normalizeOrigin } from '../http/origin';

/** An http(s) origin: scheme, host and optional port, no path, query or credentials. */
export function IsOrigin(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOrigin',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalizeOrigin(value) !== undefined,
        defaultMessage: (args) => `each value in ${args?.property ?? "the list"} must be an origin such as https://app.example.com`,
      },
    },
    options,
  );
}
