import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@motcua/testkit';
import { gql } from 'graphql-request';
import { servicesSubgraph } from '../src/index.ts';

// What the gateway asks the services subgraph for when another subgraph's data points at a service or a unit.
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph(servicesSubgraph, { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

describe('entity references', () => {
  it('resolves many services and units in one statement per entity type', async () => {
    subgraph.sql.reset();
    const { data, errors } = await subgraph.client.rawRequest<{ _entities: ({ name: string } | null)[] }>(
      gql`query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on PublicService { code name } ... on AdministrativeUnit { unitCode: code name } } }`,
      {
        representations: [
          { __typename: 'PublicService', code: '1.001193' },
          { __typename: 'PublicService', code: '1.000894' },
          { __typename: 'PublicService', code: '0.000000' },
          { __typename: 'AdministrativeUnit', code: '01' },
          { __typename: 'AdministrativeUnit', code: '00004' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { code: '1.001193', name: 'Thủ tục đăng ký khai sinh' },
      { code: '1.000894', name: 'Thủ tục đăng ký kết hôn' },
      null,
      { unitCode: '01', name: 'Thành phố Hà Nội' },
      { unitCode: '00004', name: 'Phường Ba Đình' },
    ]);
    expect(subgraph.sql.count).toBe(2);
  });
});
