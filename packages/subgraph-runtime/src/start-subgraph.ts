import type { Config } from '@motcua/config';
import { cancelStatementsOn, type Orm, openDatabase, type SqlListener, seedExampleData } from '@motcua/db';
import { jsonErrorHandler } from '@motcua/errors';
import {
  isGatewayServiceCall,
  requireGatewayIdentity,
  SERVICE_SUBJECTS,
  type Signer,
} from '@motcua/identity';
import { requestIdMiddleware, traceRequests } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import express, { type RequestHandler, type Router } from 'express';
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
  try {
    if (config.exampleData) await seedExampleData(orm, module.seeders);
    else await module.retireExampleData?.(orm.em.fork());
    await server.start();
    const router = express.Router();
    const peers = createPeers(module.name, options.peerUrls ?? config.subgraphUrls, {
      peerSecret: identity.peerSecret,
      timeoutMs: config.subgraphTimeoutMs,
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
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
