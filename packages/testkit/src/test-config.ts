import { type Config, loadConfig } from '@motcua/config';

/**
 * The configuration a test runs with: the development defaults, free ports, and whatever the test sets in
 * `env`, written as an operator would write it in the environment (`SUBGRAPH_TIMEOUT_MS: '500'`). Renditions
 * (speech synthesis, PDFs) cost seconds of CPU an article: only the tests of renditions turn their worker on. The
 * gateway's response cache is off too, only the tests of the cache turn it on: most tests ask the same query
 * again to count its SQL statements or to see what a write changed, and an answer from the cache sends no SQL.
 */
export const testConfig = (env: Record<string, string | undefined> = {}): Config =>
  loadConfig({ PORT: '0', SUBGRAPHS_PORT: '0', RENDITION_WORKER: 'false', RESPONSE_CACHE: 'false', ...env });
