import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { marked, type Token } from 'marked';
import { refusal } from './support/refusal.ts';
import { type Persona, startTestHub, type TestHub } from './support/test-hub.ts';

// Every GraphQL example and every command of the README, run against a test hub as a reader would paste them.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Commands that cannot run inside a test, each with the reason. Anything else the README shows is run. */
const EXEMPT_COMMANDS: Record<string, string> = {
  'corepack enable pnpm && COREPACK_INTEGRITY_KEYS=0 pnpm install && pnpm start':
    'installs and then starts the hub, which runs until stopped (tests/start.test.ts starts it)',
  'pnpm test': 'this test is part of it',
  'pnpm start': 'runs until stopped (tests/start.test.ts starts it)',
  'DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua pnpm start': 'runs until stopped',
  'pnpm reset': 'deletes the reader’s embedded databases (.data/)',
  'PORT=4101 node subgraphs/services/src/main.ts': 'a server that runs until stopped',
  'PORT=4102 node subgraphs/statistics/src/main.ts': 'a server that runs until stopped',
  'PORT=4103 node subgraphs/news/src/main.ts': 'a server that runs until stopped',
  'PORT=4104 node subgraphs/access/src/main.ts': 'a server that runs until stopped',
  'PORT=4000 SERVICES_URL=http://127.0.0.1:4101/services/graphql STATISTICS_URL=http://127.0.0.1:4102/statistics/graphql NEWS_URL=http://127.0.0.1:4103/news/graphql ACCESS_URL=http://127.0.0.1:4104/access/graphql NODE_OPTIONS=--max-semi-space-size=8 node gateway/src/main.ts':
    'a server that runs until stopped',
  'pnpm typecheck': 'part of pnpm test',
  'pnpm lint': 'part of pnpm test',
  'pnpm codegen': 'part of pnpm typecheck',
  'pnpm format': 'rewrites the sources',
  'pnpm compose': 'rewrites gateway/supergraph.graphql; a test fails when the committed one is stale',
  'pnpm bench': 'a benchmark of minutes; .ci/run runs pnpm bench --quick',
  'pnpm bench --quick': 'a benchmark; .ci/run runs it after the tests',
  'pnpm bench:auth': 'a benchmark',
  'pnpm bench:series': 'a benchmark',
  'pnpm bench:partitions [--template <database>] [--sizes 1000000,5000000] [--runs 5]':
    'a benchmark of minutes on clones of pnpm bench’s template database (a synopsis: the options in brackets)',
  'pnpm statistics:partitions archive --before 2022-01 --to <directory>':
    'a synopsis that removes the reader’s facts; tests/statistics-partitions.test.ts archives a month',
  'pnpm bench:renditions': 'a benchmark of a few minutes of speech synthesis',
  'pnpm bench:import [rows…]': 'a benchmark of minutes (a synopsis: the row counts in brackets)',
  'pnpm test:resilience': 'a suite of minutes that starts and kills its own processes; .ci/run runs it',
  'pnpm start:hive': 'runs until stopped; the GATEWAY_ENGINE=hive test run goes through the same engine',
  'GATEWAY_ENGINE=hive pnpm test:jest -- tests/catalog.test.ts tests/news.test.ts tests/access.test.ts':
    'end-to-end tests of minutes, the same ones pnpm test runs through the Apollo gateway',
  'pnpm test:resilience -- tests/resilience/replicas.test.ts tests/resilience/read-replica.test.ts':
    'part of pnpm test:resilience, which .ci/run runs',
  'pnpm deploy:render':
    'rewrites deploy/kubernetes/motcua.yaml; tests/deploy.test.ts fails when the committed one is stale',
  'pnpm catalog:import services.json':
    'needs a JSON file of the reader’s; the CSV form is run with the README’s CSV',
  'pnpm catalog:import': 'the name of the command; its forms with a file are listed on their own',
  'pnpm statistics:import': 'the name of the command; its form with a file is listed on its own',
  'pnpm statistics:import figures.csv --source motcua-illustrative [--replace]':
    'a synopsis (the option in brackets); tests/statistics-import-hub.test.ts runs the command line',
  'pnpm catalog:import synonyms.csv':
    'needs a file of the reader’s; tests/search-relevance.test.ts imports one',
  'pnpm webhooks:worker': 'a worker that runs until stopped (tests/webhooks-crash.test.ts starts it)',
  'curl -s http://127.0.0.1:4000/articles/<slug>':
    'a synopsis: needs an article’s slug; tests/webhooks.test.ts reads a page',
  'pnpm trusted-documents <out.json> <file.graphql…>': 'a synopsis; the concrete form is run',
  'curl -sI http://127.0.0.1:4000/articles/<slug>/audio.mp3':
    'a synopsis: needs a published article’s slug and its renditions, which tests leave off; tests/renditions.test.ts fetches both',
  "curl -s 'http://127.0.0.1:4000/exports/usage.csv?from=2025-07&to=2025-12&dimensions=UNIT,SERVICE,MONTH&unitCode=01' -H 'x-api-key: mc_demo-analyst_development-only-key' -o usage.csv":
    'writes a CSV file, not JSON; tests/statistics-exports.test.ts downloads and parses the same export',
};

