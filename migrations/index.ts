import { CreateTenantsAndUsers1763900000000 } from './1763900000000-CreateTenantsAndUsers';

/** Every migration, oldest first. A new migration file is added here too. */
export const migrations = [CreateTenantsAndUsers1763900000000];
