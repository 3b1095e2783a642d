import { userError } from '@motcua/errors';
import { isStaffRole } from '@motcua/roles';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { issueKey, revokeKey } from '../keys/key-store.ts';

export const Mutation: MutationResolvers = {
  createApiKey: (_, { input }, { em, caller }) => {
    // An admin manages the keys of partners and analysts; a key with staff rights through the graph would let
    // a key manager give itself (or a narrowed admin key) rights it does not hold.
    if (isStaffRole(input.role)) {
      throw userError(
        'FORBIDDEN',
        `${input.role} keys are issued on the command line by an operator (pnpm keys create); the graph issues PARTNER and ANALYST keys`,
      );
    }
    const issuer = caller.keyId ? `${caller.subject} (key ${caller.keyId})` : (caller.subject ?? caller.role);
    return issueKey(em, input, issuer);
  },
  revokeApiKey: (_, { id }, { em }) => revokeKey(em, id),
};
