import type { Caller } from '@motcua/graphql-kit';

// Mirrors the `Role` that graphql-kit will export once callers are authenticated; until then this file is the one
// place that maps today's header-based caller onto it, so the swap at merge touches nothing else.
export const ROLES = ['PUBLIC', 'PARTNER', 'ANALYST', 'EDITOR', 'DATA_OFFICER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

const STAFF_ROLES: Record<string, Role> = {
  analyst: 'ANALYST',
  editor: 'EDITOR',
  'data-officer': 'DATA_OFFICER',
  admin: 'ADMIN',
};

export function roleOf(caller: Caller): Role {
  const staff = caller.role === null ? undefined : STAFF_ROLES[caller.role];
  return staff ?? (caller.partnerCode ? 'PARTNER' : 'PUBLIC');
}

/** Whose allowance a request draws on: today only a partner names itself; everyone else counts per IP only. */
export function rateKeyOf(caller: Caller): string | null {
  return caller.partnerCode ? `partner:${caller.partnerCode}` : null;
}
