import { Migration0001Catalog } from './0001-catalog.ts';
import { Migration0002CompleteCatalog } from './0002-complete-catalog.ts';

/** Every migration of the services subgraph, in order. */
export const migrations = [Migration0001Catalog, Migration0002CompleteCatalog];
