import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { listKeys } from '../keys/key-store.ts';

export const Query: QueryResolvers = {
  viewer: (_, __, { caller }) => ({ ...caller, apiKeyId: caller.keyId }),
  apiKeys: (_, { includeRevoked }, { em }) => listKeys(em, includeRevoked ?? false),
};
