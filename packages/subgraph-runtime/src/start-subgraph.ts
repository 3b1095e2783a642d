import type { Config } from '@motcua/config';
import {
  cancelStatementsOn,
  type Orm,
  openDatabase,
  type ReplicaWatch,
  type SqlListener,
  seedExampleData,
  watchReplicas,
} from '@motcua/db';
import { jsonErrorHandler } from '@motcua/errors';
import {
  isGatewayServiceCall,
  requireGatewayIdentity,
  SERVICE_SUBJECTS,
  type Signer,
} from '@motcua/identity';
import { metricsRoute, requestIdMiddleware, traceRequests } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import express, { type RequestHandler, type Router } from 'express';
import { Gauge, Registry } from 'prom-client';
import { createPeers, type PeerUrls } from './peers.ts';
import type { SubgraphModule } from './subgraph-module.ts';
import { createSubgraphServer, subgraphHandler } from './subgraph-server.ts';

export type RunningSubgraph = {
  name: string;
  orm: Orm;
  /** Serves `POST /graphql` (and GET for simple queries). */
  router: Router;
  stop: () => Promise<void>;
};

/** What a start needs beside the configuration. */
export type StartOptions = {
  onSql?: SqlListener;
  /** Where the other subgraphs answer, when not where the configuration says (the hub fills it in once they listen). */
  peerUrls?: PeerUrls;
};

/** A caller that closes the connection before its answer is sent has given up: its statements are cancelled. */
const cancelOnClientGone: RequestHandler = (_req, res, next) => {
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  cancelStatementsOn(gone.signal, next);
};

/**
 * The gateway's readiness probe is answered only once the subgraph's database answers too: a subgraph whose
 * database is lost is not ready, whatever its HTTP server says.
 */
function databaseProbe(orm: Orm, name: string): RequestHandler {
  return async (_req, res, next) => {
    const { caller, signer } = res.locals as { caller: Caller; signer: Signer };
    if (!isGatewayServiceCall(caller, signer, SERVICE_SUBJECTS.health)) return next();
    try {
      await orm.em.fork().execute('select 1');
      next();
    } catch {
      res.status(503).json({
        errors: [
          {
            message: `The ${name} subgraph's database is unavailable`,
            extensions: { code: 'UNAVAILABLE', serviceName: name },
          },
        ],
      });
    }
  };
}

/** The subgraph's own metrics: how far its read replicas are behind, and whether its reads go to them. */
function replicaMetrics(name: string, watch: ReplicaWatch | undefined): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'motcua_db_replica_lag_seconds',
    help: 'How far each read replica is behind the primary (absent while it cannot be asked)',
    labelNames: ['subgraph', 'replica'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { url, lagSeconds } of watch?.states() ?? []) {
        if (lagSeconds !== null) this.set({ subgraph: name, replica: new URL(url).host }, lagSeconds);
      }
    },
  });
  new Gauge({
    name: 'motcua_db_replica_up',
    help: 'Whether each read replica answered its last check (1) or not (0)',
    labelNames: ['subgraph', 'replica'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { url, lagSeconds } of watch?.states() ?? [])
        this.set({ subgraph: name, replica: new URL(url).host }, lagSeconds === null ? 0 : 1);
    },
  });
  new Gauge({
    name: 'motcua_db_reads_from_replicas',
    help: 'Whether reads outside transactions go to the read replicas now (1) or to the primary (0)',
    labelNames: ['subgraph'] as const,
    registers: [registry],
    collect() {
      this.set({ subgraph: name }, watch?.readingFromReplicas() ? 1 : 0);
    },
  });
  return registry;
}

/** Opens the subgraph's database (migrated, seeded on demand) and starts its GraphQL server. */
export async function startSubgraph<Loaders>(
  module: SubgraphModule<Loaders>,
  config: Config,
  options: StartOptions = {},
): Promise<RunningSubgraph> {
  const { identity } = config;
  // Built first: a schema its resolvers do not match stops the start before any database is touched.
  const server = createSubgraphServer(module);
  const orm = await openDatabase({
    owner: module.name,
    target: config.database,
    entities: module.entities,
    migrations: module.migrations,
    onSql: options.onSql,
    statementTimeoutMs: config.statementTimeoutMs,
  });
  const { database } = config;
  const replicas =
    database.kind === 'postgres' && database.replicaUrls?.length
      ? watchReplicas(orm, database.replicaUrls, { maxLagMs: database.replicaMaxLagMs ?? 5_000 })
      : undefined;
  try {
    if (config.exampleData) await seedExampleData(orm, module.seeders);
    else await module.retireExampleData?.(orm.em.fork());
    await server.start();
    const router = express.Router();
    const peers = createPeers(module.name, options.peerUrls ?? config.subgraphUrls, {
      peerSecret: identity.peerSecret,
      timeoutMs: config.subgraphTimeoutMs,
    });
    // For a Prometheus scraper and an orchestrator's probes, not the gateway: ahead of the identity check (the
    // metrics behind METRICS_TOKEN when set). Ready means its database answers.
    router.get('/metrics', metricsRoute(replicaMetrics(module.name, replicas), config.metricsToken));
    router.get('/health/live', (_req, res) => {
      res.json({ status: 'ok' });
    });
    router.get('/health/ready', async (_req, res) => {
      try {
        await orm.em.fork().execute('select 1');
        res.json({ status: 'ready' });
      } catch {
        res.status(503).json({ status: 'unavailable' });
      }
    });
    router.use(requestIdMiddleware(), traceRequests(), requireGatewayIdentity(identity, module.name));
    router.use(databaseProbe(orm, module.name));
    if (module.routes) router.use(module.routes(orm, peers));
    router.use(
      '/graphql',
      express.json({ limit: '5mb' }),
      // After the body is read, so the request's statements run in its scope (see `cancelStatementsOn`).
      cancelOnClientGone,
      subgraphHandler(server, (caller) => {
        const em = orm.em.fork();
        return { em, loaders: module.createLoaders(em, caller), caller, peers };
      }),
    );
    router.use(jsonErrorHandler());
    const background = module.background?.(orm, config);
    return {
      name: module.name,
      orm,
      router,
      stop: async () => {
        await server.stop();
        await background?.stop();
        await replicas?.stop();
        await orm.close();
      },
    };
  } catch (error) {
    await replicas?.stop();
    await orm.close(true);
    throw error;
  }
}
