import { defaultFieldResolver, type GraphQLSchema, isObjectType, Kind } from 'graphql';
import { type Caller, isScope, requireScope, type Scope } from './roles.ts';

/** The scope an `@allow(scope: "…")` on a field asks for, if any. */
function allowedScope(
  directives: readonly { name: { value: string }; arguments?: readonly unknown[] }[] = [],
) {
  const allow = directives.find((directive) => directive.name.value === 'allow');
  if (!allow) return null;
  const argument = (
    allow.arguments as { name: { value: string }; value: { kind: string; value?: string } }[]
  ).find((arg) => arg.name.value === 'scope');
  const scope = argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
  if (!isScope(scope)) throw new Error(`@allow names an unknown scope: ${scope}`);
  return scope;
}

/**
 * Enforces the `@allow` directives of a subgraph's schema: each protected field first checks that the caller holds
 * the scope, then resolves. One mechanism for every subgraph; a typo in a scope fails at start, not at request.
 */
export function applyAccessPolicy<TContext extends { caller: Caller }>(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const scope: Scope | null = allowedScope(field.astNode?.directives);
      if (!scope) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: TContext, info) => {
        requireScope(context.caller, scope, `use ${type.name}.${field.name}`);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
