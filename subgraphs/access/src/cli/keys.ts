// `pnpm keys create --role <ROLE> --owner "<who>" [--partner <code>] [--scopes a,b] [--expires <ISO date>]`,
// `pnpm keys list [--all]`, `pnpm keys revoke <id>`: API key management on the configured database, for
// administrators with shell access (the GraphQL mutations do the same for admins through the gateway).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@motcua/config';
import { openDatabase } from '@motcua/db';
import { GraphQLError } from 'graphql';
import { entities } from '../entities/index.ts';
import { issueKey, listKeys, revokeKey } from '../keys/key-store.ts';
import { migrations } from '../migrations/index.ts';

const USAGE = `Usage:
  pnpm keys create --role <PARTNER|ANALYST|EDITOR|DATA_OFFICER|ADMIN> --owner "<who>" [--partner <code>] [--scopes a,b] [--expires <ISO date>]
  pnpm keys list [--all]
  pnpm keys revoke <id>`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    role: { type: 'string' },
    owner: { type: 'string' },
    partner: { type: 'string' },
    scopes: { type: 'string' },
    expires: { type: 'string' },
    all: { type: 'boolean', default: false },
  },
});
const [command, id] = positionals;
if (!['create', 'list', 'revoke'].includes(command ?? '') || (command === 'revoke' && !id)) {
  console.error(USAGE);
  process.exit(2);
}

try {
  const config = loadConfig();
  const orm = await openDatabase({ owner: 'access', target: config.database, entities, migrations });
  const em = orm.em.fork();
  try {
    if (command === 'create') {
      const { apiKey, secret } = await issueKey(
        em,
        {
          owner: values.owner ?? '',
          role: values.role ?? '',
          scopes: values.scopes?.split(',').map((scope) => scope.trim()),
          partnerCode: values.partner,
          expiresAt: values.expires,
        },
        'cli',
      );
      console.log(
        `Key ${apiKey.id} for ${apiKey.owner} (${apiKey.role}: ${apiKey.scopes.join(' ') || 'no scopes'})`,
      );
      console.log(`  ${secret}`);
      console.log('Shown once: only its hash is stored.');
    } else if (command === 'list') {
      for (const key of await listKeys(em, values.all)) {
        const state = key.revokedAt
          ? `revoked ${key.revokedAt.toISOString()}`
          : key.expiresAt && key.expiresAt <= new Date()
            ? `expired ${key.expiresAt.toISOString()}`
            : `active${key.expiresAt ? ` until ${key.expiresAt.toISOString()}` : ''}`;
        console.log(
          [key.id, key.role, key.owner, key.partnerCode ?? '-', key.scopes.join(' ') || '-', state].join(
            '\t',
          ),
        );
      }
    } else {
      const key = await revokeKey(em, id as string);
      console.log(`Key ${key.id} (${key.owner}) revoked at ${key.revokedAt?.toISOString()}`);
    }
  } finally {
    await orm.close();
  }
} catch (error) {
  process.exitCode = 1;
  if (error instanceof GraphQLError || error instanceof ConfigError) console.error(error.message);
  else throw error;
}
