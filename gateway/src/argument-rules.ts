import type { ApolloServerPlugin } from '@apollo/server';
import { badUserInput } from '@motcua/errors';
import { checkArgument, checkRangeLength, cleanText, searchText } from '@motcua/inputs';
import { cursorLooksIssued, MAX_PAGE_SIZE } from '@motcua/paging';
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
const pageSize = (largest: number) =>
  z
    .number()
    .int()
    .check((ctx) => {
      if (ctx.value < 0 || ctx.value > largest) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `must be between 0 and ${largest} (got ${ctx.value})`,
        });
      }
    });

/**
 * Lists whose page may be larger than MAX_PAGE_SIZE, by schema coordinate: a ranking is read from pre-aggregated
 * figures and a province's communes (126 in Hà Nội) must fit one page to be ranked together.
 */
export const LARGER_PAGES: Record<string, number> = { 'Query.usageRanking': 500 };

const LARGER_PAGE_RULES = Object.fromEntries(
  Object.entries(LARGER_PAGES).map(([coordinate, largest]) => [coordinate, pageSize(largest)]),
);

export const ARGUMENT_RULES: Record<string, z.ZodType> = {
  first: pageSize(MAX_PAGE_SIZE),
  search: searchText,
  // Shaped as the hub's cursors are (see `cursorLooksIssued`); the subgraph checks it against its list.
  after: z
    .string()
    .refine(
      (cursor) => cursor === '' || cursorLooksIssued(cursor),
      'is not a cursor returned by this list; pass an `endCursor` from a previous page',
    ),
};

/**
 * The shape of variables checked before graphql-js coerces them: its error for an input object with unknown fields
 * spells out the whole object once per field, so 1,000 unknown keys cost the gateway 9 s and 4,000 cost 87 s
 * (quadratic). No input type of the graph nests deeper or has more fields than this.
 */
export const VARIABLE_LIMITS = { depth: 20, keysPerObject: 100 } as const;

function checkStrings(value: unknown, path: string, depth = 0): void {
  if (depth > VARIABLE_LIMITS.depth) {
    throw badUserInput(`\`${path}\` is nested deeper than ${VARIABLE_LIMITS.depth} levels`);
  }
  if (typeof value === 'string') checkArgument(cleanText, value, path);
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkStrings(item, `${path}[${index}]`, depth + 1);
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length > VARIABLE_LIMITS.keysPerObject) {
      throw badUserInput(
        `\`${path}\` has ${entries.length} fields; no input of this graph has more than ${VARIABLE_LIMITS.keysPerObject}`,
      );
    }
    for (const [key, item] of entries) {
      checkArgument(cleanText, key, path);
      checkStrings(item, `${path}.${key}`, depth + 1);
    }
  }
}

/** Refuses variables beyond VARIABLE_LIMITS or holding a string no part of the hub can take. */
export function checkVariables(variables: Record<string, unknown> = {}): void {
  for (const [name, value] of Object.entries(variables)) {
    checkArgument(cleanText, name, 'a variable name');
    checkStrings(value, `$${name}`);
  }
}

/** Whether `checkVariables` lets these variables through: other plugins must not coerce any other. */
export function variablesAcceptable(variables: Record<string, unknown> | undefined): boolean {
  try {
    checkVariables(variables);
    return true;
  } catch {
    return false;
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
  checkVariables(variables);
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue(node) {
        checkArgument(cleanText, node.value, typeInfo.getArgument()?.name ?? 'a string');
      },
      Field(node) {
        // A range of months longer than statistics reads is refused here, before it is priced or sent.
        const field = typeInfo.getFieldDef();
        if (!field?.args.some((argument) => argument.name === 'from')) return;
        const argumentValue = (name: string) => {
          const argument = field.args.find((candidate) => candidate.name === name);
          const written = node.arguments?.find((candidate) => candidate.name.value === name);
          return argument && written ? valueFromAST(written.value, argument.type, variables) : undefined;
        };
        const [from, to] = [argumentValue('from'), argumentValue('to')];
        if (typeof from === 'string' && typeof to === 'string') checkRangeLength(from, to);
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        const coordinate = `${typeInfo.getParentType()?.name}.${typeInfo.getFieldDef()?.name}`;
        const rule =
          argument &&
          ((argument.name === 'first' && LARGER_PAGE_RULES[coordinate]) || ARGUMENT_RULES[argument.name]);
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
 * `checkOperation` and `checkArguments` for one request once its operation is resolved, before its plan runs; a
 * refusal is a client error with its status, whichever engine runs the plan (Apollo's or Hive's).
 */
export function checkRequest(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): void {
  checkOperation(document, operation, operationName);
  try {
    checkArguments(schema, document, variables ?? {});
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    // The whole request is refused, before any part of it runs: a client error, with its status.
    throw new GraphQLError(error.message, {
      extensions: { ...error.extensions, http: { status: 400 } },
    });
  }
}

/** `checkRequest` on every request of the Apollo gateway. */
export function argumentRulesPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          checkRequest(schema, document, operation ?? undefined, request.variables, request.operationName);
        },
      };
    },
  };
}
