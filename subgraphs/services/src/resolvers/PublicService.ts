import { badUserInput } from '@motcua/errors';
import { toPage } from '@motcua/paging';
import { inLanguage } from '@motcua/shared-sdl';
import type { Agency, ServiceBundle, ServiceEvent } from '../entities/index.ts';
import type { EventKind, PublicServiceResolvers } from '../generated/resolvers-types.ts';
import type { Context, PublicService as Service } from '../models.ts';
import { checkUnitCode } from '../units.ts';

const found = <T>(value: T | Error | null): value is T => value !== null && !(value instanceof Error);

/** The events of one kind a service is a step of, in their order, each once. */
async function eventsOf(service: Service, kind: EventKind, { loaders }: Context) {
  const steps = await loaders.stepsOfService.load(service.id);
  const codes = [...new Set(steps.map((step) => step.event.code))];
  const events = (await loaders.eventByCode.loadMany(codes)).filter(found<ServiceEvent>);
  return events.filter((event) => event.kind === kind).sort((a, b) => a.position - b.position);
}

export const PublicService: PublicServiceResolvers = {
  __resolveReference: (reference, { loaders }) =>
    'id' in reference ? loaders.serviceById.load(reference.id) : loaders.serviceByCode.load(reference.code),
  name: (service, { language }) => inLanguage(language, service.nameVi, service.nameEn),
  description: (service, { language }) => inLanguage(language, service.descriptionVi, service.descriptionEn),
  output: (service, { language }) => inLanguage(language, service.outputVi, service.outputEn),
  field: async (service, _, { loaders }) =>
    (await loaders.fieldByCode.load(service.field.code)) ?? service.field,
  competentAgency: async (service, _, { loaders }) =>
    (await loaders.agencyByCode.load(service.competentAgency.code)) ?? service.competentAgency,
  implementingAgencies: async (service, _, { loaders }) =>
    (await loaders.agencyByCode.loadMany(service.implementingAgencyCodes)).filter(found<Agency>),
  lifeEvents: (service, _, context) => eventsOf(service, 'LIFE_EVENT', context),
  businessEvents: (service, _, context) => eventsOf(service, 'BUSINESS_EVENT', context),
  bundles: async (service, _, { loaders }) => {
    const memberships = await loaders.bundlesOfService.load(service.id);
    return (await loaders.bundleByCode.loadMany(memberships.map((member) => member.bundle.code))).filter(
      found<ServiceBundle>,
    );
  },
  offerings: (service, { parentCode, ...args }, { loaders }) =>
    loaders.offerings.load({
      parent: service.id,
      args: {
        page: toPage(args, ['text'], 50),
        parentCode: parentCode ? checkUnitCode(parentCode, 'parentCode') : null,
      },
    }),
  coverage: async (service, { parentCode }, { loaders }) => {
    const coverage = await loaders.coverage.load({
      parent: service.id,
      args: checkUnitCode(parentCode ?? '01', 'parentCode'),
    });
    if (coverage.units === 0)
      throw badUserInput(`Unit ${parentCode} has no units under it in force`, { argumentName: 'parentCode' });
    return coverage;
  },
};
