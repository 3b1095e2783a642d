import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { withSharedSdl } from '@motcua/shared-sdl';
import { parse } from 'graphql';
import { localSubgraphUrls, SUBGRAPH_NAMES, type SubgraphName, schemaFileOf } from './subgraphs.ts';

export const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url);

/** URLs written into the supergraph file; the gateway replaces them with the configured ones at start. */
const DEFAULT_URLS = localSubgraphUrls('http://localhost:4001');

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/**
 * Composes the subgraphs' `schema.graphql` files into the supergraph SDL, or throws with every composition
 * error. `overrides` replaces a subgraph's own SDL (to check a change before writing it).
 */
export function composeSupergraph(overrides: Partial<Record<SubgraphName, string>> = {}): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: DEFAULT_URLS[name],
      typeDefs: parse(withSharedSdl(overrides[name] ?? readFileSync(schemaFileOf(name), 'utf8'))),
    })),
  );
  if (result.errors) {
    throw new CompositionError(
      `Supergraph composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}
