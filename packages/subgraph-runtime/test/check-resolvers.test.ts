import { buildSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from '@jest/globals';
import { defineEntity, p } from '@mikro-orm/core';
import { SUBGRAPH_NAMES } from '@motcua/config';
import { parse } from 'graphql';
import { checkResolvers, type EntityShape } from '../src/check-resolvers.ts';
import { createSubgraphServer } from '../src/subgraph-server.ts';

const typeDefs = parse(`
  type Query { service(code: String!): PublicService }
  type PublicService { code: String! name: String! onlineLevel: OnlineLevel! }
  enum OnlineLevel { PARTIAL FULL }
`);
const schema = buildSubgraphSchema([{ typeDefs }]);
const entity = (properties: Record<string, ReturnType<typeof p.string>>) =>
  defineEntity({ name: 'PublicService', properties: { code: p.string().primary(), ...properties } });

const problemsOf = (resolvers: object, entities: unknown[] = []) => {
  try {
    checkResolvers(schema, resolvers, 'services', entities as EntityShape[]);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('a subgraph whose resolvers and schema disagree does not start', () => {
  it('names a resolver for a type the schema lacks', () => {
    expect(problemsOf({ PublicSevice: { name: () => 'x' } })).toMatch(
      /PublicSevice is not a type of the schema/,
    );
  });

  it('names a resolver for a field or enum value the schema lacks', () => {
    expect(problemsOf({ PublicService: { nmae: () => 'x' } })).toMatch(
      /PublicService\.nmae is not in the schema/,
    );
    expect(problemsOf({ OnlineLevel: { NONE: 'none' } })).toMatch(/OnlineLevel\.NONE is not in the schema/);
  });

  it('names a field left to the default resolver that its entity does not have (a renamed property)', () => {
    const renamed = entity({ title: p.string(), onlineLevel: p.string() });
    expect(problemsOf({}, [renamed])).toMatch(
      /PublicService\.name has no resolver and entity PublicService has no property name/,
    );
    expect(problemsOf({ PublicService: { name: () => 'x' } }, [renamed])).toBe('');
    expect(problemsOf({}, [entity({ name: p.string(), onlineLevel: p.string() })])).toBe('');
  });

  it.each(SUBGRAPH_NAMES)('accepts the %s subgraph as it is', async (name) => {
    const { default: module } = await import(`../../../subgraphs/${name}/src/index.ts`);
    expect(() => createSubgraphServer(module)).not.toThrow();
  });
});
