import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';

const sharedSdl = readFileSync(new URL('./shared.graphql', import.meta.url), 'utf8');

/** A subgraph's full SDL: its own schema followed by the types every subgraph shares. */
export function withSharedSdl(subgraphSdl: string): string {
  return `${subgraphSdl}\n${sharedSdl}`;
}

export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(withSharedSdl(readFileSync(schemaFile, 'utf8')));
}
