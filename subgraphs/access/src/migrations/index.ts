import { Migration0001ApiKeys } from './0001-api-keys.ts';

/** Every migration of the access subgraph, in order. */
export const migrations = [Migration0001ApiKeys];
