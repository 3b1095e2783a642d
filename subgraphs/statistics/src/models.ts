// What each GraphQL type of the statistics subgraph is on the server: codegen maps every type exported here, by
// its name, to this model (see packages/codegen). `Context` is what every resolver receives.
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import type { StatisticsLoaders } from './loaders/index.ts';

export type {
  FigureRevision,
  Indicator,
  IndicatorValue,
  ProgrammeScheme,
  ReformProgramme,
} from './entities/index.ts';
export type {
  UsagePointFigures as UsagePoint,
  UsageShareFigures as UsageShare,
} from './sql/analysis.ts';
export type { CubeRow as UsageCubeRow } from './sql/cube.ts';
export type { SatisfactionFigures as Satisfaction } from './sql/satisfaction.ts';
export type { UsageFigures as Usage } from './sql/usage.ts';

export type Context = SubgraphContext<StatisticsLoaders>;
export type {
  DatasetRevision,
  ServiceIndexCriteriaSet,
  ServiceIndexCriterion,
} from './entities/index.ts';
export type {
  CriterionScoreModel as ServiceIndexCriterionScore,
  ImprovementModel as ServiceIndexImprovement,
  RankedScoreModel as ServiceIndexRankedScore,
} from './service-index/scores.ts';
export type { CampaignComparisonFigures as CampaignComparison } from './sql/campaign-comparison.ts';
export type { CampaignEffectFigures as CampaignEffect } from './sql/campaign-effect.ts';
