import type { SqlEntityManager } from '@mikro-orm/sql';
import { ServiceField } from '../entities/index.ts';

/** Every field of competence, by code. */
export const allFields = (em: SqlEntityManager) => em.find(ServiceField, {}, { orderBy: { code: 'asc' } });

/** The sub-fields of each field in `codes`, by code, in one query. */
export const subFieldsOf = (em: SqlEntityManager, codes: readonly string[]) =>
  em.find(ServiceField, { parent: { $in: [...codes] } }, { orderBy: { code: 'asc' } });
