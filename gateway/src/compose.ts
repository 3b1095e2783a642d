import { composeServices } from '@apollo/composition';
import { loadTypeDefs } from '@motcua/graphql-kit';
import { localSubgraphUrls, SUBGRAPH_NAMES, schemaFileOf } from './subgraphs.ts';

export const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url);

/** URLs written into the supergraph file; the gateway replaces them with the configured ones at start. */
const DEFAULT_URLS = localSubgraphUrls('http://localhost:4001');

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/** Composes the subgraphs' SDL files into the supergraph SDL, or throws with every composition error. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: DEFAULT_URLS[name],
      typeDefs: loadTypeDefs(schemaFileOf(name)),
    })),
  );
  if (result.errors) {
    throw new CompositionError(
      `Supergraph composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}
