// The hub's own rules on what a query may be and cost, which the Apollo gateway applies in its plugins, as a Hive
// (envelop) plugin: the same functions (`queryLimits`, `checkRequest`, `checkCost`), only the hooks differ.
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { checkCost, checkRequest, type QueryCost, queryLimits, withoutSuggestions } from '@motcua/gateway';
import type { Role } from '@motcua/roles';
import {
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  NoSchemaIntrospectionCustomRule,
  parse,
} from 'graphql';

export type HubRulesOptions<TContext> = {
  /** The most one query may cost, per role. */
  costBudgets: Record<Role, number>;
  roleOf: (context: TContext) => Role;
  /** Introspection and "Did you mean …?" suggestions (off in production). */
  introspection: boolean;
};

const isSingle = (result: unknown): result is ExecutionResult =>
  typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);

/**
 * Shape limits (depth, aliases, directives, tokens), introspection in production, the argument rules and the
 * caller's cost budget, all refused before any subgraph is called; an accepted query reports `extensions.cost`.
 */
export function hubRulesPlugin<TContext>({
  costBudgets,
  roleOf,
  introspection,
}: HubRulesOptions<TContext>): GatewayPlugin {
  const limits = queryLimits({ fieldSuggestions: introspection });
  const rules = [...limits.validationRules, ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parse(source, { ...options, ...limits.parseOptions }));
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const { schema, document, variableValues, operationName, contextValue } = args;
      const variables = (variableValues ?? undefined) as Record<string, unknown> | undefined;
      let cost: QueryCost | undefined;
      try {
        const operation = getOperationAST(document, operationName) ?? undefined;
        checkRequest(schema, document, operation, variables, operationName ?? undefined);
        cost = checkCost(
          costBudgets,
          roleOf(contextValue as TContext),
          schema,
          document,
          variables,
          operationName ?? undefined,
        );
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [error] });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!isSingle(result)) return;
          setResult({
            ...result,
            ...(result.errors && { errors: result.errors.map(asTheHubNamesIt) }),
            ...(cost && { extensions: { ...result.extensions, cost } }),
          });
        },
      };
    },
    ...(!introspection && {
      onResultProcess({ result, setResult }) {
        if (!isSingle(result) || !result.errors?.length) return;
        setResult({
          ...result,
          errors: result.errors.map(
            (error) =>
              new GraphQLError(withoutSuggestions(error.message), {
                nodes: error.nodes,
                path: error.path,
                extensions: error.extensions,
              }),
          ),
        });
      },
    }),
  };
}

/**
 * Hive names the subgraph on every error it passes on; the hub names a part only when it is UNAVAILABLE (Hive's
 * SUBREQUEST_HTTP_ERROR: the part did not answer), so that a client reading `serviceName` learns of a part that is
 * down and nothing else of the graph's layout, and sees the same code whichever engine runs.
 */
function asTheHubNamesIt(error: GraphQLError): GraphQLError {
  const { serviceName, ...extensions } = error.extensions ?? {};
  if (serviceName === undefined || extensions.code === 'UNAVAILABLE') return error;
  const unavailable = extensions.code === 'SUBREQUEST_HTTP_ERROR';
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: unavailable ? { ...extensions, code: 'UNAVAILABLE', serviceName } : extensions,
  });
}