/** Commands beginning so, with the reason: a multi-line command the reader runs and stops, or one that needs what only the reader has. */
const EXEMPT_COMMAND_PREFIXES: Record<string, string> = {
  'cd subgraphs/news && WEBHOOK_SECRET=whsec_… ':
    'a webhook receiver that runs until stopped, with the reader’s secret; tests/webhooks.test.ts verifies with the same library',
  "curl -s http://127.0.0.1:4000/graphql -H 'content-type: application/json' -H 'x-api-key: mc_demo-partner_hanoimoi-development-only' -d '{\"query\":\"mutation ($id: ID!) { verifyWebhookEndpoint":
    'needs the id of the endpoint the reader registered; tests/webhooks.test.ts verifies endpoints',
  "curl -s http://127.0.0.1:4000/graphql -H 'content-type: application/json' -H 'x-api-key: mc_demo-partner_hanoimoi-development-only' -d '{\"query\":\"mutation { registerWebhookEndpoint":
    'registers the reader’s receiver on port 5390, which must be running; tests/webhooks.test.ts registers endpoints',
};

const exemptCommand = (command: string) =>
  EXEMPT_COMMANDS[command] ??
  Object.entries(EXEMPT_COMMAND_PREFIXES).find(([prefix]) => command.startsWith(prefix))?.[1];

/** GraphQL in the README that is a signature, not a query. */
const EXEMPT_GRAPHQL: Record<string, string> = {
  [`{
  webhookEndpoints { id url status statusReason secrets { prefix expiresAt } }
  webhookDeliveries(endpointId: "<endpoint id>", status: FAILED, first: 20) {
    totalCount nodes { id itemId cursor eventType status reason nextAttemptAt attempts { at statusCode durationMs error } }
  }
}`]:
    'needs the id of an endpoint the reader registered; tests/webhooks.test.ts lists deliveries and attempts',
  'mutation { upsertServices(services: [ServiceInput!]!) { created updated unchanged } }':
    'the mutation’s signature (argument types); tests/catalog-import.test.ts runs it',
  '{ errors: [{ message, extensions: { code: "RATE_LIMITED", retryAfterSeconds } }] }':
    'the shape of a refusal, not a query; tests/abuse.test.ts checks it',
};

type Snippet = { text: string; fenced: boolean; lang?: string };

function snippets(tokens: Token[]): Snippet[] {
  return tokens.flatMap((token): Snippet[] => {
    if (token.type === 'code') return [{ text: token.text, fenced: true, lang: token.lang }];
    if (token.type === 'codespan') {
      // marked keeps entities in code spans; the reader sees (and pastes) the characters.
      const text = token.text
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&#39;', "'");
      return [{ text: text.replace(/\s+/g, ' ').trim(), fenced: false }];
    }
    const children = [
      ...('tokens' in token && Array.isArray(token.tokens) ? token.tokens : []),
      ...('items' in token && Array.isArray(token.items) ? token.items : []),
      ...('rows' in token && Array.isArray(token.rows)
        ? token.rows.flat().flatMap((cell: { tokens: Token[] }) => cell.tokens)
        : []),
      ...('header' in token && Array.isArray(token.header)
        ? token.header.flatMap((cell: { tokens: Token[] }) => cell.tokens)
        : []),
    ] as Token[];
    return snippets(children);
  });
}

const all = snippets(marked.lexer(README));

