import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { printSchema } from 'graphql';

const SUPERGRAPH_FILE = new URL('../../../gateway/supergraph.graphql', import.meta.url);
const CLIENT_FOLDER = new URL('../../client/src/', import.meta.url);

/**
 * The schema a client of the gateway sees: the committed supergraph without its federation machinery (join
 * directives, internal types), exactly what the gateway serves and introspection shows.
 */
export function publicSchemaSdl(): string {
  const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  return printSchema(supergraph.apiSchema().toGraphQLJSSchema());
}

/**
 * `packages/client`: typed documents from its `.graphql` operations, by GraphQL Code Generator's client preset.
 * An operation that asks for a field the public schema lacks fails codegen, so `pnpm typecheck` too.
 */
export function clientCodegen(): Pick<Types.Config, 'generates'> {
  return {
    generates: {
      [fileURLToPath(new URL('generated/', CLIENT_FOLDER))]: {
        schema: publicSchemaSdl(),
        documents: [fileURLToPath(new URL('operations/*.graphql', CLIENT_FOLDER))],
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          // Relative imports carry `.ts`: the sources run under Node's type stripping as they are.
          importExtension: '.ts',
          scalars: {
            DateTime: 'string',
            Date: 'string',
            Month: 'string',
            JSONObject: 'Record<string, unknown>',
          },
        },
      },
    },
  };
}
