import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

export const EXTENSIONS = { pg_trgm, unaccent };

const initialised = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

/** One template per data folder and process: the subgraphs starting together wait for the same initdb. */
const templates = new Map<string, Promise<void>>();

async function createTemplate(template: string): Promise<void> {
  if (initialised(template)) return;
  // Built aside and renamed, so an interrupted first start never leaves a half-made template behind.
  const building = `${template}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const cluster = await PGlite.create({ dataDir: building, extensions: EXTENSIONS });
  await cluster.close();
  try {
    renameSync(building, template);
  } catch (error) {
    // Another process (a subgraph started on its own beside the others) made the template first: use theirs.
    rmSync(building, { recursive: true, force: true });
    if (!initialised(template)) throw error;
  }
}

/**
 * The folder of a subgraph's embedded database, `<root>/<owner>`. Creating a PGlite cluster (its initdb) takes
 * seconds of CPU; the first start makes one template cluster in `<root>/.template` and copies it for each
 * subgraph, which is much faster than three initdb runs. `memory://` is passed through (a throwaway database).
 */
export async function embeddedDataDir(root: string, owner: string): Promise<string> {
  if (root === 'memory://') return root;
  const target = resolve(join(root, owner));
  if (initialised(target)) return target;
  const template = resolve(join(root, '.template'));
  mkdirSync(resolve(root), { recursive: true });
  let ready = templates.get(template);
  if (!ready) {
    ready = createTemplate(template);
    templates.set(template, ready);
  }
  await ready;
  rmSync(target, { recursive: true, force: true });
  cpSync(template, target, { recursive: true });
  return target;
}
