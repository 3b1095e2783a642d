// What each GraphQL type of the access subgraph is on the server: codegen maps every type exported here, by its
// name, to this model (see packages/codegen). `Context` is what every resolver receives.
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import type { createLoaders } from './loaders/index.ts';

export type { ApiKey } from './entities/index.ts';

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
