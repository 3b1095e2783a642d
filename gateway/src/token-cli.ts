// `pnpm staff-token <EDITOR|DATA_OFFICER|ADMIN> [subject] [--expires 12h] [--scope "news:write ..."]`: a staff JWT signed
// with JWT_SECRET, for development and scripts; production tokens come from the city's identity provider.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@motcua/config';
import { isRole } from '@motcua/roles';
import { signStaffToken } from './staff-token.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { expires: { type: 'string', default: '12h' }, scope: { type: 'string' } },
});
const [role, subject] = positionals;
if (!isRole(role)) {
  console.error(
    'Usage: pnpm staff-token <EDITOR|DATA_OFFICER|ADMIN> [subject] [--expires 12h] [--scope "…"]',
  );
  process.exit(2);
}
try {
  console.log(
    await signStaffToken(loadConfig().jwt, {
      role,
      subject: subject ?? `${role.toLowerCase()}@motcua.local`,
      expiresIn: values.expires,
      scope: values.scope,
    }),
  );
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
}
