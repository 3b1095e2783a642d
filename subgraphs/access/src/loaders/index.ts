import type { SubgraphContext } from '@motcua/subgraph-runtime';

/** The access subgraph reads one key at a time: nothing to batch. */
export const createLoaders = () => ({});

export type AccessContext = SubgraphContext<ReturnType<typeof createLoaders>>;
