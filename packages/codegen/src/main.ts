// `pnpm codegen`: resolver types for every subgraph, from its schema.graphql and the SDL they all share, into
// `subgraphs/<name>/src/generated/` (not committed; `pnpm typecheck` runs this first, so they never drift).
import { generate } from '@graphql-codegen/cli';
import { SUBGRAPH_NAMES } from '@motcua/config';
import { subgraphCodegen } from './subgraph-codegen.ts';

try {
  await generate({ overwrite: true, silent: true, ...subgraphCodegen(SUBGRAPH_NAMES) }, true);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
