import type { SqlEntityManager } from '@mikro-orm/sql';
import { batchByArgs } from '@motcua/graphql-kit';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import { type MonthRange, usageByKeys } from './usage.ts';

/** Every loader of the statistics subgraph, created afresh for each request. */
export function createLoaders(em: SqlEntityManager) {
  return {
    serviceUsage: batchByArgs((codes: string[], range: MonthRange) =>
      usageByKeys(em, 'service', codes, range),
    ),
    unitUsage: batchByArgs((codes: string[], range: MonthRange) => usageByKeys(em, 'unit', codes, range)),
  };
}

export type StatisticsLoaders = ReturnType<typeof createLoaders>;
export type StatisticsContext = SubgraphContext<StatisticsLoaders>;
