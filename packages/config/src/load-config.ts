import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { localSubgraphUrls, SUBGRAPH_NAMES, type SubgraphName } from './subgraph-urls.ts';

/** Where a subgraph keeps its tables: a real PostgreSQL server, or an embedded PGlite under a local folder. */
export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      /** Streaming replicas that reads outside transactions go to, while they keep up (see `watchReplicas`). */
      replicaUrls?: string[];
      /** A replica further behind than this (or down) is left aside: its reads go to the primary. */
      replicaMaxLagMs?: number;
    }
  | { kind: 'embedded'; dataDir: string };

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** Shared secrets are at least 32 characters: HS256 keys shorter than the hash are guessable. */
const secret = z.string().min(32, 'must be at least 32 characters');

/** `true` or `false`; absent means the default the configuration derives (usually from NODE_ENV). */
const flag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true')
  .optional();

/**
 * Development stand-ins for the secrets, so `pnpm start` works on a fresh clone; refused in production, where
 * anyone could read them here.
 */
export const DEVELOPMENT_SECRETS = {
  signingKey: `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIF/2qdy56Wk0UR5jLz+y4X5CqLxaEzDz3RN2H0bqDzHP
-----END PRIVATE KEY-----
`,
  peer: 'motcua-development-peer-secret-0000000',
  jwt: 'motcua-development-jwt-secret-000000000',
} as const;

const pem = (kind: 'PRIVATE' | 'PUBLIC', example: string) =>
  z
    .string()
    .refine(
      (value) => value.includes(`-----BEGIN ${kind} KEY-----`),
      `must be a PEM ${kind.toLowerCase()} key (${example})`,
    )
    .transform((value) => value.replaceAll('\\n', '\n'));

const httpUrl = z.url({ protocol: /^https?$/ });

/** `SERVICES_URL`, `STATISTICS_URL`…: where each subgraph answers, one variable per name in SUBGRAPH_NAMES. */
const urlVariable = (name: SubgraphName) => `${name.toUpperCase()}_URL` as `${Uppercase<SubgraphName>}_URL`;
const subgraphUrlVariables = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [urlVariable(name), httpUrl.optional()]),
) as Record<`${Uppercase<SubgraphName>}_URL`, z.ZodOptional<typeof httpUrl>>;

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    // The value is not echoed: it may hold a password.
    .refine(isPostgresUrl, 'must look like postgres://user:password@host:5432/database')
    .optional(),
  // Read replicas of DATABASE_URL (streaming standbys): reads outside transactions go to them.
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const urls = (value ?? '')
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean);
      if (urls.some((url) => !isPostgresUrl(url))) {
        ctx.addIssue({ code: 'custom', message: 'must be postgres:// URLs separated by commas' });
        return z.NEVER;
      }
      return urls;
    }),
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: port(4000),
  SUBGRAPHS_PORT: port(4001),
  HOST: z.string().min(1).default('127.0.0.1'),
  ...subgraphUrlVariables,
  GATEWAY_SIGNING_KEY: pem('PRIVATE', 'openssl genpkey -algorithm ed25519').optional(),
  GATEWAY_PUBLIC_KEY: pem('PUBLIC', 'openssl pkey -pubout').optional(),
  PEER_SECRET: secret.optional(),
  JWT_SECRET: secret.optional(),
  JWT_PUBLIC_KEY: z
    .string()
    .regex(/-----BEGIN PUBLIC KEY-----/, 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)')
    .optional(),
  JWT_JWKS_URL: httpUrl.optional(),
  JWT_ROLE_CLAIM: z
    .string()
    .regex(/^[\w-]+(\.[\w-]+)*$/, 'must be a claim name or a dotted path, e.g. realm_access.roles')
    .default('role'),
  JWT_ISSUER: z.string().min(1).default('motcua'),
  JWT_AUDIENCE: z.string().min(1).default('motcua-graph'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(10_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).optional(),
  // HTTP servers (gateway and subgraphs): how long a request's headers and whole body may take to arrive, how long
  // an idle keep-alive connection is kept, and how many connections one client address may hold open.
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(256),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  // Gateway limits: rate limit counts shared in Redis, the per-IP allowance, the proxies that name the client's
  // address, and the manifest of trusted documents.
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must look like redis://host:6379' }).optional(),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be 1-64 letters, digits, _ : . or -')
    .optional(),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  METRICS_TOKEN: secret.optional(),
  MOTCUA_TOKEN: z.string().trim().min(1).optional(),
  PUBLIC_URL: httpUrl.optional(),
  GRAPHQL_INTROSPECTION: flag,
  GRAPHQL_IDE: flag,
  MERGE_IDENTICAL_QUERIES: flag,
  RESPONSE_CACHE: flag,
  GATEWAY_ENGINE: z.enum(['apollo', 'hive'], { error: 'must be apollo or hive' }).default('apollo'),
  EXAMPLE_DATA: flag,
  // Accessible renditions (large print, audio) of published articles, made by a worker in this process.
  RENDITION_WORKER: flag,
  // Webhooks to media partners: the delivery worker in this process, its retry schedule, bounds and address rules.
  WEBHOOK_WORKER: flag,
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default('5s,5m,30m,2h,5h,10h,14h,20h,24h')
    .transform((value, ctx) => {
      const delays = value.split(',').map((part) => durationMs(part.trim()));
      if (!delays.length || delays.some((delay) => delay === null)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be durations separated by commas, e.g. 5s,5m,30m,2h (ms, s, m, h, d)',
        });
        return z.NEVER;
      }
      return delays as number[];
    }),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: flag,
  IMPORT_MAX_GRAPHQL_ROWS: z.coerce.number().int().min(1).max(100_000).default(5_000),
  FACT_PARTITIONS_AHEAD: z.coerce.number().int().min(1).max(240).default(24),
  FEED_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(90, 'must be at least 90 (partners replay 90 days)')
    .default(90),
});

