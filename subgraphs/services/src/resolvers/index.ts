import { scalarResolvers } from '@motcua/graphql-kit';
import { AdministrativeUnit, UnitSuccessionResolvers } from './administrative-unit.ts';
import { Agency, PublicService, ServiceField } from './public-service.ts';
import { Query } from './query.ts';

export const resolvers = {
  ...scalarResolvers,
  Query,
  PublicService,
  ServiceField,
  Agency,
  AdministrativeUnit,
  UnitSuccession: UnitSuccessionResolvers,
};
