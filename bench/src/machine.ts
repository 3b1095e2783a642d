// The machine a run measured, for the report: figures from another machine, or from this one under other load,
// are not comparable, and ratios are only comparable within one run.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { withDatabase } from './loader/server.ts';

export type Machine = {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  postgres: string;
  date: string;
  /** 1-minute load average when the run started: the machine is shared. */
  loadAtStart: number;
};

export async function describeMachine(database: string): Promise<Machine> {
  const cpu = (() => {
    try {
      return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
    } catch {
      return 'unknown';
    }
  })();
  const postgres = await withDatabase(database, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
  return {
    cpu,
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    loadAtStart: loadavg()[0] ?? 0,
  };
}
