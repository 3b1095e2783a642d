import type { Peers } from '@motcua/subgraph-runtime';
import { catalogNames } from './catalog-names.ts';
import { SERIES_COLUMNS, SHARE_COLUMNS, toCsv } from './csv.ts';
import type { StatisticsLoaders } from './loaders/index.ts';
import type { Filters, UsagePointFigures, UsageShareFigures } from './sql/analysis.ts';

type Context = { loaders: StatisticsLoaders; peers: Peers };

/** The names of data sources, as a cell: "Source A; Source B". */
async function sourcesCell(loaders: StatisticsLoaders, ids: string[]): Promise<string> {
  const sources = await loaders.sourceById.loadMany(ids);
  return sources.map((source) => (source instanceof Error || !source ? '' : source.name)).join('; ');
}

/** A series as CSV: the filters' service and unit with their names, and every figure's quality and provenance. */
export async function seriesCsv(points: UsagePointFigures[], filters: Filters, { loaders, peers }: Context) {
  const names = await catalogNames(peers, {
    services: filters.serviceCode ? [filters.serviceCode] : [],
    units: filters.unitCode ? [filters.unitCode] : [],
  });
  const rows = await Promise.all(
    points.map(async (point) => ({
      ...point,
      serviceCode: filters.serviceCode ?? '',
      serviceName: filters.serviceCode ? names.services.get(filters.serviceCode) : '',
      unitCode: filters.unitCode ?? '',
      unitName: filters.unitCode ? names.units.get(filters.unitCode) : '',
      sources: await sourcesCell(loaders, point.sourceIds),
    })),
  );
  return toCsv(rows, SERIES_COLUMNS);
}

/** A breakdown as CSV: each key's name (a unit's or a service's), quality and provenance. */
export async function breakdownCsv(
  by: string,
  shares: UsageShareFigures[],
  { loaders, peers }: Context,
): Promise<string> {
  const keys = shares.map((share) => share.key);
  const names = await catalogNames(peers, {
    services: by === 'SERVICE' ? keys : [],
    units: by === 'UNIT' || by === 'PROVINCE' ? keys : [],
  });
  const rows = await Promise.all(
    shares.map(async (share) => ({
      ...share,
      name: (by === 'SERVICE' ? names.services : names.units).get(share.key) ?? '',
      sources: await sourcesCell(loaders, share.sourceIds),
    })),
  );
  return toCsv(rows, SHARE_COLUMNS);
}
