import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * The shape one query may have, checked before any subgraph is called (graphql-armor): nesting depth, aliases,
 * tokens and directives. The limits leave room for every query a portal needs (the deepest in the tests nests 7
 * levels) and refuse the shapes used to exhaust a server. What a query costs is weighed per role in
 * `query-cost.ts`.
 */
export const QUERY_LIMITS = { depth: 10, aliases: 15, tokens: 2_000, directives: 50 } as const;

/**
 * Directives of an operation as it runs: a fragment counts once for every spread of it (armor's own rule counted
 * a fragment and the directives on its spreads only once, so `...F @include(if: true)` ×100 passed).
 */
export function maxDirectivesRule(max: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragmentCounts = new Map<string, number>();
    const count = (node: ASTNode, visiting: Set<string>): number => {
      let found = 'directives' in node && node.directives ? node.directives.length : 0;
      if ('selectionSet' in node && node.selectionSet) {
        for (const child of node.selectionSet.selections) found += count(child, visiting);
      }
      if (node.kind === Kind.FRAGMENT_SPREAD) {
        const name = node.name.value;
        // A cycle is refused by graphql-js's own rule; here it only must not loop.
        if (visiting.has(name)) return found;
        let inFragment = fragmentCounts.get(name);
        if (inFragment === undefined) {
          const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
          inFragment = fragment ? count(fragment, new Set([...visiting, name])) : 0;
          fragmentCounts.set(name, inFragment);
        }
        found += inFragment;
      }
      return found;
    };
    return {
      OperationDefinition(operation) {
        const found = count(operation, new Set());
        if (found > max) {
          context.reportError(
            new GraphQLError(`Directives limit of ${max} exceeded, found ${found}.`, { nodes: [operation] }),
          );
        }
      },
    };
  };
}

/** `fieldSuggestions`: "Did you mean …?" in validation errors; on for development, off in production. */
export function queryLimits({ fieldSuggestions }: { fieldSuggestions: boolean }) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth },
    maxAliases: { n: QUERY_LIMITS.aliases },
    // Counted by graphql-js's own parser instead (see `parseOptions`): armor's token plugin turns a syntax error
    // into a 500.
    maxTokens: { enabled: false },
    // Counted by `maxDirectivesRule`, which counts every spread of a fragment.
    maxDirectives: { enabled: false },
    // Armor's flat cost ignores list sizes: `query-cost.ts` counts `first` and the caller's budget instead.
    costLimit: { enabled: false },
    // Suggestions help a developer, and spell out the schema to anyone probing a production graph.
    blockFieldSuggestion: { enabled: !fieldSuggestions },
  }).protect();
  return {
    ...armor,
    validationRules: [...armor.validationRules, maxDirectivesRule(QUERY_LIMITS.directives)],
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
  };
}

/**
 * Removes the schema's spelling from an error message where suggestions are off: graphql-js suggests enum values
 * ("Did you mean the enum value FULL?") and types in messages armor's field-suggestion blocking does not reach.
 */
export const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean [^?]*\?/g, '');
