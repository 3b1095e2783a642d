import type { SqlEntityManager } from '@mikro-orm/sql';
import { SearchSynonym } from '../entities/index.ts';

/** Every synonym pair, by term. */
export const allSynonyms = (em: SqlEntityManager) =>
  em.find(SearchSynonym, {}, { orderBy: [{ term: 'asc' }, { synonym: 'asc' }] });
