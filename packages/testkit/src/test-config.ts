import { type Config, loadConfig } from '@motcua/config';

/**
 * The configuration a test runs with: the development defaults, free ports, and whatever the test sets in
 * `env`, written as an operator would write it in the environment (`SUBGRAPH_TIMEOUT_MS: '500'`). Renditions
 * (speech synthesis, PDFs) cost seconds of CPU an article: only the tests of renditions turn their worker on.
 */
export const testConfig = (env: Record<string, string | undefined> = {}): Config =>
  loadConfig({ PORT: '0', SUBGRAPHS_PORT: '0', RENDITION_WORKER: 'false', ...env });
