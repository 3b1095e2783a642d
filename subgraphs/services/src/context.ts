import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Orm } from '@motcua/db';
import { createLoaders, type ServicesLoaders } from './loaders/index.ts';

export type ServicesContext = { em: SqlEntityManager; loaders: ServicesLoaders };

/** A request's context: its own EntityManager (identity map) and its own loaders. */
export function createContext(orm: Orm): ServicesContext {
  const em = orm.em.fork();
  return { em, loaders: createLoaders(em) };
}
