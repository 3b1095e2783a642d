// `pnpm codegen`: resolver types for every subgraph, from its schema.graphql and the SDL they all share, into
// `subgraphs/<name>/src/generated/`, and the typed operations of `packages/client` into its `src/generated/` (not
// committed; `pnpm typecheck` runs this first, so they never drift).
import { generate } from '@graphql-codegen/cli';
import { SUBGRAPH_NAMES } from '@motcua/config';
import { clientCodegen } from './client-codegen.ts';
import { subgraphCodegen } from './subgraph-codegen.ts';

try {
  await generate({ overwrite: true, silent: true, ...subgraphCodegen(SUBGRAPH_NAMES) }, true);
  // The gateway's typed client, from the public schema (the committed supergraph) and its operations.
  await generate({ overwrite: true, silent: true, ...clientCodegen() }, true);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
