// Runs the news subgraph on its own: `node subgraphs/news/src/main.ts` (PORT, DATABASE_URL).
import { serveAlone } from '@motcua/subgraph-runtime';
import { newsSubgraph } from './subgraph.ts';

await serveAlone(newsSubgraph);
