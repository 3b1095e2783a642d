import type { ApolloServerPlugin } from '@apollo/server';
import { badUserInput } from '@motcua/errors';
import { checkArgument, cleanText, searchText } from '@motcua/inputs';
import { MAX_PAGE_SIZE } from '@motcua/paging';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { z } from 'zod';

/**
 * The rules every argument of that name obeys, wherever it appears in the graph: checked at the gateway once the
 * operation is resolved and before any subgraph is called, so a page too large or a search too costly never
 * reaches one. The subgraphs check the same rules again (`toPage`, `searchConditions`) for anyone calling them
 * directly.
 */
export const ARGUMENT_RULES: Record<string, z.ZodType> = {
  first: z
    .number()
    .int()
    .check((ctx) => {
      if (ctx.value < 0 || ctx.value > MAX_PAGE_SIZE) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `must be between 0 and ${MAX_PAGE_SIZE} (got ${ctx.value})`,
        });
      }
    }),
  search: searchText,
  // A cursor is base64url of a short sort key; anything longer was not issued by the hub.
  after: z
    .string()
    .max(1_000, 'is not a cursor returned by this list; pass an `endCursor` from a previous page'),
};

/** The deepest a variable's value is walked for strings to check; deeper values are refused. */
const MAX_VARIABLE_DEPTH = 20;

function checkStrings(value: unknown, path: string, depth = 0): void {
  if (depth > MAX_VARIABLE_DEPTH) {
    throw badUserInput(`\`${path}\` is nested deeper than ${MAX_VARIABLE_DEPTH} levels`);
  }
  if (typeof value === 'string') checkArgument(cleanText, value, path);
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkStrings(item, `${path}[${index}]`, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      checkArgument(cleanText, key, path);
      checkStrings(item, `${path}.${key}`, depth + 1);
    }
  }
}

/**
 * Refuses, with BAD_USER_INPUT naming the argument, an operation whose arguments break ARGUMENT_RULES or hold a
 * string no part of the hub can take (a NUL, a lone surrogate), in variables or written in the query.
 */
export function checkArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): void {
  for (const [name, value] of Object.entries(variables)) checkStrings(value, `$${name}`);
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue(node) {
        checkArgument(cleanText, node.value, typeInfo.getArgument()?.name ?? 'a string');
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        const rule = argument && ARGUMENT_RULES[argument.name];
        if (!argument || !rule) return;
        const value = valueFromAST(node.value, argument.type, variables);
        if (value === undefined || value === null) return;
        checkArgument(rule, value, argument.name);
      },
    }),
  );
}

/**
 * The operation a request names, or a 400 saying why there is none to run: graphql-js leaves Apollo Gateway to
 * fail on a document with several operations and no `operationName`, an unknown `operationName`, or a
 * subscription (the graph serves none), which answered 500.
 */
function checkOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  operationName: string | undefined,
): void {
  const refuse = (code: string, message: string) => {
    throw new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
  };
  if (!operation) {
    const names = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? '(unnamed)'] : [],
    );
    if (operationName == null) {
      refuse(
        'OPERATION_RESOLUTION_FAILURE',
        `The document holds ${names.length} operations (${names.join(', ')}): name the one to run in \`operationName\``,
      );
    }
    refuse(
      'OPERATION_RESOLUTION_FAILURE',
      `No operation is named ${JSON.stringify(operationName)} in the document (it holds ${names.join(', ') || 'none'})`,
    );
  }
  if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
    refuse(
      'BAD_USER_INPUT',
      'Subscriptions are not served: this graph answers queries and mutations (partners pull their feed, or receive pushes)',
    );
  }
}

/**
 * Applies `checkOperation` and `checkArguments` to every request once its operation is resolved, before its plan
 * runs.
 */
export function argumentRulesPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          checkOperation(document, operation, request.operationName);
          try {
            checkArguments(schema, document, request.variables ?? {});
          } catch (error) {
            if (!(error instanceof GraphQLError)) throw error;
            // The whole request is refused, before any part of it runs: a client error, with its status.
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
