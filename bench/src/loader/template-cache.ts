// The loaded dataset is kept on the server as a database template, named by a hash of what decides its content:
// the generator's parameters and code, the loader, the admin-units bundle, and every migration and seed of the hub.
// A run clones the template (seconds) instead of generating and loading (minutes); any change to those files, or
// `--fresh`, builds a new one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DatasetParameters } from '../generator/parameters.ts';
import { REPO_ROOT } from '../processes.ts';
import { PREFIX } from './server.ts';

const SKIPPED = new Set(['node_modules', '.git', '.work', '.data', 'generated', 'dist', 'coverage']);

/** Every file below `directory` (sorted, for a stable hash). */
function filesUnder(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

/** The files whose content shapes the loaded database. */
export function contentFiles(): string[] {
  const bench = join(REPO_ROOT, 'bench/src');
  return filesUnder(REPO_ROOT).filter((file) => {
    const path = relative(REPO_ROOT, file);
    if (path.startsWith('bench/')) {
      return file.startsWith(join(bench, 'generator')) || file.startsWith(join(bench, 'loader'));
    }
    // Wherever packages move, their migrations and seeds stay in folders of those names.
    return /(^|\/)(migrations|seed)\//.test(path) || path === 'packages/admin-units/units.json';
  });
}

export function datasetKey(parameters: DatasetParameters): string {
  const hash = createHash('sha256').update(JSON.stringify(parameters));
  for (const file of contentFiles()) {
    hash.update(relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

export const templatePrefix = (parameters: DatasetParameters) => `${PREFIX}tpl_${parameters.mode}_`;

export const templateName = (parameters: DatasetParameters, key: string) =>
  `${templatePrefix(parameters)}${key}`;

export const buildName = (parameters: DatasetParameters, key: string) =>
  `${PREFIX}build_${parameters.mode}_${key}`;
