import { scalarResolvers } from '@motcua/shared-sdl';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AdministrativeUnit, UnitSuccession } from './administrative-unit.ts';
import { Mutation } from './mutation.ts';
import { Agency, PublicService, ServiceField, ServiceOffering } from './public-service.ts';
import { Query } from './query.ts';

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
};
