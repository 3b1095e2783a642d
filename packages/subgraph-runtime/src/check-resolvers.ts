import {
  type GraphQLSchema,
  isEnumType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

/** What graphql-js and Apollo read on a type besides its fields. */
const TYPE_HOOKS = new Set(['__resolveReference', '__resolveType', '__isTypeOf']);

/**
 * Refuses to start a subgraph whose resolvers name a type, field or enum value its schema lacks: graphql-js and
 * Apollo skip such a resolver silently, so a misspelt `PublicSevice` or a field renamed in the SDL would leave
 * the real field unresolved and answer null at run time.
 */
export function checkResolvers(schema: GraphQLSchema, resolvers: object, subgraph: string): void {
  const problems: string[] = [];
  for (const [typeName, resolver] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type) {
      problems.push(`${typeName} is not a type of the schema`);
      continue;
    }
    if (isScalarType(type)) continue;
    const known =
      isObjectType(type) || isInterfaceType(type)
        ? new Set(Object.keys(type.getFields()))
        : isEnumType(type)
          ? new Set(type.getValues().map((value) => value.name))
          : isUnionType(type)
            ? new Set<string>()
            : null;
    if (!known) {
      problems.push(`${typeName} takes no resolvers (it is an input type)`);
      continue;
    }
    for (const name of Object.keys(resolver as object)) {
      if (!known.has(name) && !TYPE_HOOKS.has(name))
        problems.push(`${typeName}.${name} is not in the schema`);
    }
  }
  if (problems.length) {
    throw new Error(`The ${subgraph} subgraph's resolvers do not match its schema: ${problems.join('; ')}`);
  }
}
