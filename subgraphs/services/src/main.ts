// Runs the services subgraph on its own: `node subgraphs/services/src/main.ts` (PORT, DATABASE_URL).
import { serveAlone } from '@motcua/subgraph-runtime';
import { servicesSubgraph } from './subgraph.ts';

await serveAlone(servicesSubgraph);
