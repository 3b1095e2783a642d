import { SUBGRAPH_NAMES, type SubgraphName } from '@motcua/config';
import type { SubgraphModule } from '@motcua/subgraph-runtime';

/**
 * Every subgraph of SUBGRAPH_NAMES, loaded from its folder (`subgraphs/<name>/src/index.ts`, whose default export
 * is its module): adding a subgraph is its folder and its name in that list, nothing here.
 */
export async function loadSubgraphModules(): Promise<Record<SubgraphName, SubgraphModule<unknown>>> {
  const modules = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const loaded = (await import(
        new URL(`../../../subgraphs/${name}/src/index.ts`, import.meta.url).href
      )) as {
        default?: SubgraphModule<unknown>;
      };
      if (loaded.default?.name !== name) {
        throw new Error(`subgraphs/${name}/src/index.ts must export its subgraph module as default`);
      }
      return [name, loaded.default] as const;
    }),
  );
  return Object.fromEntries(modules) as Record<SubgraphName, SubgraphModule<unknown>>;
}
