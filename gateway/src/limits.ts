import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * The shape one query may have, checked before any subgraph is called (graphql-armor): nesting depth, aliases,
 * tokens and directives. The limits leave room for every query a portal needs (the deepest in the tests nests 7
 * levels) and refuse the shapes used to exhaust a server. What a query costs is weighed per role in
 * `query-cost.ts`.
 */
export const QUERY_LIMITS = { depth: 10, aliases: 15, tokens: 2_000, directives: 50 } as const;

/** `fieldSuggestions`: "Did you mean …?" in validation errors; on for development, off in production. */
export function queryLimits({ fieldSuggestions }: { fieldSuggestions: boolean }) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth },
    maxAliases: { n: QUERY_LIMITS.aliases },
    // Counted by graphql-js's own parser instead (see `parseOptions`): armor's token plugin turns a syntax error
    // into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.directives },
    // Armor's flat cost ignores list sizes: `query-cost.ts` counts `first` and the caller's budget instead.
    costLimit: { enabled: false },
    // Suggestions help a developer, and spell out the schema to anyone probing a production graph.
    blockFieldSuggestion: { enabled: !fieldSuggestions },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: QUERY_LIMITS.tokens } };
}
