import { Migration0001Catalog } from './0001-catalog.ts';

/** Every migration of the services subgraph, in order. */
export const migrations = [Migration0001Catalog];
