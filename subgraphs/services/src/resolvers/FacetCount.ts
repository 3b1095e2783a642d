import { inLanguage } from '@motcua/shared-sdl';
import type { FacetCountResolvers } from '../generated/resolvers-types.ts';

export const FacetCount: FacetCountResolvers = {
  label: (facet, { language }) => inLanguage(language, facet.labelVi, facet.labelEn),
};
