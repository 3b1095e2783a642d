// Runs the access subgraph on its own: `node subgraphs/access/src/main.ts` (PORT, DATABASE_URL, GATEWAY_PUBLIC_KEY, PEER_SECRET).
import { serveAlone } from '@motcua/subgraph-runtime';
import { accessSubgraph } from './subgraph.ts';

await serveAlone(accessSubgraph);
