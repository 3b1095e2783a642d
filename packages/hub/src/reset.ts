// `pnpm reset`: deletes the embedded database folder (DATA_DIR, default .data/), so the next start migrates and
// seeds afresh. It never touches a database given by DATABASE_URL.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@motcua/config';

try {
  const { database } = loadConfig();
  if (database.kind !== 'embedded') {
    console.error(
      'pnpm reset only deletes the embedded database; DATABASE_URL is set, so nothing was deleted.',
    );
    process.exit(1);
  }
  rmSync(resolve(database.dataDir), { recursive: true, force: true });
  console.log(`Deleted ${resolve(database.dataDir)}; the next pnpm start seeds a fresh embedded database.`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
