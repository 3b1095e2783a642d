import {
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

const argument = (directive: ConstDirectiveNode, name: string) => {
  const value = directive.arguments?.find((one) => one.name.value === name)?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
};

/**
 * Which subgraphs an operation may reach, read from the supergraph's `@join__type` and `@join__field`: the response
 * cache keys an answer by the data versions of those alone, so that a write to the news does not drop the catalog's
 * answers. An over-estimate (every subgraph that declares a field, key fields included) is safe; a field the
 * supergraph does not place (or an unknown type) counts as reaching every subgraph.
 */
export function subgraphReach(
  supergraphSdl: string,
): (schema: GraphQLSchema, document: DocumentNode) => string[] {
  const supergraph = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const fields = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const definition of supergraph.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = value.directives?.find((one) => one.name.value === 'join__graph');
        const subgraph = name && argument(name, 'name');
        if (subgraph) graphNames.set(value.name.value, subgraph);
      }
    }
  }
  for (const name of graphNames.values()) all.add(name);
  const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, directive: string) =>
    (directives ?? [])
      .filter((one) => one.name.value === directive)
      .map((one) => graphNames.get(argument(one, 'graph') ?? ''))
      .filter((name): name is string => name !== undefined);
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION)
      continue;
    const typeGraphs = graphsOf(definition.directives, 'join__type');
    for (const field of definition.fields ?? []) {
      const fieldGraphs = graphsOf(field.directives, 'join__field');
      fields.set(
        `${definition.name.value}.${field.name.value}`,
        new Set(fieldGraphs.length ? fieldGraphs : typeGraphs),
      );
    }
  }
  return (schema, document) => {
    const reached = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          if (node.name.value.startsWith('__')) return;
          const parent = typeInfo.getParentType()?.name;
          const graphs = parent ? fields.get(`${parent}.${node.name.value}`) : undefined;
          for (const graph of graphs?.size ? graphs : all) reached.add(graph);
        },
      }),
    );
    return [...reached].sort();
  };
}
