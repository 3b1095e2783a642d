import { inLanguage } from '@motcua/shared-sdl';
import type { LifeEventResolvers } from './generated/resolvers-types.ts';
import type { Context, Event, PublicService } from './models.ts';

/** The services of an event's steps, in order (a service is a step of an event once at most). */
async function servicesOf(event: Event, loaders: Context['loaders']) {
  const steps = await loaders.stepsOfEvent.load(event.code);
  const services = await loaders.serviceById.loadMany(steps.map((step) => step.service.id));
  return services.filter(
    (service): service is PublicService => service !== null && !(service instanceof Error),
  );
}

/**
 * The fields life and business events share (one table, told apart by `kind`); each type's resolvers add the
 * `__isTypeOf` that tells the `Event` interface which it is.
 */
export const eventFields = {
  name: (event, { language }) => inLanguage(language, event.nameVi, event.nameEn),
  description: (event, { language }) => inLanguage(language, event.descriptionVi, event.descriptionEn),
  steps: (event, _, { loaders }) => loaders.stepsOfEvent.load(event.code),
  services: (event, _, { loaders }) => servicesOf(event, loaders),
  bundles: (event, _, { loaders }) => loaders.bundlesOfEvent.load(event.code),
} satisfies LifeEventResolvers;
