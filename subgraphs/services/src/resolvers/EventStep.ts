import { inLanguage } from '@motcua/shared-sdl';
import type { EventStepResolvers } from '../generated/resolvers-types.ts';

export const EventStep: EventStepResolvers = {
  service: async (step, _, { loaders }) => (await loaders.serviceById.load(step.service.id)) ?? step.service,
  note: (step, { language }) => inLanguage(language, step.noteVi, step.noteEn),
};
