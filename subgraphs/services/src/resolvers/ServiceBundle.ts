import { inLanguage } from '@motcua/shared-sdl';
import type { ServiceBundleResolvers } from '../generated/resolvers-types.ts';
import type { Agency, PublicService } from '../models.ts';

const found = <T>(value: T | Error | null): value is T => value !== null && !(value instanceof Error);

export const ServiceBundle: ServiceBundleResolvers = {
  name: (bundle, { language }) => inLanguage(language, bundle.nameVi, bundle.nameEn),
  description: (bundle, { language }) => inLanguage(language, bundle.descriptionVi, bundle.descriptionEn),
  agencies: async (bundle, _, { loaders }) =>
    (await loaders.agencyByCode.loadMany(bundle.agencyCodes)).filter(found<Agency>),
  services: async (bundle, _, { loaders }) => {
    const members = await loaders.membersOfBundle.load(bundle.code);
    return (await loaders.serviceById.loadMany(members.map((member) => member.service.id))).filter(
      found<PublicService>,
    );
  },
  lifeEvent: async (bundle, _, { loaders }) => {
    const event = bundle.event ? await loaders.eventByCode.load(bundle.event.code) : null;
    return event?.kind === 'LIFE_EVENT' ? event : null;
  },
};
