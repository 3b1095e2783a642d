// What each GraphQL type of the services subgraph is on the server: codegen maps every type exported here, by its
// name, to this model (see packages/codegen). `Context` is what every resolver receives.
import type { Connection } from '@motcua/paging';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import type {
  AdministrativeUnit,
  Agency,
  PublicService,
  ServiceOffering,
  UnitSuccession as UnitSuccessionEntity,
} from './entities/index.ts';
import type { ServicesLoaders } from './loaders/index.ts';

export type {
  AdministrativeUnit,
  Agency,
  PublicService,
  ServiceField,
  ServiceOffering,
} from './entities/index.ts';

/** A succession as the schema shows it, from the point of view of one unit: the other unit, and how. */
export type UnitSuccession = { unit: AdministrativeUnit; kind: UnitSuccessionEntity['kind']; date: string };

export type PublicServiceConnection = Connection<PublicService>;
export type AdministrativeUnitConnection = Connection<AdministrativeUnit>;
export type AgencyConnection = Connection<Agency>;
export type ServiceOfferingConnection = Connection<ServiceOffering>;

export type Context = SubgraphContext<ServicesLoaders>;
