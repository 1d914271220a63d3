import { INestApplication, NestInterceptor, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

/**
 * Puts `interceptor` on every controller route of the given HTTP methods, outermost of the route's own interceptors,
 * as if each had `@UseInterceptors(interceptor)`. For what only some methods need (the idempotency of creating
 * POSTs): a global interceptor would put every request, reads too, through Nest's interceptor chain. Must run before
 * `app.init()`, which builds the routes from this metadata.
 */
export function applyInterceptorToRoutes(app: INestApplication, interceptor: NestInterceptor, methods: RequestMethod[]): void {
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const prototype = (controller.metatype as { prototype?: object } | null)?.prototype;
      if (!prototype) continue;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || !methods.includes(Reflect.getMetadata(METHOD_METADATA, handler))) continue;
        const own: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];
        if (!own.includes(interceptor)) Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...own], handler);
      }
    }
  }
}
