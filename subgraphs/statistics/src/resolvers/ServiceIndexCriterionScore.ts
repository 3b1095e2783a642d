import { inLanguage } from '@motcua/shared-sdl';
import type { ServiceIndexCriterionScoreResolvers } from '../generated/resolvers-types.ts';

export const ServiceIndexCriterionScore: ServiceIndexCriterionScoreResolvers = {
  name: (criterion, { language }) => inLanguage(language, criterion.nameVi, criterion.nameEn),
};
