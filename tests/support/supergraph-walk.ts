import { readFileSync } from 'node:fs';
import { SUBGRAPH_NAMES, type SubgraphName } from '@motcua/config';
import { SUPERGRAPH_FILE } from '@motcua/gateway';
import {
  astFromValue,
  buildSchema,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLNamedType,
  GraphQLObjectType,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  print,
} from 'graphql';

/**
 * The supergraph as the SQL budget test walks it: every object type clients can reach, with, for each field,
 * the subgraphs that resolve it and how it can cost SQL. Read from the composed `supergraph.graphql` (what the
 * gateway plans with), so a field added to any subgraph's schema shows up here once `pnpm compose` has run.
 */

export type Field = GraphQLField<unknown, unknown>;

/** A field's coordinate, `Type.field`, the name every table of the test uses. */
export const coordinate = (type: { name: string }, field: { name: string }) => `${type.name}.${field.name}`;

/** An entity key a subgraph resolves references by: `_entities` with that representation reaches it. */
export type EntityKey = { type: string; subgraph: SubgraphName; fields: string[] };

export type Supergraph = {
  /** The object types a query can select, Query and Mutation aside (not the federation machinery). */
  types: GraphQLObjectType[];
  query: GraphQLObjectType;
  mutation: GraphQLObjectType;
  type: (name: string) => GraphQLObjectType;
  /** The subgraphs that resolve `field` of `type` (not those that only declare it `@external`). */
  subgraphsOf: (type: GraphQLObjectType, field: Field) => SubgraphName[];
  /** The subgraphs that can resolve a reference to `type`, by each of their keys. */
  entityKeys: EntityKey[];
};

/** The subgraph names of the supergraph's `join__Graph` enum (SERVICES → services). */
const graphName = (value: string): SubgraphName => {
  const name = value.toLowerCase() as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(name)) throw new Error(`The supergraph names an unknown subgraph ${value}`);
  return name;
};

/** The arguments of a `@join__…` directive, as plain values (enum values and strings alike). */
function directiveArgs(directive: ConstDirectiveNode): Record<string, string | boolean> {
  const args: Record<string, string | boolean> = {};
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (value.kind === Kind.ENUM || value.kind === Kind.STRING) args[argument.name.value] = value.value;
    else if (value.kind === Kind.BOOLEAN) args[argument.name.value] = value.value;
  }
  return args;
}

const directivesNamed = (
  node: { directives?: readonly ConstDirectiveNode[] | undefined } | null | undefined,
  name: string,
) => (node?.directives ?? []).filter((directive) => directive.name.value === name).map(directiveArgs);

export function loadSupergraph(): Supergraph {
  const schema = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (!query || !mutation) throw new Error('The supergraph has no Query or Mutation type');
  const types = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType =>
      isObjectType(type) &&
      // The introspection types, and join__/link__ definitions of the federation spec, are no client's to select.
      !type.name.startsWith('__') &&
      !type.name.includes('__') &&
      type !== query &&
      type !== mutation,
  );
  const typeGraphs = (type: GraphQLObjectType) =>
    directivesNamed(type.astNode, 'join__type').map((args) => graphName(String(args.graph)));
  const subgraphsOf = (type: GraphQLObjectType, field: Field) => {
    const joins = directivesNamed(field.astNode, 'join__field');
    // A field without @join__field is resolvable in every subgraph that defines its type (a value type).
    if (joins.length === 0) return typeGraphs(type);
    return joins.filter((args) => args.external !== true).map((args) => graphName(String(args.graph)));
  };
  const entityKeys = types.flatMap((type) =>
    directivesNamed(type.astNode, 'join__type')
      .filter((args) => typeof args.key === 'string' && args.resolvable !== false)
      .map((args) => ({
        type: type.name,
        subgraph: graphName(String(args.graph)),
        fields: String(args.key).split(/\s+/).filter(Boolean),
      })),
  );
  return {
    types,
    query,
    mutation,
    type: (name) => {
      const type = schema.getType(name);
      if (!(type instanceof GraphQLObjectType)) throw new Error(`The supergraph has no object type ${name}`);
      return type;
    },
    subgraphsOf,
    entityKeys,
  };
}

