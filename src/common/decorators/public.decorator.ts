import { SetMetadata } from '@nestjs/common';

export const AUTH_MODE = 'auth-mode';

/**
 * What a route asks of its caller.
 * - `api-key-and-user` (the default): a tenant API key and a user access token.
 * - `api-key`: a tenant API key only (getting a token).
 * - `none`: nothing from the tenant guards (health, admin with its own guard, OAuth callbacks).
 */
export type AuthMode = 'api-key-and-user' | 'api-key' | 'none';

export const Auth = (mode: AuthMode) => SetMetadata(AUTH_MODE, mode);
export const Public = () => Auth('none');
export const ApiKeyOnly = () => Auth('api-key');
