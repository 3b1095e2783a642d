import { Migration0001Articles } from './0001-articles.ts';

/** Every migration of the news subgraph, in order. */
export const migrations = [Migration0001Articles];
