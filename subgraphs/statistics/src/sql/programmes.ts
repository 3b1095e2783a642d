import type { SqlEntityManager } from '@mikro-orm/sql';
import { Indicator, IndicatorValue, ProgrammeScheme, ReformProgramme } from '../entities/index.ts';

/** Every reform programme, by code. */
export const allProgrammes = (em: SqlEntityManager) =>
  em.find(ReformProgramme, {}, { orderBy: { code: 'asc' } });

/** The indicators of each programme in `codes`, in the programme's order, in one query. */
export const indicatorsOf = (em: SqlEntityManager, codes: readonly string[]) =>
  em.find(Indicator, { programme: { $in: [...codes] } }, { orderBy: { position: 'asc' } });

/** The values of each indicator in `ids`, oldest first, in one query. */
export const valuesOf = (em: SqlEntityManager, ids: readonly string[]) =>
  em.find(IndicatorValue, { indicator: { $in: [...ids] } }, { orderBy: { periodEnd: 'asc' } });

/** The schemes of each programme in `codes`, in one query. */
export const schemesOf = (em: SqlEntityManager, codes: readonly string[]) =>
  em.find(ProgrammeScheme, { programme: { $in: [...codes] } }, { orderBy: { id: 'asc' } });
