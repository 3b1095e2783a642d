/** The access subgraph reads one key at a time: nothing to batch. */
export const createLoaders = () => ({});
