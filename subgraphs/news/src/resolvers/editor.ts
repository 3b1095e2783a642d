import { type Caller, requireRole } from '@motcua/graphql-kit';

export const requireEditor = (caller: Caller, action: string) => requireRole(caller, 'editor', action);
