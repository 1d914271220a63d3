import { SetMetadata } from '@nestjs/common';

export const RESPONSE_MESSAGE = 'response-message';

/** The envelope's `message` for a handler's successful answer. */
export const ResponseMessage = (message: string) => SetMetadata(RESPONSE_MESSAGE, message);
