import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from '@jest/globals';
import { buildSchema } from 'graphql';
import { clientCodegen, publicSchemaSdl } from '../src/client-codegen.ts';

// The client's operations are checked against the gateway's public schema when they are generated: an operation
// that asks for what the gateway does not have stops `pnpm codegen`, and so `pnpm typecheck`.
describe('the typed client codegen', () => {
  it('reads the public schema from the supergraph: the graph’s fields, none of the federation machinery', () => {
    const schema = buildSchema(publicSchemaSdl());
    expect(schema.getQueryType()?.getFields().partnerFeed).toBeDefined();
    expect(publicSchemaSdl()).not.toMatch(/join__|link__|_Entity|_service/);
  });

  it('refuses an operation that asks for a field the gateway lacks', async () => {
    const [output, options] = Object.entries(clientCodegen().generates)[0] as [string, object];
    const broken = {
      generates: {
        [output]: {
          ...options,
          documents: ['query Broken { service(code: "1.001193") { agency { name } } }'],
        },
      },
    };
    await expect(generate({ ...broken, silent: true }, false)).rejects.toThrow(/agency/);
  });
});
