import type { DataSource } from './entities/index.ts';
import type { StatisticsLoaders } from './loaders/index.ts';

/** Where a figure comes from, as the schema's `Provenance` shows it. */
export const provenanceOf = (source: DataSource) => ({
  source: source.name,
  publisher: source.publisher,
  methodology: source.methodology ?? null,
  url: source.url ?? null,
  publishedAt: source.publishedAt ?? null,
  updatedAt: source.updatedAt,
  illustrative: source.illustrative,
});

export async function loadProvenance(loaders: StatisticsLoaders, sourceId: string) {
  const source = await loaders.sourceById.load(sourceId);
  if (!source) throw new Error(`Data source ${sourceId} is missing`);
  return provenanceOf(source);
}

/** The provenance of every data source a figure was added up from. */
export const provenanceOfAll = (loaders: StatisticsLoaders, sourceIds: string[]) =>
  Promise.all(sourceIds.map((id) => loadProvenance(loaders, id)));
