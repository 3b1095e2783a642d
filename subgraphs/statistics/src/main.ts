// Runs the statistics subgraph on its own: `node subgraphs/statistics/src/main.ts` (PORT, DATABASE_URL).
import { serveAlone } from '@motcua/subgraph-runtime';
import { statisticsSubgraph } from './subgraph.ts';

await serveAlone(statisticsSubgraph);
