import type { IncomingHttpHeaders } from 'node:http';
import { userError } from './errors.ts';

/**
 * THE ONE MARKED CHECK, temporary until the gateway authenticates callers (issue 6): the caller's role is read
 * from this request header, which the gateway forwards to the subgraphs as it receives it. Anyone can set it
 * today; the gateway issue replaces it with a signed identity.
 */
export const ROLE_HEADER = 'x-motcua-role';

export type Role = 'data-officer' | 'editor' | 'admin';

export function roleFromHeaders(headers: IncomingHttpHeaders): string | null {
  const value = headers[ROLE_HEADER];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Refuses the operation with FORBIDDEN unless the caller has `role`. */
export function requireRole(callerRole: string | null, role: Role, action: string): void {
  if (callerRole !== role) {
    throw userError('FORBIDDEN', `Only a ${role} may ${action} (send the header ${ROLE_HEADER}: ${role})`);
  }
}
