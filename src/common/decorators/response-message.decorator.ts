import { RouteConfig } from '@nestjs/platform-fastify';

/**
 * The envelope's `message` for a handler's successful answer. Kept in the Fastify route config, where the adapter
 * that builds the envelope (EnvelopingFastifyAdapter) finds it.
 */
export const ResponseMessage = (message: string) => RouteConfig({ responseMessage: message });