const graphqlExamples = [
  ...all.filter((snippet) => snippet.lang === 'graphql').map((snippet) => snippet.text),
  ...all
    .filter(
      (snippet) =>
        // `{ "…` is JSON (a file's or a payload's shape): a GraphQL selection never starts with a string.
        !snippet.fenced &&
        /^(\{ |query\b|mutation\b)/.test(snippet.text) &&
        !snippet.text.startsWith('{ "') &&
        snippet.text.endsWith('}'),
    )
    .map((snippet) => snippet.text),
];

/** Shell lines of the `sh` blocks (continuations joined) and inline commands. */
const commands = [
  ...all
    .filter((snippet) => snippet.lang === 'sh')
    .flatMap((snippet) =>
      snippet.text
        .replace(/\\\n\s*/g, '')
        .split('\n')
        // A quoted argument may run over several lines: one command until its single quotes close.
        .reduce<string[]>((lines, line) => {
          const last = lines.at(-1);
          if (last !== undefined && (last.split("'").length - 1) % 2 === 1)
            lines[lines.length - 1] = `${last}\n${line}`;
          else lines.push(line);
          return lines;
        }, [])
        .filter((line) => !line.trimStart().startsWith('#'))
        .map((line) =>
          line
            .replace(/\s+#.*$/, '')
            .replace(/\s+/g, ' ')
            .trim(),
        )
        .filter(Boolean),
    ),
  ...all
    .filter((snippet) => !snippet.fenced && /^(pnpm|curl|node|openssl) \S/.test(snippet.text))
    .map((snippet) => snippet.text),
];
const uniqueCommands = [...new Set(commands)];

let graph: TestHub;
let work: string;

beforeAll(async () => {
  graph = await startTestHub();
  work = mkdtempSync(join(tmpdir(), 'motcua-readme-'));
});

afterAll(async () => {
  await graph?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs one shell command as the reader would, in the repository, on the test hub's database and gateway. */
async function run(command: string, cwd = ROOT) {
  const pnpmFolder = process.env.npm_execpath ? dirname(process.env.npm_execpath) : '';
  const pasted = command.replaceAll('http://127.0.0.1:4000', graph.hub.gatewayOrigin);
  return promisify(execFile)('bash', ['-c', pasted], {
    cwd,
    timeout: 180_000,
    env: {
      PATH: [join(ROOT, 'node_modules/.bin'), pnpmFolder, process.env.PATH].filter(Boolean).join(':'),
      HOME: process.env.HOME ?? work,
      DATABASE_URL: graph.databaseUrl,
      LOG_LEVEL: 'silent',
    },
  });
}

const PERSONAS: Persona[] = ['PUBLIC', 'ANALYST', 'PARTNER', 'EDITOR', 'DATA_OFFICER', 'ADMIN'];

describe('the README', () => {
  it('has examples and commands to run', () => {
    expect(graphqlExamples.length).toBeGreaterThan(10);
    expect(uniqueCommands.length).toBeGreaterThan(20);
  });

  it.each(graphqlExamples.map((example) => [example.replace(/\s+/g, ' ').slice(0, 90), example]))(
    'GraphQL example %s answers without errors',
    async (_, example) => {
      if (EXEMPT_GRAPHQL[example]) return;
      expect(() => parse(example)).not.toThrow();
      // The example says who may run it; the first role it answers for without errors is who it is for.
      const tried: string[] = [];
      for (const persona of PERSONAS) {
        const { errors } = await (await graph.as(persona)).rawRequest(example).catch(refusal);
        if (!errors) return;
        tried.push(
          `${persona}: ${errors.map((error) => `${error.extensions?.code} ${error.message}`).join('; ')}`,
        );
      }
      throw new Error(`no role runs it without errors:\n${tried.join('\n')}`);
    },
  );

  it('lists every exempt command and example it still has', () => {
    for (const command of Object.keys(EXEMPT_COMMANDS)) expect(uniqueCommands).toContain(command);
    for (const prefix of Object.keys(EXEMPT_COMMAND_PREFIXES)) {
      expect(uniqueCommands.some((command) => command.startsWith(prefix))).toBe(true);
    }
    for (const example of Object.keys(EXEMPT_GRAPHQL)) expect(graphqlExamples).toContain(example);
  });

  const runnable = uniqueCommands.filter((command) => !exemptCommand(command));

  it.each(
    runnable
      .filter((command) => command.startsWith('curl '))
      .map((command) => [command.slice(0, 90), command]),
  )('curl %s answers without errors', async (_, command) => {
    // The files a curl sends (`--data-binary @figures.csv`) are written by the README's printf lines, in `work`.
    for (const line of runnable.filter((candidate) => candidate.startsWith('printf '))) await run(line, work);
    const { stdout } = await run(command, work);
    const answer = JSON.parse(stdout);
    expect(answer.errors).toBeUndefined();
    // The graph answers with data; the other routes (health, bulk imports) with their own JSON.
    if (command.includes('/graphql')) expect(answer.data).toBeTruthy();
    else expect(Object.keys(answer).length).toBeGreaterThan(0);
  });

  it.each(runnable.filter((command) => command.startsWith('openssl ')).map((command) => [command]))(
    '%s runs',
    async (command) => {
      // The two commands make a key pair: the first writes the private key the second reads.
      writeFileSync(
        join(work, 'signing.pem'),
        (await run('openssl genpkey -algorithm ed25519', work)).stdout,
      );
      const { stdout } = await run(command, work);
      expect(stdout).toMatch(/-----BEGIN (PRIVATE|PUBLIC) KEY-----/);
    },
  );

  /** How each pnpm command of the README is run: as written, with the files it names made in a folder of its own. */
  async function runPnpm(command: string) {
    let pasted = command.replace(/^pnpm /, 'pnpm --silent ');
    if (command === 'pnpm catalog:import services.csv') {
      const csv = all.find((snippet) => snippet.lang === 'csv')?.text as string;
      writeFileSync(join(work, 'services.csv'), `${csv}\n`);
      pasted = pasted.replace('services.csv', join(work, 'services.csv'));
    }
    if (command.startsWith('pnpm trusted-documents')) {
      // The portal's own operations, one named operation a file: the README's service page stands in for them.
      mkdirSync(join(work, 'src/queries'), { recursive: true });
      writeFileSync(
        join(work, 'src/queries/service.graphql'),
        'query ServicePage { service(code: "1.001193") { name } }\n',
      );
      pasted = pasted
        .replace('manifest.json', join(work, 'manifest.json'))
        .replace('src/queries/', join(work, 'src/queries/'));
    }
    if (command.startsWith('pnpm keys revoke')) {
      const created = await run('pnpm --silent keys create --role ANALYST --owner "README"');
      pasted = pasted.replace('<id>', created.stdout.match(/^Key (\S+) for/)?.[1] ?? '');
    }
    const { stdout } = await run(pasted);
    if (!stdout.trim()) throw new Error('printed nothing');
  }

  const pnpmCommands = () => runnable.filter((command) => command.startsWith('pnpm '));

  it('runs every pnpm command it shows (the CSV import with its CSV example)', async () => {
    expect(pnpmCommands()).toEqual(
      expect.arrayContaining([
        'pnpm catalog:import services.csv',
        'pnpm keys list',
        'pnpm staff-token EDITOR',
      ]),
    );
    // One after another: those on the database migrate it at start, and would wait on each other's locks.
    const failed: string[] = [];
    for (const command of pnpmCommands()) {
      await runPnpm(command).catch((error: Error & { stderr?: string }) =>
        failed.push(`${command}: ${error.message} ${error.stderr ?? ''}`),
      );
    }
    expect(failed).toEqual([]);
    // Seven processes that each load the hub's modules: a minute or two on a busy machine, seconds on an idle one.
  }, 400_000);

  it('the client example (the ts block) runs against the hub as written', async () => {
    const example = all.find((snippet) => snippet.lang === 'ts')?.text as string;
    expect(example).toContain('@motcua/client');
    // Written beside the tests, so that it resolves @motcua/client as a reader's workspace package would.
    const file = join(ROOT, 'tests', `.readme-example-${process.pid}.ts`);
    writeFileSync(file, example.replaceAll('http://127.0.0.1:4000', graph.hub.gatewayOrigin));
    try {
      await run(`node ${file}`);
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);

  it('runs or exempts every command', () => {
    const covered = (command: string) => /^(curl|openssl|pnpm|printf) /.test(command);
    expect(runnable.filter((command) => !covered(command))).toEqual([]);
  });
});
