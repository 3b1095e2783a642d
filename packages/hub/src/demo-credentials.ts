import type { Config } from '@motcua/config';

export type DemoCredential = {
  /** Who it opens the graph as: the role, and a partner's code. */
  label: string;
  kind: 'api key' | 'staff token';
  headers: Record<string, string>;
  /** The key or the token itself. */
  value: string;
};

/**
 * Every role's way in while the hub runs its example data: the seeded demo API keys and staff tokens for 12 h
 * signed with the configured JWT secret. Nothing outside development, where the demo keys are revoked.
 */
export async function demoCredentials(config: Config): Promise<DemoCredential[]> {
  if (!config.exampleData || config.nodeEnv === 'production') return [];
  const [{ DEMO_KEYS }, { signStaffToken }, { STAFF_ROLES }] = await Promise.all([
    import('@motcua/access'),
    import('@motcua/gateway'),
    import('@motcua/roles'),
  ]);
  const keys: DemoCredential[] = DEMO_KEYS.map(({ role, partnerCode, key }) => ({
    label: `${role}${partnerCode ? ` ${partnerCode}` : ''}`,
    kind: 'api key',
    headers: { 'x-api-key': key },
    value: key,
  }));
  if (!config.jwt.secret) return keys;
  const tokens = await Promise.all(
    STAFF_ROLES.map(async (role): Promise<DemoCredential> => {
      const token = await signStaffToken(config.jwt, { role, subject: `demo-${role.toLowerCase()}` });
      return {
        label: `${role} (token)`,
        kind: 'staff token',
        headers: { authorization: `Bearer ${token}` },
        value: token,
      };
    }),
  );
  return [...keys, ...tokens];
}