/** `250ms`, `5s`, `5m`, `2h`, `1d` in milliseconds; null when it is none of these. */
function durationMs(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!match) return null;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms'];
  return Number(match[1]) * unit;
}

type Environment = z.output<typeof environment>;

/**
 * Whether a configured key is one of the published development keys: as keys, not as text, so that the same key
 * written without its last newline, with CRLF or re-encoded is still recognised.
 */
function sameKey(configured: string, published: KeyObject): boolean {
  try {
    const text = configured.trim();
    const key = published.type === 'private' ? createPrivateKey(text) : createPublicKey(text);
    return key.equals(published);
  } catch {
    return false;
  }
}

const DEVELOPMENT_KEYS = {
  signing: createPrivateKey(DEVELOPMENT_SECRETS.signingKey),
  public: createPublicKey(DEVELOPMENT_SECRETS.signingKey),
};

const publicKeyOf = (privateKeyPem: string) =>
  createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();

/** The published secrets a production environment names, by variable. */
function publishedSecretsIn(env: Environment): string[] {
  const published: string[] = [];
  if (env.GATEWAY_SIGNING_KEY && sameKey(env.GATEWAY_SIGNING_KEY, DEVELOPMENT_KEYS.signing)) {
    published.push('GATEWAY_SIGNING_KEY');
  }
  if (env.GATEWAY_PUBLIC_KEY && sameKey(env.GATEWAY_PUBLIC_KEY, DEVELOPMENT_KEYS.public)) {
    published.push('GATEWAY_PUBLIC_KEY');
  }
  if (env.PEER_SECRET?.trim() === DEVELOPMENT_SECRETS.peer) published.push('PEER_SECRET');
  if (env.JWT_SECRET?.trim() === DEVELOPMENT_SECRETS.jwt) published.push('JWT_SECRET');
  return published;
}

