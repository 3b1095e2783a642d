import type { SqlEntityManager } from '@mikro-orm/sql';
import { batchByArgs, entityLoader, groupLoader } from '@motcua/db';
import DataLoader from 'dataloader';
import { DataSource, Indicator, ReformProgramme } from '../entities/index.ts';
import type { MonthRange } from '../periods.ts';
import { type CampaignComparisonFigures, campaignComparisons } from '../sql/campaign-comparison.ts';
import { type CampaignEffectFigures, type CampaignTargets, campaignEffects } from '../sql/campaign-effect.ts';
import { indicatorsOf, schemesOf, valuesOf } from '../sql/programmes.ts';
import { satisfactionByUnit } from '../sql/satisfaction.ts';
import { criteriaOf } from '../sql/service-index-criteria.ts';
import { usageByKeys, type VintageRange } from '../sql/usage.ts';

/** Every loader of the statistics subgraph, created afresh for each request. */
export function createLoaders(em: SqlEntityManager) {
  return {
    serviceUsage: batchByArgs((codes: string[], range: VintageRange) =>
      usageByKeys(em, 'service', codes, range),
    ),
    unitUsage: batchByArgs((codes: string[], range: VintageRange) => usageByKeys(em, 'unit', codes, range)),
    unitSatisfaction: batchByArgs((codes: string[], range: MonthRange) =>
      satisfactionByUnit(em, codes, range),
    ),
    // Keyed by everything the effect depends on, not only the id: the targets come from the news subgraph.
    campaignEffect: new DataLoader<CampaignTargets, CampaignEffectFigures, string>(
      async (campaigns) => campaignEffects(em, [...campaigns]),
      { cacheKeyFn: (campaign) => JSON.stringify(campaign) },
    ),
    // The effects of one response compared with their comparison groups together (index766).
    campaignComparison: new DataLoader<CampaignEffectFigures, CampaignComparisonFigures>(async (effects) =>
      campaignComparisons(em, [...effects]),
    ),
    sourceById: entityLoader(em, DataSource, 'id'),
    programmeByCode: entityLoader(em, ReformProgramme, 'code'),
    indicatorById: entityLoader(em, Indicator, 'id'),
    indicatorsOf: groupLoader(
      (codes) => indicatorsOf(em, codes),
      (indicator) => indicator.programme.code,
    ),
    valuesOf: groupLoader(
      (ids) => valuesOf(em, ids),
      (value) => value.indicator.id,
    ),
    criteriaOf: groupLoader(
      (versions) => criteriaOf(em, versions),
      (criterion) => criterion.criteriaSet.version,
    ),
    schemesOf: groupLoader(
      (codes) => schemesOf(em, codes),
      (scheme) => scheme.programme.code,
    ),
  };
}

export type StatisticsLoaders = ReturnType<typeof createLoaders>;
