import type { Config } from '@motcua/config';
import type { Orm } from '@motcua/db';
import type { Peers } from '@motcua/subgraph-runtime';
import express from 'express';
import { entities } from './entities/index.ts';
import { usageExportRoutes } from './exports/usage-export.ts';
import { figureImportRoutes } from './figures-import/import-route.ts';
import { applyImportSettings } from './figures-import/import-settings.ts';
import { createLoaders } from './loaders/index.ts';
import { migrations } from './migrations/index.ts';
import { startPartitionUpkeep } from './partitions/partition-upkeep.ts';
import { resolvers } from './resolvers/index.ts';
import { typeDefs } from './schema.ts';
import { ProgrammeSeeder } from './seed/programme-seeder.ts';
import { UsageSeeder } from './seed/usage-seeder.ts';

/** The statistics subgraph: dossier figures and what they add to services and units. */
export const statisticsSubgraph = {
  name: 'statistics',
  typeDefs,
  resolvers,
  entities,
  migrations,
  seeders: [ProgrammeSeeder, UsageSeeder],
  createLoaders,
  routes: (orm: Orm, peers: Peers) =>
    express.Router().use(figureImportRoutes(orm, peers), usageExportRoutes(orm, peers)),
  background: (orm: Orm, config: Config) => {
    const settings = applyImportSettings(orm, config);
    const upkeep = startPartitionUpkeep(orm, config);
    return {
      stop: async () => {
        await upkeep.stop();
        await settings.stop();
      },
    };
  },
};
