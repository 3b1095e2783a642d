import type { Config } from '@motcua/config';
import type { Orm } from '@motcua/db';

/**
 * What the statistics subgraph takes from the configuration when it starts (one configuration per process): the
 * most rows one `importDossierFigures` may carry (IMPORT_MAX_GRAPHQL_ROWS). Until then, the default.
 */
export const importSettings: { maxGraphqlRows: number } = { maxGraphqlRows: 5_000 };

/** Started with the subgraph (as its background work, though it only reads its settings). */
export function applyImportSettings(_orm: Orm, config: Config) {
  importSettings.maxGraphqlRows = config.importMaxGraphqlRows;
  return { stop: async () => {} };
}
