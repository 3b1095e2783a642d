import type { ApolloServerPlugin } from '@apollo/server';
import { userError } from '@motcua/errors';
import { MAX_PAGE_SIZE } from '@motcua/paging';
import type { Role } from '@motcua/roles';
import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isIntrospectionType,
  isListType,
  isObjectType,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { variablesAcceptable } from './argument-rules.ts';
import { argumentPrice, FIELD_PRICES, listSizeOf } from './field-prices.ts';

/**
 * The size assumed for a list the query cannot bound (no `first`): most such lists in the graph are short (a
 * service's fees, documents, channels; a breakdown by channel), and 10 keeps a nested list of lists visible in the
 * cost without refusing the ordinary ones.
 */
export const ASSUMED_LIST_SIZE = 10;

/**
 * How much one query may cost, per role. The costliest query a public portal makes in the tests, a full page of
 * 100 services with their agencies, usage and 3 articles each, costs 3,801; partners page their feed in bulk; staff
 * and analysts run reports over whole provinces a portal never needs.
 */
export const COST_BUDGETS: Record<Role, number> = {
  PUBLIC: 5_000,
  PARTNER: 10_000,
  ANALYST: 25_000,
  EDITOR: 25_000,
  DATA_OFFICER: 25_000,
  ADMIN: 25_000,
};

/**
 * The types a field with a `first` argument returns (connections, the partner feed): a list on them is the page
 * that `first` already counted, so it is not multiplied again.
 */
function pageTypes(schema: GraphQLSchema): Set<string> {
  const pages = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const paged = field.args.some((arg) => arg.name === 'first');
      if (paged && !isListType(getNullableType(field.type))) pages.add(getNamedType(field.type).name);
    }
  }
  return pages;
}

const pagesBySchema = new WeakMap<GraphQLSchema, Set<string>>();

function listSizeEstimator(schema: GraphQLSchema): ComplexityEstimator {
  let pages = pagesBySchema.get(schema);
  if (!pages) {
    pages = pageTypes(schema);
    pagesBySchema.set(schema, pages);
  }
  const pageTypeNames = pages;
  return ({ type, field, args, childComplexity }) => {
    // Introspection is answered by the gateway from memory, never by a subgraph.
    if (isIntrospectionType(type) || field.name.startsWith('__')) return 0;
    const coordinate = `${type.name}.${field.name}`;
    // Ranges and searches cost what they read, whatever they select (see `field-prices.ts`).
    const reads = argumentPrice(coordinate, args);
    if (field.args.some((arg) => arg.name === 'first')) {
      // A negative `first` would subtract the cost of its siblings, and a null one gets the resolver's default
      // page: the estimate takes no less than 0 items, and the largest page for null.
      const first = args.first;
      return 1 + reads + (typeof first === 'number' ? Math.max(0, first) : MAX_PAGE_SIZE) * childComplexity;
    }
    if (isListType(getNullableType(field.type)) && !pageTypeNames.has(type.name)) {
      return 1 + reads + listSizeOf(coordinate, args, ASSUMED_LIST_SIZE) * childComplexity;
    }
    // A list written as one string (a CSV export) reads its rows all the same.
    if (FIELD_PRICES[coordinate]?.listSize !== undefined) {
      return 1 + reads + listSizeOf(coordinate, args, ASSUMED_LIST_SIZE) + childComplexity;
    }
    return 1 + reads + childComplexity;
  };
}

/** The estimated cost of one operation: 1 per field, children multiplied by the size of the list they sit in. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [listSizeEstimator(schema)],
  });
}

export type QueryCost = { requested: number; budget: number };

/**
 * Costs already estimated, by document (Apollo hands the same parsed document to every request with the same text)
 * and by operation and variables: a portal sends the same few queries all day, and walking one to weigh it was a
 * noticeable share of the gateway's time.
 */
const estimated = new WeakMap<DocumentNode, LRUCache<string, number>>();

function cachedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  let byVariables = estimated.get(document);
  if (!byVariables) {
    byVariables = new LRUCache({ max: 100 });
    estimated.set(document, byVariables);
  }
  const key = `${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
  let cost = byVariables.get(key);
  if (cost === undefined) {
    cost = queryCost(schema, document, variables, operationName);
    byVariables.set(key, cost);
  }
  return cost;
}

/**
 * What one operation costs against the caller's budget, or a QUERY_TOO_COSTLY refusal when it costs more: once it
 * is parsed and validated and before any subgraph is called, whichever engine runs the plan. Undefined for
 * variables `checkRequest` refuses: coercing them to weigh them is the very cost refused.
 */
export function checkCost(
  budgets: Record<Role, number>,
  role: Role,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): QueryCost | undefined {
  if (!variablesAcceptable(variables)) return undefined;
  const budget = budgets[role];
  let requested: number;
  try {
    requested = cachedQueryCost(schema, document, variables, operationName);
  } catch (error) {
    // The estimate stops only on variables that do not fit their types or on a query too large to walk.
    throw userError('BAD_USER_INPUT', (error as Error).message, { http: { status: 400 } });
  }
  if (requested > budget) {
    throw userError(
      'QUERY_TOO_COSTLY',
      `This query costs ${requested}, more than the budget of ${budget} for ${role} callers: ask for fewer items (a smaller \`first\`) or split it`,
      { cost: { requested, budget }, http: { status: 400 } },
    );
  }
  return { requested, budget };
}

/**
 * `checkCost` on every request of the Apollo gateway; an accepted one reports its cost in `extensions.cost` so
 * clients can tune their queries.
 */
export function queryCostPlugin<TContext extends object>(
  budgets: Record<Role, number>,
  roleOf: (context: TContext) => Role,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let cost: QueryCost | undefined;
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          cost = checkCost(
            budgets,
            roleOf(contextValue),
            schema,
            document,
            request.variables,
            request.operationName,
          );
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
