import { inLanguage } from '@motcua/shared-sdl';
import type { AgencyResolvers } from '../generated/resolvers-types.ts';

export const Agency: AgencyResolvers = {
  name: (agency, { language }) => inLanguage(language, agency.nameVi, agency.nameEn),
  unit: (agency, _, { loaders }) => (agency.unit ? loaders.unitByCode.load(agency.unit.code) : null),
  parent: (agency, _, { loaders }) => (agency.parent ? loaders.agencyByCode.load(agency.parent.code) : null),
};
