import { inLanguage } from '@motcua/shared-sdl';
import type { ServiceIndexCriterionResolvers } from '../generated/resolvers-types.ts';

export const ServiceIndexCriterion: ServiceIndexCriterionResolvers = {
  name: (criterion, { language }) => inLanguage(language, criterion.nameVi, criterion.nameEn),
};