export const isLeafField = (field: Field) => isLeafType(getNamedType(field.type));

/** A Relay connection field: paged by `first`/`after`, returning a type with `nodes` and `pageInfo`. */
export function isConnectionField(field: Field): boolean {
  const type = getNamedType(field.type);
  return (
    field.args.some((arg) => arg.name === 'first') &&
    isObjectType(type) &&
    'nodes' in type.getFields() &&
    'pageInfo' in type.getFields()
  );
}

/** An argument given as a variable of the operation (`first: $page`), so one text serves every value. */
export class Variable {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** Values for required arguments, by `Type.field.argument` or, failing that, by argument name. */
export type ArgumentSamples = Record<string, unknown>;

/**
 * The arguments of a field as GraphQL source: each required argument from the samples (a missing sample is an
 * error that names what to add), optional ones left to their defaults unless `given`.
 */
export function argumentsOf(
  type: { name: string },
  field: Field,
  samples: ArgumentSamples,
  given: Record<string, unknown> = {},
): string {
  const parts: string[] = [];
  for (const arg of field.args) {
    const key = `${coordinate(type, field)}.${arg.name}`;
    let value: unknown;
    if (arg.name in given) value = given[arg.name];
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      value = samples[key] ?? samples[arg.name];
      if (value === undefined) {
        throw new Error(`No sample value for the required argument ${key}: add one to ARGUMENT_SAMPLES`);
      }
    } else continue;
    if (value instanceof Variable) {
      parts.push(`${arg.name}: $${value.name}`);
      continue;
    }
    const literal = astFromValue(value, arg.type);
    if (!literal) throw new Error(`${JSON.stringify(value)} is not a valid ${arg.type} for ${key}`);
    parts.push(`${arg.name}: ${print(literal)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Whether every required argument of `field` has a sample (so the walker can select it). */
export function canFillArguments(type: { name: string }, field: Field, samples: ArgumentSamples): boolean {
  try {
    argumentsOf(type, field, samples);
    return true;
  } catch {
    return false;
  }
}

/**
 * What to select under a field that returns `returned`, so that everything the field costs is spent and no
 * more: `__typename` (the field's own resolver runs whatever is selected below it), plus, for an entity that
 * other subgraphs resolve, one plain field from each of them, so the gateway fetches the references there as it
 * would for a client (a subgraph that adds no plain field to it, only lists and objects, is reached by the
 * entity-reference tests instead). Connections select their nodes the same way.
 */
export function resolvingSelection(
  graph: Supergraph,
  returned: GraphQLNamedType,
  from: readonly SubgraphName[],
  samples: ArgumentSamples,
): string {
  if (isLeafType(returned) || !isObjectType(returned)) return '';
  const fields = Object.values(returned.getFields());
  const owners = new Set(
    graph.entityKeys.filter((key) => key.type === returned.name).map((key) => key.subgraph),
  );
  const forcing = [...owners]
    .filter((owner) => !from.includes(owner))
    .map((owner) =>
      fields.find(
        (field) =>
          isLeafField(field) &&
          graph.subgraphsOf(returned, field).length === 1 &&
          graph.subgraphsOf(returned, field)[0] === owner &&
          canFillArguments(returned, field, samples),
      ),
    )
    .filter((field): field is Field => field !== undefined)
    .map((field) => field.name);
  const nodes = returned.getFields().nodes;
  const paged =
    nodes && 'pageInfo' in returned.getFields()
      ? ` totalCount nodes ${resolvingSelection(graph, getNamedType(nodes.type), from, samples)}`
      : '';
  return `{ __typename${forcing.map((name) => ` ${name}`).join('')}${paged} }`;
}
