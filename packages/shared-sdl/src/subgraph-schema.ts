import { type DocumentNode, Kind } from 'graphql';
import { loadTypeDefs } from './subgraph-sdl.ts';

export type SubgraphSchema<Enums> = {
  /** The subgraph's SDL with the shared types, parsed: what its server is built from. */
  typeDefs: DocumentNode;
  /**
   * The values of one of the schema's enums, in the order the SDL lists them, typed by the generated `Enums` map:
   * entities, checks and input rules take their lists from here, so a value is added in the schema alone.
   */
  enumValues: <Name extends keyof Enums & string>(name: Name) => readonly Enums[Name][];
};

/** Reads a subgraph's `schema.graphql` once; `Enums` is the map its codegen generates (`pnpm codegen`). */
export function subgraphSchema<Enums>(schemaFile: URL): SubgraphSchema<Enums> {
  const typeDefs = loadTypeDefs(schemaFile);
  const enums = new Map<string, string[]>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.set(
        definition.name.value,
        (definition.values ?? []).map((value) => value.name.value),
      );
    }
  }
  return {
    typeDefs,
    enumValues: <Name extends keyof Enums & string>(name: Name) => {
      const values = enums.get(name);
      if (!values) throw new Error(`The schema has no enum ${name}`);
      return values as unknown as readonly Enums[Name][];
    },
  };
}
