import { scalarResolvers } from '@motcua/graphql-kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AdministrativeUnit, UnitSuccession } from './administrative-unit.ts';
import { Agency, PublicService, ServiceField } from './public-service.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  PublicService,
  ServiceField,
  Agency,
  AdministrativeUnit,
  UnitSuccession,
};
