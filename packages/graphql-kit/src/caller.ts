import type { IncomingHttpHeaders } from 'node:http';
import { userError } from './errors.ts';

/**
 * THE ONE MARKED CHECK, temporary until the gateway authenticates callers (issue 6): who calls is read from
 * these request headers, which the gateway forwards to the subgraphs as it receives them. Anyone can set them
 * today; the gateway issue replaces them with a signed identity.
 */
export const CALLER_HEADERS = { role: 'x-motcua-role', partner: 'x-motcua-partner' } as const;

export type Role = 'data-officer' | 'editor' | 'admin';

/** Who is calling: a staff role, and/or the code of a media partner. */
export type Caller = { role: string | null; partnerCode: string | null };

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function callerFromHeaders(headers: IncomingHttpHeaders): Caller {
  return { role: header(headers, CALLER_HEADERS.role), partnerCode: header(headers, CALLER_HEADERS.partner) };
}

/** The headers that carry `caller` to a subgraph. */
export function callerHeaders(caller: Caller): [string, string][] {
  return [
    ...(caller.role ? [[CALLER_HEADERS.role, caller.role] as [string, string]] : []),
    ...(caller.partnerCode ? [[CALLER_HEADERS.partner, caller.partnerCode] as [string, string]] : []),
  ];
}

/** Refuses the operation with FORBIDDEN unless the caller has `role`. */
export function requireRole(caller: Caller, role: Role, action: string): void {
  if (caller.role !== role) {
    throw userError(
      'FORBIDDEN',
      `Only a ${role} may ${action} (send the header ${CALLER_HEADERS.role}: ${role})`,
    );
  }
}
