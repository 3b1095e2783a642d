import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from '../src/index.ts';

describe('supergraph composition', () => {
  it('composes the three subgraphs', () => {
    const supergraph = composeSupergraph();
    for (const name of ['SERVICES', 'STATISTICS', 'NEWS'])
      expect(supergraph).toContain(`${name} @join__graph`);
  });

  it('matches the committed supergraph.graphql (run `pnpm compose` after changing a schema.graphql)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it('fails, listing the conflict, when two subgraphs disagree on a shared field', () => {
    const statistics = readFileSync(
      new URL('../../subgraphs/statistics/schema.graphql', import.meta.url),
      'utf8',
    );
    // Whatever directives the type carries besides its key (cache hints…), its first field is the key.
    const broken = statistics.replace(
      /(type PublicService @key\(fields: "code"\)[^{]*\{\n {2}code: )String!/,
      '$1Int!',
    );
    expect(broken).not.toBe(statistics);
    expect(() => composeSupergraph({ statistics: broken })).toThrow(CompositionError);
    expect(() => composeSupergraph({ statistics: broken })).toThrow(/PublicService\.code/);
  });
});
