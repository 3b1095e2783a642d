import { inLanguage } from '@motcua/shared-sdl';
import type {
  DatasetRevisionResolvers,
  ServiceIndexCriteriaSetResolvers,
  ServiceIndexCriterionResolvers,
  ServiceIndexCriterionScoreResolvers,
  ServiceIndexImprovementResolvers,
} from '../generated/resolvers-types.ts';

export const ServiceIndexCriteriaSet: ServiceIndexCriteriaSetResolvers = {
  criteria: (set, _, { loaders }) => loaders.criteriaOf.load(set.version),
};

export const ServiceIndexCriterion: ServiceIndexCriterionResolvers = {
  name: (criterion, { language }) => inLanguage(language, criterion.nameVi, criterion.nameEn),
};

export const ServiceIndexCriterionScore: ServiceIndexCriterionScoreResolvers = {
  name: (criterion, { language }) => inLanguage(language, criterion.nameVi, criterion.nameEn),
};

const points = (value: number) => `+${Number(value.toFixed(2))}`;

export const ServiceIndexImprovement: ServiceIndexImprovementResolvers = {
  description: (raise, { language }) =>
    language === 'EN'
      ? `${raise.more} more ${raise.nounEn} for ${points(raise.pointsGained)} points`
      : `Thêm ${raise.more} ${raise.nounVi}: ${points(raise.pointsGained)} điểm`,
};

export const DatasetRevision: DatasetRevisionResolvers = {
  batchId: (revision) => revision.batch.id,
  mode: (revision) => revision.batch.mode,
  changed: ({ previous, current }) =>
    Object.keys(current).filter(
      (column) => JSON.stringify(previous[column]) !== JSON.stringify(current[column]),
    ),
};
