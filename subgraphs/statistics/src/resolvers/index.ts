import { scalarResolvers } from '@motcua/shared-sdl';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AdministrativeUnit } from './AdministrativeUnit.ts';
import { Campaign } from './Campaign.ts';
import { CampaignEffect } from './CampaignEffect.ts';
import { DatasetRevision } from './DatasetRevision.ts';
import { FigureRevision } from './FigureRevision.ts';
import { Indicator } from './Indicator.ts';
import { IndicatorValue } from './IndicatorValue.ts';
import { Mutation } from './Mutation.ts';
import { PublicService } from './PublicService.ts';
import { Query } from './Query.ts';
import { ReformProgramme } from './ReformProgramme.ts';
import { Satisfaction } from './Satisfaction.ts';
import { ServiceIndexCriteriaSet } from './ServiceIndexCriteriaSet.ts';
import { ServiceIndexCriterion } from './ServiceIndexCriterion.ts';
import { ServiceIndexCriterionScore } from './ServiceIndexCriterionScore.ts';
import { ServiceIndexImprovement } from './ServiceIndexImprovement.ts';
import { Usage } from './Usage.ts';
import { UsageCubeRow } from './UsageCubeRow.ts';
import { UsagePoint } from './UsagePoint.ts';
import { UsageShare } from './UsageShare.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  JSONObject: GraphQLJSONObject,
  Query,
  Mutation,
  PublicService,
  AdministrativeUnit,
  Usage,
  UsagePoint,
  UsageCubeRow,
  UsageShare,
  Satisfaction,
  Campaign,
  CampaignEffect,
  FigureRevision,
  ReformProgramme,
  Indicator,
  IndicatorValue,
  ServiceIndexCriteriaSet,
  ServiceIndexCriterion,
  ServiceIndexCriterionScore,
  ServiceIndexImprovement,
  DatasetRevision,
};
