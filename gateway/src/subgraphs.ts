import type { SubgraphName } from '@motcua/config';

export { localSubgraphUrls, SUBGRAPH_NAMES, type SubgraphName, type SubgraphUrls } from '@motcua/config';

export function schemaFileOf(name: SubgraphName): URL {
  return new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url);
}
