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

/** An entity as the subgraph module lists it: its name and its properties (MikroORM's `defineEntity` metadata). */
export type EntityShape = { meta: { className: string; properties: Record<string, unknown> } };

/**
 * Refuses to start a subgraph whose resolvers and schema disagree, since graphql-js and Apollo say nothing at run
 * time: a resolver for a type, field or enum value the schema lacks (a misspelt `PublicSevice`) is skipped, and a
 * field left to the default resolver on a type backed by an entity of the same name reads a property that must
 * exist (an entity property renamed under a GraphQL field would otherwise answer null).
 */
export function checkResolvers(
  schema: GraphQLSchema,
  resolvers: object,
  subgraph: string,
  entities: readonly EntityShape[] = [],
): void {
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
  const resolved = resolvers as Record<string, Record<string, unknown> | undefined>;
  for (const entity of entities) {
    const type = schema.getType(entity.meta.className);
    if (!isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (field.startsWith('__') || resolved[type.name]?.[field] || field in entity.meta.properties) continue;
      problems.push(`${type.name}.${field} has no resolver and entity ${type.name} has no property ${field}`);
    }
  }
  if (problems.length) {
    throw new Error(`The ${subgraph} subgraph's resolvers do not match its schema: ${problems.join('; ')}`);
  }
}
