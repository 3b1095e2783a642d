import { subgraphSchema } from '@motcua/shared-sdl';
import type { Enums } from './generated/resolvers-types.ts';

/** The access subgraph's contract (`../schema.graphql`), and its enums for entities and input rules. */
export const { typeDefs, enumValues } = subgraphSchema<Enums>(new URL('../schema.graphql', import.meta.url));
