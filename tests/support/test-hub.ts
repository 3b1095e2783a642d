import { DEMO_KEYS } from '@motcua/access';
import { gatewayCredentials, SUBGRAPH_NAMES, type SubgraphName } from '@motcua/config';
import { SqlCounter } from '@motcua/db';
import { signStaffToken } from '@motcua/gateway';
import { type Hub, type HubOptions, startHub } from '@motcua/hub';
import { createTestDatabase, testConfig } from '@motcua/testkit';
import { GraphQLClient } from 'graphql-request';

/** The development secrets, as `pnpm start` uses them: tests sign staff tokens with the same JWT secret. */
export const credentials = (() => {
  const config = testConfig();
  const { signingKey, jwt } = gatewayCredentials(config);
  return { identity: { ...config.identity, signingKey }, signingKey, jwt };
})();

export type Persona =
  | 'PUBLIC'
  | 'PARTNER'
  | 'PARTNER_WITHOUT_EMBARGO'
  | 'ANALYST'
  | 'EDITOR'
  | 'DATA_OFFICER'
  | 'ADMIN';

const demoKey = (role: string, partnerCode?: string) =>
  DEMO_KEYS.find((key) => key.role === role && (!partnerCode || key.partnerCode === partnerCode))
    ?.key as string;

/**
 * How each persona authenticates, as in production: partners and analysts with the seeded demo API keys, staff
 * with JWTs signed by the configured secret.
 */
export async function headersOf(persona: Persona): Promise<Record<string, string>> {
  switch (persona) {
    case 'PUBLIC':
      return {};
    case 'PARTNER':
      return { 'x-api-key': demoKey('PARTNER', 'hanoimoi') };
    case 'PARTNER_WITHOUT_EMBARGO':
      return { 'x-api-key': demoKey('PARTNER', 'dai-phat-thanh-xa') };
    case 'ANALYST':
      return { 'x-api-key': demoKey('ANALYST') };
    default: {
      const token = await signStaffToken(credentials.jwt, {
        role: persona,
        subject: `test-${persona.toLowerCase()}`,
      });
      return { authorization: `Bearer ${token}` };
    }
  }
}

export type TestHub = {
  hub: Hub;
  /** A client of the gateway, as an anonymous portal would use it; GraphQL errors come back in the response. */
  client: GraphQLClient;
  /** A client of the gateway authenticated as `persona`. */
  as: (persona: Persona) => Promise<GraphQLClient>;
  /** SQL statements sent by each subgraph since the last `reset()`. */
  sql: Record<SubgraphName, SqlCounter>;
  databaseUrl: string;
  /** The configuration the hub runs with, for tests that start another gateway in front of its subgraphs. */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

/**
 * The whole graph for one test file: a fresh database on the real PostgreSQL, migrated and seeded with the
 * example data, the subgraphs and the gateway on free ports. `stop()` shuts everything down and drops the database.
 * `onSql` is told of every statement too, for a test that files statements by request rather than counting them;
 * `env` sets configuration as an operator would.
 */
export async function startTestHub({
  env: settings = {},
  ...options
}: Pick<HubOptions, 'gateway' | 'onSql'> & { env?: Record<string, string> } = {}): Promise<TestHub> {
  const database = await createTestDatabase();
  const sql = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, new SqlCounter()])) as TestHub['sql'];
  // `GATEWAY_ENGINE=hive pnpm test:jest -- <files>` runs the same end-to-end tests through Hive Gateway.
  const engine = process.env.GATEWAY_ENGINE;
  const env = { ...(engine && { GATEWAY_ENGINE: engine }), ...settings, DATABASE_URL: database.url };
  try {
    const hub = await startHub(testConfig(env), {
      ...options,
      onSql: (subgraph, statement) => {
        sql[subgraph].listener(statement);
        options.onSql?.(subgraph, statement);
      },
    });
    return {
      hub,
      client: new GraphQLClient(hub.url, { errorPolicy: 'all' }),
      as: async (persona) =>
        new GraphQLClient(hub.url, { errorPolicy: 'all', headers: await headersOf(persona) }),
      sql,
      databaseUrl: database.url,
      env,
      stop: async () => {
        await hub.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
