import type { SqlEntityManager } from '@mikro-orm/sql';
import { batchByArgs, entityLoader, groupLoader } from '@motcua/db';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import {
  DataSource,
  Indicator,
  IndicatorValue,
  ProgrammeScheme,
  ReformProgramme,
} from '../entities/index.ts';
import type { MonthRange } from './periods.ts';
import { satisfactionByUnit } from './satisfaction.ts';
import { usageByKeys } from './usage.ts';

/** Every loader of the statistics subgraph, created afresh for each request. */
export function createLoaders(em: SqlEntityManager) {
  return {
    serviceUsage: batchByArgs((codes: string[], range: MonthRange) =>
      usageByKeys(em, 'service', codes, range),
    ),
    unitUsage: batchByArgs((codes: string[], range: MonthRange) => usageByKeys(em, 'unit', codes, range)),
    unitSatisfaction: batchByArgs((codes: string[], range: MonthRange) =>
      satisfactionByUnit(em, codes, range),
    ),
    sourceById: entityLoader(em, DataSource, 'id'),
    programmeByCode: entityLoader(em, ReformProgramme, 'code'),
    indicatorById: entityLoader(em, Indicator, 'id'),
    indicatorsOf: groupLoader(
      (codes) => em.find(Indicator, { programme: { $in: [...codes] } }, { orderBy: { position: 'asc' } }),
      (indicator) => indicator.programme.code,
    ),
    valuesOf: groupLoader(
      (ids) => em.find(IndicatorValue, { indicator: { $in: [...ids] } }, { orderBy: { periodEnd: 'asc' } }),
      (value) => value.indicator.id,
    ),
    schemesOf: groupLoader(
      (codes) => em.find(ProgrammeScheme, { programme: { $in: [...codes] } }, { orderBy: { id: 'asc' } }),
      (scheme) => scheme.programme.code,
    ),
  };
}

export type StatisticsLoaders = ReturnType<typeof createLoaders>;
export type StatisticsContext = SubgraphContext<StatisticsLoaders>;
