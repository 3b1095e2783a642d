import { scalarResolvers } from '@motcua/graphql-kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { issueKey, listKeys, revokeKey } from '../keys/key-store.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    viewer: (_, __, { caller }) => ({ ...caller, apiKeyId: caller.keyId }),
    apiKeys: (_, { includeRevoked }, { em }) => listKeys(em, includeRevoked ?? false),
  },
  Mutation: {
    createApiKey: (_, { input }, { em, caller }) => issueKey(em, input, caller.subject ?? caller.role),
    revokeApiKey: (_, { id }, { em }) => revokeKey(em, id),
  },
};
