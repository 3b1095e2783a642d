import { defaultFieldResolver, type GraphQLSchema, isObjectType, Kind } from 'graphql';
import { type Caller, isScope, requireAnyScope, type Scope } from './roles.ts';

type ArgumentNode = {
  name: { value: string };
  value: { kind: string; value?: string; values?: { kind: string; value?: string }[] };
};

/**
 * The scopes an `@allow(scope: "…")` or `@allow(anyOf: ["…", "…"])` on a field asks for (the caller needs one of
 * them), if any.
 */
function allowedScopes(
  directives: readonly { name: { value: string }; arguments?: readonly unknown[] }[] = [],
): Scope[] | null {
  const allow = directives.find((directive) => directive.name.value === 'allow');
  if (!allow) return null;
  const args = allow.arguments as ArgumentNode[];
  const single = args.find((arg) => arg.name.value === 'scope')?.value;
  const anyOf = args.find((arg) => arg.name.value === 'anyOf')?.value;
  const named = [
    ...(single ? [single] : []),
    ...(anyOf?.kind === Kind.LIST ? (anyOf.values ?? []) : anyOf ? [anyOf] : []),
  ].map((value) => (value.kind === Kind.STRING ? value.value : undefined));
  if (!named.length) throw new Error('@allow names no scope');
  for (const scope of named) {
    if (!isScope(scope)) throw new Error(`@allow names an unknown scope: ${scope}`);
  }
  return named as Scope[];
}

/**
 * Enforces the `@allow` directives of a subgraph's schema: each protected field first checks that the caller holds
 * the scope, then resolves. One mechanism for every subgraph; a typo in a scope fails at start, not at request.
 */
export function applyAccessPolicy<TContext extends { caller: Caller }>(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const scopes = allowedScopes(field.astNode?.directives);
      if (!scopes) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: TContext, info) => {
        requireAnyScope(context.caller, scopes, `use ${type.name}.${field.name}`);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
