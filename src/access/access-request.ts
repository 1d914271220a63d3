import type { TeamAccess, WorkspaceAccess } from './access.types';
import type { TeamSnapshot } from './team-snapshot';

/** What the access guards leave on the request for the handler. */
export interface AccessRequest {
  teamAccess?: TeamAccess;
  /** Set on routes declared with `@TeamRole(…, { snapshot: true })`. */
  teamSnapshot?: TeamSnapshot;
  workspaceAccess?: WorkspaceAccess;
}
