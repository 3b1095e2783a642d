import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@motcua/testkit';
import { gql } from 'graphql-request';
import { DataSource, DossierFigure } from '../src/entities/index.ts';
import { statisticsSubgraph } from '../src/index.ts';
import { createPartitionsSql } from '../src/partitions/fact-partitions.ts';

let subgraph: TestSubgraph;

// Hand-made facts, so every expected number below can be checked with a pencil.
const FACTS = [
  // service, unit, month, channel, received, on time, late
  ['1.001193', '00004', '2025-07-01', 'ONLINE', 30, 28, 2],
  ['1.001193', '00004', '2025-07-01', 'IN_PERSON', 10, 10, 0],
  ['1.001193', '00004', '2025-08-01', 'ONLINE', 45, 45, 0],
  ['1.001193', '00004', '2025-08-01', 'IN_PERSON', 5, 4, 1],
  ['1.001193', '00070', '2025-07-01', 'ONLINE', 20, 20, 0],
  ['1.000894', '00004', '2025-07-01', 'POST', 4, 4, 0],
  ['1.001193', '00004', '2025-09-01', 'ONLINE', 1000, 1000, 0],
] as const;

beforeAll(async () => {
  subgraph = await startTestSubgraph(statisticsSubgraph, { seed: false });
  const em = subgraph.orm.em.fork();
  em.create(DataSource, {
    id: 'test',
    name: 'Hand-made test figures',
    publisher: 'tests',
    illustrative: false,
  });
  await em.flush();
  // As every writer of facts does: the partitions of their months first (the subgraph makes only those ahead).
  await em.execute(createPartitionsSql('?'), [JSON.stringify([...new Set(FACTS.map((fact) => fact[2]))])]);
  await em.insertMany(
    DossierFigure,
    FACTS.map(([serviceCode, unitCode, month, channel, received, resolvedOnTime, resolvedLate]) => ({
      serviceCode,
      unitCode,
      provinceCode: '01',
      month,
      channel,
      received,
      resolvedOnTime,
      resolvedLate,
      source: 'test',
    })),
  );
});

afterAll(async () => {
  await subgraph?.stop();
});

const USAGE_FIELDS = `from to received receivedOnline receivedInPerson receivedByPost onlineRate resolvedOnTime resolvedLate onTimeRate pending rejected approximate
  months { month received receivedOnline onlineRate } illustrative`;

describe('usage figures', () => {
  it('adds up a service over its units and months, in one statement for many services', async () => {
    subgraph.sql.reset();
    const { data, errors } = await subgraph.client.rawRequest<{ _entities: unknown[] }>(
      gql`query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on PublicService { code usage(from: "2025-07", to: "2025-08") { ${USAGE_FIELDS} } } } }`,
      {
        representations: [
          { __typename: 'PublicService', code: '1.001193' },
          { __typename: 'PublicService', code: '1.000894' },
          { __typename: 'PublicService', code: '9.999999' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(subgraph.sql.count).toBe(1);
    const [birth, marriage, unknown] = data._entities;
    expect(birth).toEqual({
      code: '1.001193',
      usage: {
        from: '2025-07',
        to: '2025-08',
        received: 110,
        receivedOnline: 95,
        receivedInPerson: 15,
        receivedByPost: 0,
        onlineRate: 95 / 110,
        resolvedOnTime: 107,
        resolvedLate: 3,
        onTimeRate: 107 / 110,
        pending: 0,
        rejected: 0,
        approximate: false,
        months: [
          { month: '2025-07', received: 60, receivedOnline: 50, onlineRate: 50 / 60 },
          { month: '2025-08', received: 50, receivedOnline: 45, onlineRate: 45 / 50 },
        ],
        illustrative: false,
      },
    });
    expect(marriage).toMatchObject({ usage: { received: 4, receivedByPost: 4, onlineRate: 0 } });
    expect(unknown).toMatchObject({ usage: { received: 0, onlineRate: null, onTimeRate: null, months: [] } });
  });

  it('adds up a commune, and a province over its communes', async () => {
    const { data, errors } = await subgraph.client.rawRequest<{ _entities: unknown[] }>(
      gql`query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on AdministrativeUnit { code usage(from: "2025-07", to: "2025-07") { received receivedOnline } } } }`,
      {
        representations: [
          { __typename: 'AdministrativeUnit', code: '01' },
          { __typename: 'AdministrativeUnit', code: '00070' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { code: '01', usage: { received: 64, receivedOnline: 50 } },
      { code: '00070', usage: { received: 20, receivedOnline: 20 } },
    ]);
  });

  it('totals everything for a range', async () => {
    const { data } = await subgraph.client.rawRequest<{
      usage: { received: number; months: { month: string }[] };
    }>(gql`{ usage(from: "2025-01", to: "2025-12") { received months { month } } }`);
    expect(data.usage.received).toBe(30 + 10 + 45 + 5 + 20 + 4 + 1000);
    expect(data.usage.months.map((month) => month.month)).toEqual(['2025-07', '2025-08', '2025-09']);
  });
});
