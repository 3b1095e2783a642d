import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';

const sharedSdl = readFileSync(new URL('./shared.graphql', import.meta.url), 'utf8');

/** The full SDL of a subgraph: the shared types followed by the subgraph's own `schema.graphql`. */
export function readSubgraphSdl(schemaFile: URL): string {
  return `${readFileSync(schemaFile, 'utf8')}\n${sharedSdl}`;
}

export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(readSubgraphSdl(schemaFile));
}
