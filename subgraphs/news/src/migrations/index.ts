import { Migration0001Articles } from './0001-articles.ts';
import { Migration0002Newsroom } from './0002-newsroom.ts';

/** Every migration of the news subgraph, in order. */
export const migrations = [Migration0001Articles, Migration0002Newsroom];
