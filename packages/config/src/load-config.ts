import { z } from 'zod';

/** Where a subgraph keeps its tables: a real PostgreSQL server, or an embedded PGlite under a local folder. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

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
});

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
  /** Where a gateway deployed on its own finds each subgraph (default: the local hub on SUBGRAPHS_PORT). */
  subgraphUrls: { services?: string; statistics?: string; news?: string };
  /** How long the gateway waits for a subgraph before answering without it. */
  subgraphTimeoutMs: number;
  /** Browser origins allowed to call the gateway (CORS_ORIGINS, comma-separated). */
  corsOrigins: string[];
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
    SUBGRAPH_TIMEOUT_MS,
    CORS_ORIGINS,
    SHUTDOWN_TIMEOUT_MS,
  } = parsed.data;
  if (DATABASE_URL === undefined && NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration: DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)',
    );
  }
  return {
    nodeEnv: NODE_ENV,
    database: DATABASE_URL
      ? { kind: 'postgres', url: DATABASE_URL }
      : { kind: 'embedded', dataDir: DATA_DIR },
    port: PORT,
    subgraphsPort: SUBGRAPHS_PORT,
    host: HOST,
    subgraphUrls: { services: SERVICES_URL, statistics: STATISTICS_URL, news: NEWS_URL },
    subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS,
    corsOrigins: CORS_ORIGINS,
    shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS,
  };
}
