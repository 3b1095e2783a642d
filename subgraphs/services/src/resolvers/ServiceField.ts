import { inLanguage } from '@motcua/shared-sdl';
import type { ServiceFieldResolvers } from '../generated/resolvers-types.ts';

export const ServiceField: ServiceFieldResolvers = {
  name: (field, { language }) => inLanguage(language, field.nameVi, field.nameEn),
  parent: (field, _, { loaders }) => (field.parent ? loaders.fieldByCode.load(field.parent.code) : null),
  children: (field, _, { loaders }) => loaders.fieldChildren.load(field.code),
};
