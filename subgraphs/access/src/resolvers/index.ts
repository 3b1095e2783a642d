import { userError } from '@motcua/errors';
import { scalarResolvers } from '@motcua/shared-sdl';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { issueKey, listKeys, revokeKey, STAFF_ROLES } from '../keys/key-store.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    viewer: (_, __, { caller }) => ({ ...caller, apiKeyId: caller.keyId }),
    apiKeys: (_, { includeRevoked }, { em }) => listKeys(em, includeRevoked ?? false),
  },
  Mutation: {
    createApiKey: (_, { input }, { em, caller }) => {
      // An admin manages the keys of partners and analysts; a key with staff rights through the graph would let
      // a key manager give itself (or a narrowed admin key) rights it does not hold.
      if (STAFF_ROLES.has(input.role)) {
        throw userError(
          'FORBIDDEN',
          `${input.role} keys are issued on the command line by an operator (pnpm keys create); the graph issues PARTNER and ANALYST keys`,
        );
      }
      const issuer = caller.keyId
        ? `${caller.subject} (key ${caller.keyId})`
        : (caller.subject ?? caller.role);
      return issueKey(em, input, issuer);
    },
    revokeApiKey: (_, { id }, { em }) => revokeKey(em, id),
  },
};
