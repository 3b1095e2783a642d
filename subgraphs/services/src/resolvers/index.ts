import { scalarResolvers } from '@motcua/shared-sdl';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AdministrativeUnit } from './AdministrativeUnit.ts';
import { Agency } from './Agency.ts';
import { BusinessEvent } from './BusinessEvent.ts';
import { EventStep } from './EventStep.ts';
import { FacetCount } from './FacetCount.ts';
import { LifeEvent } from './LifeEvent.ts';
import { Mutation } from './Mutation.ts';
import { PublicService } from './PublicService.ts';
import { Query } from './Query.ts';
import { Requirement } from './Requirement.ts';
import { ServiceBundle } from './ServiceBundle.ts';
import { ServiceField } from './ServiceField.ts';
import { ServiceOffering } from './ServiceOffering.ts';
import { UnitHistory } from './UnitHistory.ts';
import { UnitSuccession } from './UnitSuccession.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  PublicService,
  ServiceOffering,
  ServiceField,
  Agency,
  AdministrativeUnit,
  UnitSuccession,
  UnitHistory,
  LifeEvent,
  BusinessEvent,
  EventStep,
  ServiceBundle,
  Requirement,
  FacetCount,
};
