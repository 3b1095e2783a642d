import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { localSubgraphUrls, type SubgraphUrls } from './subgraph-urls.ts';

/** Where a subgraph keeps its tables: a real PostgreSQL server, or an embedded PGlite under a local folder. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** Shared secrets are at least 32 characters: HS256 keys shorter than the hash are guessable. */
const secret = z.string().min(32, 'must be at least 32 characters');

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

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      if (!isPostgresUrl(value)) {
        // The value is not echoed: it may hold a password.
        ctx.addIssue({
          code: 'custom',
          message: 'must look like postgres://user:password@host:5432/database',
        });
      }
    }),
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: port(4000),
  SUBGRAPHS_PORT: port(4001),
  HOST: z.string().min(1).default('127.0.0.1'),
  SERVICES_URL: z.url({ protocol: /^https?$/ }).optional(),
  STATISTICS_URL: z.url({ protocol: /^https?$/ }).optional(),
  NEWS_URL: z.url({ protocol: /^https?$/ }).optional(),
  ACCESS_URL: z.url({ protocol: /^https?$/ }).optional(),
  GATEWAY_SIGNING_KEY: pem('PRIVATE', 'openssl genpkey -algorithm ed25519').optional(),
  GATEWAY_PUBLIC_KEY: pem('PUBLIC', 'openssl pkey -pubout').optional(),
  PEER_SECRET: secret.optional(),
  JWT_SECRET: secret.optional(),
  JWT_PUBLIC_KEY: z
    .string()
    .regex(/-----BEGIN PUBLIC KEY-----/, 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)')
    .optional(),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  JWT_ROLE_CLAIM: z
    .string()
    .regex(/^[\w-]+(\.[\w-]+)*$/, 'must be a claim name or a dotted path, e.g. realm_access.roles')
    .default('role'),
  JWT_ISSUER: z.string().min(1).default('motcua'),
  JWT_AUDIENCE: z.string().min(1).default('motcua-graph'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(10_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
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
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  METRICS_TOKEN: secret.optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

const definedOnly = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;

const publicKeyOf = (privateKeyPem: string) =>
  createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  database: DatabaseTarget;
  /** Port of the gateway, the one public endpoint. */
  port: number;
  /** Port on which the local hub mounts every subgraph at `/<name>/graphql`. */
  subgraphsPort: number;
  host: string;
  /** Where each subgraph answers, for a gateway or a subgraph deployed on its own (default: the local hub's mounts on SUBGRAPHS_PORT). */
  subgraphUrls: SubgraphUrls;
  /**
   * The keys of the identities that travel to the subgraphs: the gateway's Ed25519 signing key (gateway only), its
   * public key (every subgraph; derived from the signing key when absent), and the secret subgraphs sign their calls
   * to each other with.
   */
  identity: { signingKey?: string; publicKey: string; peerSecret: string };
  /**
   * How staff JWTs are verified: an HS256 secret, a PEM public key or the identity provider's JWKS URL; the issuer
   * and audience they must name; and the claim (a dotted path) that holds the role or roles.
   */
  jwt: {
    secret?: string;
    publicKey?: string;
    jwksUrl?: string;
    issuer: string;
    audience: string;
    roleClaim: string;
  };
  /** How long the gateway waits for a subgraph before answering without it. */
  subgraphTimeoutMs: number;
  /** Browser origins allowed to call the gateway (CORS_ORIGINS, comma-separated). */
  corsOrigins: string[];
  /** The bearer token a Prometheus scraper must send for `/metrics` (METRICS_TOKEN); open without it. */
  metricsToken?: string;
  /** The gateway's public origin (PUBLIC_URL), for links the hub writes; taken from each request without it. */
  publicUrl?: string;
  /** The gateway's rate limits and trusted documents mode. */
  limits: {
    /** Redis shared by the gateway instances for rate limit counts (REDIS_URL); in memory without it. */
    redisUrl?: string;
    /** Requests per minute from one client IP (RATE_LIMIT_PER_IP); the gateway's default without it. */
    ratePerIp?: number;
    /** Proxies in front of the gateway trusted to name the client's IP in X-Forwarded-For (TRUST_PROXY_HOPS). */
    trustProxyHops: number;
    /** Path of the persisted query manifest whose operations alone may run (TRUSTED_DOCUMENTS). */
    trustedDocuments?: string;
  };
  /** How long a stopping process lets the requests in flight finish before cutting them. */
  shutdownTimeoutMs: number;
};

/** A configuration problem, with a message that fits on one line and says what to change. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates the environment once, at start; the rest of the code imports the typed result. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const {
    NODE_ENV,
    DATABASE_URL,
    DATA_DIR,
    PORT,
    SUBGRAPHS_PORT,
    HOST,
    SERVICES_URL,
    STATISTICS_URL,
    NEWS_URL,
    ACCESS_URL,
    GATEWAY_SIGNING_KEY,
    GATEWAY_PUBLIC_KEY,
    PEER_SECRET,
    JWT_SECRET,
    JWT_PUBLIC_KEY,
    JWT_JWKS_URL,
    JWT_ROLE_CLAIM,
    JWT_ISSUER,
    JWT_AUDIENCE,
    SUBGRAPH_TIMEOUT_MS,
    CORS_ORIGINS,
    REDIS_URL,
    RATE_LIMIT_PER_IP,
    TRUST_PROXY_HOPS,
    TRUSTED_DOCUMENTS,
    SHUTDOWN_TIMEOUT_MS,
    METRICS_TOKEN,
    PUBLIC_URL,
  } = parsed.data;
  if (DATABASE_URL === undefined && NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration: DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)',
    );
  }
  const jwtKeyGiven = Boolean(JWT_SECRET || JWT_PUBLIC_KEY || JWT_JWKS_URL);
  const production = NODE_ENV === 'production';
  const published = [GATEWAY_SIGNING_KEY, PEER_SECRET, JWT_SECRET].some((value) =>
    (Object.values(DEVELOPMENT_SECRETS) as (string | undefined)[]).includes(value),
  );
  if (production && published) {
    throw new ConfigError(
      'Invalid configuration: GATEWAY_SIGNING_KEY, PEER_SECRET and JWT_SECRET must not be the development ones when NODE_ENV=production (they are published in the code)',
    );
  }
  if (production && (!PEER_SECRET || !(GATEWAY_PUBLIC_KEY || GATEWAY_SIGNING_KEY))) {
    throw new ConfigError(
      'Invalid configuration: PEER_SECRET and GATEWAY_PUBLIC_KEY (or, for the gateway, GATEWAY_SIGNING_KEY) are required when NODE_ENV=production (the development keys are public)',
    );
  }
  // In development every key has a published stand-in; in production only what is configured exists.
  const signingKey = GATEWAY_SIGNING_KEY ?? (production ? undefined : DEVELOPMENT_SECRETS.signingKey);
  return {
    nodeEnv: NODE_ENV,
    database: DATABASE_URL
      ? { kind: 'postgres', url: DATABASE_URL }
      : { kind: 'embedded', dataDir: DATA_DIR },
    port: PORT,
    subgraphsPort: SUBGRAPHS_PORT,
    host: HOST,
    subgraphUrls: {
      ...localSubgraphUrls(`http://${HOST}:${SUBGRAPHS_PORT}`),
      ...definedOnly({
        services: SERVICES_URL,
        statistics: STATISTICS_URL,
        news: NEWS_URL,
        access: ACCESS_URL,
      }),
    },
    identity: {
      signingKey,
      publicKey: GATEWAY_PUBLIC_KEY ?? publicKeyOf(signingKey as string),
      peerSecret: PEER_SECRET ?? DEVELOPMENT_SECRETS.peer,
    },
    jwt: {
      secret: JWT_SECRET ?? (jwtKeyGiven || production ? undefined : DEVELOPMENT_SECRETS.jwt),
      publicKey: JWT_PUBLIC_KEY,
      jwksUrl: JWT_JWKS_URL,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      roleClaim: JWT_ROLE_CLAIM,
    },
    subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS,
    corsOrigins: CORS_ORIGINS,
    metricsToken: METRICS_TOKEN,
    publicUrl: PUBLIC_URL?.replace(/\/+$/, ''),
    limits: {
      redisUrl: REDIS_URL,
      ratePerIp: RATE_LIMIT_PER_IP,
      trustProxyHops: TRUST_PROXY_HOPS,
      trustedDocuments: TRUSTED_DOCUMENTS,
    },
    shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS,
  };
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
