/** The subgraphs of the hub, in the order they appear in the supergraph. */
export const SUBGRAPH_NAMES = ['services', 'statistics', 'news', 'access'] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export type SubgraphUrls = Record<SubgraphName, string>;

/** Where the local hub mounts each subgraph: one HTTP server, one path per subgraph. */
export function localSubgraphUrls(baseUrl: string): SubgraphUrls {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, `${baseUrl}/${name}/graphql`]),
  ) as SubgraphUrls;
}
