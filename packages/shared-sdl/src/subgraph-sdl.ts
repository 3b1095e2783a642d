import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';

/** The types every subgraph declares the same way (page info, languages, channels, scalars, `@allow`). */
export const SHARED_SDL_FILE = new URL('./shared.graphql', import.meta.url);

const sharedSdl = readFileSync(SHARED_SDL_FILE, 'utf8');

/** A subgraph's full SDL: its own schema followed by the types every subgraph shares. */
export function withSharedSdl(subgraphSdl: string): string {
  return `${subgraphSdl}\n${sharedSdl}`;
}

export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(withSharedSdl(readFileSync(schemaFile, 'utf8')));
}