/** The settings, from the validated environment: defaults filled, production's rules applied. */
function toConfig(env: Environment, ctx: z.RefinementCtx<Environment>) {
  const production = env.NODE_ENV === 'production';
  const refuse = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (env.DATABASE_URL === undefined && production) {
    return refuse(
      'DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)',
    );
  }
  // PostgreSQL gives up on a statement before the gateway gives up on the subgraph, so a cost the gateway no longer
  // waits for is not still being paid.
  const statementTimeoutMs =
    env.STATEMENT_TIMEOUT_MS ?? Math.max(100, Math.floor(env.SUBGRAPH_TIMEOUT_MS * 0.8));
  if (statementTimeoutMs >= env.SUBGRAPH_TIMEOUT_MS) {
    return refuse(
      `STATEMENT_TIMEOUT_MS (${statementTimeoutMs}) must be shorter than SUBGRAPH_TIMEOUT_MS (${env.SUBGRAPH_TIMEOUT_MS}), or statements outlive the gateway's wait`,
    );
  }
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    return refuse('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  }
  const published = production ? publishedSecretsIn(env) : [];
  if (published.length) {
    return refuse(
      `${published.join(', ')} must not be the development ones when NODE_ENV=production (they are published in the code)`,
    );
  }
  if (production && (!env.PEER_SECRET || !(env.GATEWAY_PUBLIC_KEY || env.GATEWAY_SIGNING_KEY))) {
    return refuse(
      'PEER_SECRET and GATEWAY_PUBLIC_KEY (or, for the gateway, GATEWAY_SIGNING_KEY) are required when NODE_ENV=production (the development keys are public)',
    );
  }
  if (production && env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES) {
    return refuse(
      "WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true is refused when NODE_ENV=production (webhooks must not reach the hub's own network)",
    );
  }
  if (production && env.EXAMPLE_DATA) {
    return refuse(
      'EXAMPLE_DATA=true is refused when NODE_ENV=production (the demo keys it seeds are public)',
    );
  }
  // In development every key has a published stand-in; in production only what is configured exists.
  const signingKey = env.GATEWAY_SIGNING_KEY ?? (production ? undefined : DEVELOPMENT_SECRETS.signingKey);
  const jwtKeyGiven = Boolean(env.JWT_SECRET || env.JWT_PUBLIC_KEY || env.JWT_JWKS_URL);
  const configuredUrls = Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name) => {
      const url = env[urlVariable(name)];
      return url ? [[name, url]] : [];
    }),
  );
  return {
    nodeEnv: env.NODE_ENV,
    database: (env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          replicaUrls: env.DATABASE_REPLICA_URLS,
          replicaMaxLagMs: env.REPLICA_MAX_LAG_MS,
        }
      : { kind: 'embedded', dataDir: env.DATA_DIR }) as DatabaseTarget,
    /** Port of the gateway, the one public endpoint (and of a subgraph run alone). */
    port: env.PORT,
    /** Port on which the local hub mounts every subgraph at `/<name>/graphql`. */
    subgraphsPort: env.SUBGRAPHS_PORT,
    host: env.HOST,
    /** Where each subgraph answers (default: the local hub's mounts on SUBGRAPHS_PORT). */
    subgraphUrls: { ...localSubgraphUrls(`http://${env.HOST}:${env.SUBGRAPHS_PORT}`), ...configuredUrls },
    /**
     * The keys of the identities that travel to the subgraphs: the gateway's Ed25519 signing key (gateway only),
     * its public key (every subgraph; derived from the signing key when absent), and the secret subgraphs sign
     * their calls to each other with.
     */
    identity: {
      signingKey,
      publicKey: env.GATEWAY_PUBLIC_KEY ?? publicKeyOf(signingKey as string),
      peerSecret: env.PEER_SECRET ?? DEVELOPMENT_SECRETS.peer,
    },
    /** How staff JWTs are verified, whom they must name as issuer and audience, and where their roles are. */
    jwt: {
      secret: env.JWT_SECRET ?? (jwtKeyGiven || production ? undefined : DEVELOPMENT_SECRETS.jwt),
      publicKey: env.JWT_PUBLIC_KEY,
      jwksUrl: env.JWT_JWKS_URL,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      roleClaim: env.JWT_ROLE_CLAIM,
    },
    /** How long the gateway waits for a subgraph (and any call between parts) before answering without it. */
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    /** PostgreSQL's `statement_timeout` for every statement the subgraphs send: shorter than `subgraphTimeoutMs`. */
    statementTimeoutMs,
    /** Bounds of every HTTP server of the hub (see `listen` in @motcua/lifecycle). */
    http: {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnectionsPerIp: env.MAX_CONNECTIONS_PER_IP,
    },
    /** Browser origins allowed to call the gateway. */
    corsOrigins: env.CORS_ORIGINS,
    /** The bearer token a Prometheus scraper must send for `/metrics`; open without it. */
    metricsToken: env.METRICS_TOKEN,
    /** The credential (a staff JWT or an API key) with which a command sends its work to a running hub. */
    commandToken: env.MOTCUA_TOKEN,
    /** The gateway's public origin, for links the hub writes; taken from each request without it. */
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    /** Schema introspection and field suggestions: on outside production unless turned off. */
    introspection: env.GRAPHQL_INTROSPECTION ?? !production,
    /** GraphiQL at `GET /graphql` for browsers: on outside production unless turned off. */
    ide: env.GRAPHQL_IDE ?? !production,
    /** Whether identical queries in flight at once for the same caller are asked of a subgraph once (default on). */
    mergeIdenticalQueries: env.MERGE_IDENTICAL_QUERIES ?? true,
    /**
     * Whether the gateway keeps whole answers to anonymous queries (in Redis when REDIS_URL is set, in memory
     * otherwise), invalidated by the subgraphs' commits: needs DATABASE_URL, whose data versions it listens to.
     */
    responseCache: env.RESPONSE_CACHE ?? true,
    /** What plans and runs `/graphql`: Apollo Gateway, or Hive Gateway with its Rust query planner (`pnpm start:hive`). */
    gatewayEngine: env.GATEWAY_ENGINE,
    /** Whether the example data (and its demo keys) is seeded: outside production unless turned off. */
    exampleData: env.EXAMPLE_DATA ?? !production,
    /** The gateway's rate limits and trusted documents mode. */
    limits: {
      /** Redis shared by the gateway instances for rate limit counts; in memory without it. */
      redisUrl: env.REDIS_URL,
      /** Requests per minute from one client IP; the gateway's default allowance without it. */
      ratePerIp: env.RATE_LIMIT_PER_IP,
      /** Prefix of the counts in Redis: gateways sharing one prefix share their counts (default motcua:rate). */
      rateKeyPrefix: env.RATE_LIMIT_KEY_PREFIX,
      /** Proxies in front of the gateway trusted to name the client's IP in X-Forwarded-For. */
      trustProxyHops: env.TRUST_PROXY_HOPS,
      /** Path of the persisted query manifest whose operations alone may run. */
      trustedDocuments: env.TRUSTED_DOCUMENTS,
    },
    /** How long a stopping process lets the requests in flight finish before cutting them. */
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    /** Webhooks to media partners. */
    webhooks: {
      /** Whether this process runs the delivery worker (off: run `pnpm webhooks:worker` on its own). */
      worker: env.WEBHOOK_WORKER ?? true,
      /** Delay before each retry after a failed attempt (the Standard Webhooks schedule, about 3 days in all). */
      retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      /** Deliveries in flight at once (one per endpoint at a time, in feed order). */
      concurrency: env.WEBHOOK_CONCURRENCY,
      pollMs: env.WEBHOOK_POLL_MS,
      /** Whether endpoints may be http:// (development only). */
      allowHttp: env.NODE_ENV === 'development',
      /** Whether endpoints may resolve to loopback, private or link-local addresses (never in production). */
      allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? !production,
    },
    /**
     * Whether this process makes the large-print and audio renditions of published articles (off: another process
     * of the news subgraph does; the queue is shared).
     */
    renditionWorker: env.RENDITION_WORKER ?? true,
    /**
     * The most rows one `importDossierFigures` may carry: more are refused before any SQL, pointing to the streamed
     * `POST /imports/dossier-figures` and the CLI, whose memory does not follow the size. The default fits within
     * the gateway's 1 MB body, so a caller meets this refusal, which says what to do, and not the body's.
     */
    importMaxGraphqlRows: env.IMPORT_MAX_GRAPHQL_ROWS,
    /**
     * How many months after the current one the statistics subgraph keeps a partition of the facts for, made at its
     * start and then daily, so that writes of the coming months never wait on making one.
     */
    factPartitionsAhead: env.FACT_PARTITIONS_AHEAD,
    /** How long the partner feed keeps superseded changes for replay; older cursors are refused (CURSOR_EXPIRED). */
    feedRetentionDays: env.FEED_RETENTION_DAYS,
  };
}

const configuration = environment.transform(toConfig);

/** Every setting of the hub, typed from the schema that validates it: parsed once, at start, and passed whole. */
export type Config = z.output<typeof configuration>;

/** A configuration problem, with a message that fits on one line and says what to change. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates the environment once, at start; the rest of the code receives the typed result. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configuration.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`.trim());
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** What the gateway needs to vouch for callers: its signing key, and how staff tokens are verified. */
export function gatewayCredentials(config: Config): { signingKey: string; jwt: Config['jwt'] } {
  const { signingKey } = config.identity;
  if (!signingKey) {
    throw new ConfigError(
      'Invalid configuration: the gateway needs GATEWAY_SIGNING_KEY (an Ed25519 private key: openssl genpkey -algorithm ed25519)',
    );
  }
  if (!(config.jwt.secret || config.jwt.publicKey || config.jwt.jwksUrl)) {
    throw new ConfigError(
      'Invalid configuration: the gateway needs JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL to check staff tokens',
    );
  }
  return { signingKey, jwt: config.jwt };
}
