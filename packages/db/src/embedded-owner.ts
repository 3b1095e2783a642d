import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The running hub that has the embedded databases of a data folder open, and where its gateway answers. */
export type EmbeddedOwner = { pid: number; gateway: string };

const fileOf = (dataDir: string) => join(dataDir, 'hub.json');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Says that this process (a hub) has the embedded databases of `dataDir` open. An embedded database is open in one
 * process at a time, so a command that would write to it (`pnpm statistics:import`) asks this hub to instead.
 * Returns what undoes it, for the hub's stop.
 */
export function claimEmbeddedData(dataDir: string, gateway: string): () => void {
  const file = fileOf(dataDir);
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, gateway } satisfies EmbeddedOwner)}\n`);
  return () => {
    if (embeddedDataOwner(dataDir)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** The hub that has `dataDir` open now, if any (a claim left by a hub that died is ignored). */
export function embeddedDataOwner(dataDir: string): EmbeddedOwner | null {
  try {
    const owner = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as EmbeddedOwner;
    return Number.isInteger(owner.pid) && typeof owner.gateway === 'string' && alive(owner.pid)
      ? owner
      : null;
  } catch {
    return null;
  }
}
