// Writes gateway/supergraph.graphql from the subgraphs' SDL files (`pnpm compose`); exits 1 on a composition error.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose.ts';

try {
  writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  console.log(`Wrote ${fileURLToPath(SUPERGRAPH_FILE)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
