import { inLanguage } from '@motcua/shared-sdl';
import type { RequirementResolvers } from '../generated/resolvers-types.ts';

export const Requirement: RequirementResolvers = {
  text: (requirement, { language }) => inLanguage(language, requirement.textVi, requirement.textEn),
};
