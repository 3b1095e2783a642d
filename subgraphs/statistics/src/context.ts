import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Orm } from '@motcua/db';
import { createLoaders, type StatisticsLoaders } from './loaders/index.ts';

export type StatisticsContext = { em: SqlEntityManager; loaders: StatisticsLoaders };

/** A request's context: its own EntityManager and its own loaders. */
export function createContext(orm: Orm): StatisticsContext {
  const em = orm.em.fork();
  return { em, loaders: createLoaders(em) };
}
