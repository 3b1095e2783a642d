// What each GraphQL type of the services subgraph is on the server: codegen maps every type exported here, by its
// name, to this model (see packages/codegen). `Context` is what every resolver receives.
import type { Connection } from '@motcua/paging';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import type {
  AdministrativeUnit,
  Agency,
  PublicService,
  ServiceEvent,
  ServiceOffering,
  UnitSuccession as UnitSuccessionEntity,
} from './entities/index.ts';
import type { ServicesLoaders } from './loaders/index.ts';

export type {
  AdministrativeUnit,
  Agency,
  EventStep,
  PublicService,
  SearchSynonym,
  ServiceBundle,
  ServiceField,
  ServiceOffering,
} from './entities/index.ts';
export type { StoredRequirement as Requirement } from './entities/service-event.ts';
export type { FacetValue as FacetCount, SearchSuggestion } from './sql/service-search.ts';

/** Life and business events are one table, told apart by `kind`. */
export type Event = ServiceEvent;
export type LifeEvent = ServiceEvent;
export type BusinessEvent = ServiceEvent;

/** What the units' history says about a unit (computed from the unit, no SQL). */
export type UnitHistory = { districtRecorded: boolean; noteVi: string; noteEn: string };

/** A succession as the schema shows it, from the point of view of one unit: the other unit, and how. */
export type UnitSuccession = { unit: AdministrativeUnit; kind: UnitSuccessionEntity['kind']; date: string };

export type PublicServiceConnection = Connection<PublicService>;
export type AdministrativeUnitConnection = Connection<AdministrativeUnit>;
export type AgencyConnection = Connection<Agency>;
export type ServiceOfferingConnection = Connection<ServiceOffering>;

export type Context = SubgraphContext<ServicesLoaders>;
