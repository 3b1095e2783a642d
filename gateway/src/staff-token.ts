import type { Config } from '@motcua/config';
import type { Role } from '@motcua/roles';
import { SignJWT } from 'jose';

/**
 * A staff JWT signed with the configured HS256 secret: what the city's identity provider issues in production,
 * minted here for development and tests (`pnpm staff-token <role>`, and the tokens `pnpm start` prints).
 */
export function signStaffToken(
  jwt: Config['jwt'],
  {
    role,
    subject,
    expiresIn = '12h',
    scope,
  }: { role: Role; subject: string; expiresIn?: string; scope?: string },
): Promise<string> {
  if (!jwt.secret)
    throw new Error(
      'Minting tokens needs JWT_SECRET; with JWT_PUBLIC_KEY, tokens come from your identity provider',
    );
  return new SignJWT({ role, ...(scope ? { scope } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(jwt.secret));
}
