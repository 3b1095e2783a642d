// `pnpm statistics:import` and a hub on the embedded databases agree: while the hub runs, the command sends the
// file to it (the figures are visible at once); while it is stopped, the command opens the databases itself and
// the hub sees the figures when it starts again.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { type Hub, startHub } from '@motcua/hub';
import { testConfig } from '@motcua/testkit';
import { GraphQLClient, gql } from 'graphql-request';

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-embedded-'));
const CLI = new URL('../subgraphs/statistics/src/cli/import-figures.ts', import.meta.url).pathname;
const SERVICE = '1.004884';
let hub: Hub | undefined;

afterAll(async () => {
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function figures(received: number): string {
  const file = join(dataDir, `figures-${received}.csv`);
  writeFileSync(
    file,
    `serviceCode,unitCode,month,channel,received\n${SERVICE},00070,2026-01,ONLINE,${received}\n`,
  );
  return file;
}

/** The CLI as an operator runs it on the embedded databases: no DATABASE_URL, only DATA_DIR. */
const importFile = (file: string) =>
  new Promise<{ stdout: string; stderr: string; failed: boolean }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, file, '--source', 'motcua-illustrative'],
      { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => resolve({ stdout, stderr, failed: Boolean(error) }),
    );
  });

async function received(running: Hub): Promise<number | undefined> {
  const { usage } = await new GraphQLClient(running.url).request<{ usage: { received: number }[] }>(
    gql`{ usage: usageSeries(granularity: MONTH, from: "2026-01", to: "2026-01", serviceCode: "${SERVICE}", unitCode: "00070") { received } }`,
  );
  return usage[0]?.received;
}

describe('the statistics import on the embedded databases', () => {
  it('goes through the running hub, whose readers see the figures at once', async () => {
    hub = await startHub(testConfig({ DATA_DIR: dataDir }));
    const result = await importFile(figures(7));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /: 1 inserted, 0 corrected, 0 unchanged \(batch [0-9a-f-]{36}\) \(through the hub at http/,
    );
    expect(await received(hub)).toBe(7);
  }, 600_000);

  it('opens the databases itself while no hub runs; the hub started again has the correction', async () => {
    await hub?.stop();
    hub = undefined;
    const result = await importFile(figures(9));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/: 0 inserted, 1 corrected, 0 unchanged \(batch [0-9a-f-]{36}\)\n$/);
    hub = await startHub(testConfig({ DATA_DIR: dataDir }));
    expect(await received(hub)).toBe(9);
  }, 600_000);
});
