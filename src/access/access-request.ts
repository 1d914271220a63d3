import type { TeamAccess, WorkspaceAccess } from './access.types';

/** What the access guards leave on the request for the handler. */
export interface AccessRequest {
  teamAccess?: TeamAccess;
  workspaceAccess?: WorkspaceAccess;
}
