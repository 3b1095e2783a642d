import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Orm } from '@motcua/db';
import { createLoaders, type NewsLoaders } from './loaders/index.ts';

export type NewsContext = { em: SqlEntityManager; loaders: NewsLoaders };

/** A request's context: its own EntityManager and its own loaders. */
export function createContext(orm: Orm): NewsContext {
  const em = orm.em.fork();
  return { em, loaders: createLoaders(em) };
}
