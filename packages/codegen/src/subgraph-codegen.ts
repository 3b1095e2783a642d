import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { SHARED_SDL_FILE } from '@motcua/shared-sdl';
import { buildASTSchema, parse } from 'graphql';
import { enumMapPlugin } from './enum-map-plugin.ts';
import { exportedTypeNames } from './models.ts';

const subgraphFolder = (name: string) => new URL(`../../../subgraphs/${name}/`, import.meta.url);

/** Options that hold for every subgraph: types imported as types, enums as unions, no index signature. */
const COMMON: Types.PluginConfig = {
  federation: true,
  useTypeImports: true,
  // Without an index signature, a resolver for a type or field the schema lacks (`PublicSevice`) fails tsc.
  useIndexSignature: false,
  enumsAsTypes: true,
  // Models keep their own names; the generated file imports them as <Name>Model.
  mapperTypeSuffix: 'Model',
  scalars: { DateTime: 'Date | string', Date: 'string', Month: 'string' },
};

/** The GraphQL types a subgraph's SDL defines (with the shared SDL), to check its models against. */
function typeNamesOf(schemaFile: URL): Set<string> {
  const sdl = `${readFileSync(schemaFile, 'utf8')}\n${readFileSync(SHARED_SDL_FILE, 'utf8')}`;
  const schema = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
  return new Set(Object.keys(schema.getTypeMap()));
}

/**
 * The codegen configuration of every subgraph: each one's `schema.graphql`, its models (`src/models.ts`, see
 * `exportedTypeNames`) as mappers, and its `Context`. A model named after no GraphQL type is a mistake, refused.
 */
export function subgraphCodegen(names: readonly string[]): Pick<Types.Config, 'generates' | 'pluginLoader'> {
  const generates: Types.Config['generates'] = {};
  for (const name of names) {
    const folder = subgraphFolder(name);
    const schemaFile = new URL('schema.graphql', folder);
    const modelsFile = new URL('src/models.ts', folder);
    const types = typeNamesOf(schemaFile);
    const models = exportedTypeNames(modelsFile).filter((model) => model !== 'Context');
    const unknown = models.filter((model) => !types.has(model));
    if (unknown.length) {
      throw new Error(
        `${fileURLToPath(modelsFile)} exports ${unknown.join(', ')}, which ${name}'s schema does not define`,
      );
    }
    generates[fileURLToPath(new URL('src/generated/resolvers-types.ts', folder))] = {
      schema: [fileURLToPath(schemaFile), fileURLToPath(SHARED_SDL_FILE)],
      plugins: ['typescript', 'typescript-resolvers', 'enum-map'],
      config: {
        ...COMMON,
        contextType: '../models.ts#Context',
        mappers: Object.fromEntries(models.map((model) => [model, `../models.ts#${model}`])),
      },
    };
  }
  // The shared SDL's own types, for the code that serves every subgraph alike (texts in a language, channels…).
  generates[fileURLToPath(new URL('generated/shared-types.ts', SHARED_SDL_FILE))] = {
    schema: [fileURLToPath(SHARED_SDL_FILE)],
    plugins: ['typescript', 'enum-map'],
    config: { ...COMMON, onlyEnums: true },
  };
  return {
    generates,
    pluginLoader: async (plugin: string) => (plugin.endsWith('enum-map') ? enumMapPlugin : import(plugin)),
  };
}
