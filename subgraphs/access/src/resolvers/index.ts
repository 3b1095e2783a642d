import { scalarResolvers } from '@motcua/shared-sdl';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { ...scalarResolvers, Query, Mutation };
