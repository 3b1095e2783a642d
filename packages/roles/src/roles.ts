import { userError } from '@motcua/errors';

/** Who may call the graph. Partners and analysts hold API keys; staff (editor, data officer, admin) sign in with JWTs. */
export const ROLES = ['PUBLIC', 'PARTNER', 'ANALYST', 'EDITOR', 'DATA_OFFICER', 'ADMIN'] as const;

export type Role = (typeof ROLES)[number];

/** The roles of people who sign in (with JWTs, or with expiring script keys from the command line), not of clients. */
export const STAFF_ROLES = ['EDITOR', 'DATA_OFFICER', 'ADMIN'] as const satisfies readonly Role[];

export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (value: unknown): value is StaffRole => STAFF_ROLES.includes(value as StaffRole);

/**
 * THE POLICY TABLE: what each role may do beyond reading public data. A field that needs more than public access
 * says which scope in the schema, next to the field (`@allow(scope: "news:write")`); rows a caller may not see
 * (drafts, embargoed news) are filtered by the subgraph that owns them with the same scopes.
 */
export const ROLE_SCOPES = {
  PUBLIC: [],
  PARTNER: ['news:feed', 'news:embargoed'],
  ANALYST: ['statistics:export'],
  EDITOR: ['news:drafts', 'news:embargoed', 'news:write', 'news:partners'],
  DATA_OFFICER: ['statistics:import', 'statistics:export', 'services:write'],
  ADMIN: ['access:keys', 'news:partners'],
} as const satisfies Record<Role, readonly string[]>;

export type Scope = (typeof ROLE_SCOPES)[Role][number];

export const SCOPES: readonly Scope[] = [...new Set(Object.values(ROLE_SCOPES).flat())];

/** Who is calling, as the gateway authenticated them and the subgraphs receive them (signed). */
export type Caller = {
  role: Role;
  /** Who: an API key's owner or a JWT's subject; null for the anonymous public. */
  subject: string | null;
  /** The API key used (its public id), for rate limits and audit; null otherwise. */
  keyId: string | null;
  /** The media partner a partner key belongs to. */
  partnerCode: string | null;
  /** What this caller may do: the role's scopes, or fewer when the key or token was narrowed. */
  scopes: Scope[];
};

export const ANONYMOUS: Caller = {
  role: 'PUBLIC',
  subject: null,
  keyId: null,
  partnerCode: null,
  scopes: [],
};

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export const isScope = (value: unknown): value is Scope => SCOPES.includes(value as Scope);

export const hasScope = (caller: Caller, scope: Scope): boolean => caller.scopes.includes(scope);

/** The roles that hold `scope`, for messages that say who may do something. */
export const rolesWith = (scope: Scope): Role[] =>
  ROLES.filter((role) => (ROLE_SCOPES[role] as readonly Scope[]).includes(scope));

/** Refuses with FORBIDDEN unless the caller holds `scope`; `action` completes "Only … may …". */
export function requireScope(caller: Caller, scope: Scope, action: string): void {
  if (hasScope(caller, scope)) return;
  throw userError(
    'FORBIDDEN',
    `Only ${rolesWith(scope).join(' or ')} callers may ${action} (scope ${scope}); you are ${caller.role}`,
    { scope },
  );
}

/** Refuses with FORBIDDEN unless the caller holds one of `scopes` (the first alone: the same as requireScope). */
export function requireAnyScope(caller: Caller, scopes: readonly Scope[], action: string): void {
  if (scopes.some((scope) => hasScope(caller, scope))) return;
  if (scopes.length === 1) {
    requireScope(caller, scopes[0] as Scope, action);
    return;
  }
  const roles = [...new Set(scopes.flatMap(rolesWith))];
  throw userError(
    'FORBIDDEN',
    `Only ${roles.join(' or ')} callers may ${action} (scope ${scopes.join(' or ')}); you are ${caller.role}`,
    { scope: scopes[0], scopes },
  );
}
