import { SUBGRAPH_NAMES, type SubgraphName } from '@motcua/config';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { REQUEST_ID_HEADER, requestIds } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import { credentials, headersOf, type Persona, type TestHub } from './test-hub.ts';

/**
 * Sending one operation and keeping the SQL it cost, per subgraph. Each operation carries a request id of its
 * own, which the gateway forwards to every subgraph it calls and each subgraph keeps in scope while it serves the
 * request (`requestIds`), so statements are filed by the request that sent them and operations may run at once.
 */

/** Where an operation goes: through the gateway as a persona, or straight to one subgraph, signed as the gateway signs. */
export type Target = { persona: Persona } | { subgraph: SubgraphName; caller: Caller };

export const describeTarget = (target: Target) =>
  'persona' in target ? `the gateway as ${target.persona}` : `the ${target.subgraph} subgraph directly`;

export type GraphQLErrorBody = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
};

export type Statements = Record<SubgraphName, string[]>;

export type Answer = {
  data: unknown;
  errors: GraphQLErrorBody[];
  /** The statements each subgraph sent while answering. */
  statements: Statements;
};

export type Counts = Record<SubgraphName, number>;

export const countsOf = (answer: Answer): Counts =>
  Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, answer.statements[name].length])) as Counts;

const noStatements = () =>
  Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, []])) as unknown as Statements;

/**
 * Statements filed by request id, for the requests the sender has open. A statement under an id the test did not
 * send comes from a request a subgraph made itself (statistics asking the catalog whether service codes exist):
 * it belongs to the one request open, if only one is; with several open it cannot be told, and fails the request.
 */
export function statementLog() {
  const open = new Map<string, Statements>();
  const stray: string[] = [];
  return {
    /** The test hub's `onSql`. */
    onSql: (subgraph: SubgraphName, statement: string) => {
      const id = requestIds.getStore();
      const [only] = open.size === 1 ? open.values() : [];
      const statements = (id === undefined ? undefined : open.get(id)) ?? only;
      if (statements) statements[subgraph].push(statement);
      else if (open.size) stray.push(`${subgraph} (request ${id ?? 'unknown'}): ${statement}`);
    },
    open: (id: string) => open.set(id, noStatements()),
    close: (id: string): Statements => {
      const statements = open.get(id) ?? noStatements();
      open.delete(id);
      if (stray.length) {
        throw new Error(
          `Statements of no known request were sent while several were open:\n${formatStatements(stray.splice(0))}`,
        );
      }
      return statements;
    },
  };
}

export type StatementLog = ReturnType<typeof statementLog>;

export type Send = (target: Target, query: string, variables?: Record<string, unknown>) => Promise<Answer>;

export function createSender(graph: TestHub, log: StatementLog): Send {
  // Staff tokens live hours: one per persona for the whole file. Identities live a minute: one per request.
  const personaHeaders = new Map<Persona, Promise<Record<string, string>>>();
  const headersFor = async (target: Target): Promise<Record<string, string>> => {
    if ('persona' in target) {
      let headers = personaHeaders.get(target.persona);
      if (!headers) {
        headers = headersOf(target.persona);
        personaHeaders.set(target.persona, headers);
      }
      return headers;
    }
    return {
      [IDENTITY_HEADER]: await signIdentity(target.caller, credentials.signingKey, target.subgraph),
    };
  };
  let sent = 0;
  return async (target, query, variables = {}) => {
    const url = 'persona' in target ? graph.hub.url : graph.hub.subgraphUrls[target.subgraph];
    const id = `sql-budget-${++sent}`;
    const headers = {
      'content-type': 'application/json',
      [REQUEST_ID_HEADER]: id,
      ...(await headersFor(target)),
    };
    log.open(id);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      text = await response.text();
    } catch (error) {
      log.close(id);
      throw error;
    }
    // Every statement of the request is sent before its answer: a subgraph answers once its resolvers are done.
    const statements = log.close(id);
    let body: { data?: unknown; errors?: GraphQLErrorBody[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(
        `${describeTarget(target)} answered HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`,
      );
    }
    return { data: body.data ?? null, errors: body.errors ?? [], statements };
  };
}

/** The statements of `probe` that `base` did not send too (a multiset difference): what the probed field cost. */
export function added(probe: readonly string[], base: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const statement of base) left.set(statement, (left.get(statement) ?? 0) + 1);
  return probe.filter((statement) => {
    const count = left.get(statement) ?? 0;
    if (count === 0) return true;
    left.set(statement, count - 1);
    return false;
  });
}

/** A statement's shape: its literals and parameters blanked, so the same query for other keys reads as one. */
const shapeOf = (statement: string) =>
  statement
    .replace(/\s+/g, ' ')
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(\.\d+)?\b/g, '?')
    .trim();

/** Statements for a failure message: one line per shape, with how many times it was sent and one example. */
export function formatStatements(statements: readonly string[], indent = '      '): string {
  if (statements.length === 0) return `${indent}(none)`;
  const shapes = new Map<string, { count: number; example: string }>();
  for (const statement of statements) {
    const shape = shapeOf(statement);
    const entry = shapes.get(shape) ?? { count: 0, example: statement.replace(/\s+/g, ' ').trim() };
    entry.count += 1;
    shapes.set(shape, entry);
  }
  return [...shapes.values()]
    .map(({ count, example }) => {
      const text = example.length > 600 ? `${example.slice(0, 600)} …` : example;
      return `${indent}${count}× ${text}`;
    })
    .join('\n');
}

/** Errors of an answer, for a failure message. */
export const formatErrors = (errors: readonly GraphQLErrorBody[]) =>
  errors
    .map(
      (error) =>
        `${error.extensions?.code ?? 'ERROR'} at ${error.path?.join('.') ?? '(root)'}: ${error.message}`,
    )
    .join('\n      ');

/** How many objects selected `__typename` in an answer: the parents a base query reached. */
export function countTyped(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + countTyped(item), 0);
  if (data === null || typeof data !== 'object') return 0;
  let count = '__typename' in data ? 1 : 0;
  for (const [key, value] of Object.entries(data)) if (key !== '__typename') count += countTyped(value);
  return count;
}
