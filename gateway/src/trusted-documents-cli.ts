// Writes a trusted documents manifest from .graphql files, one named operation each (with the fragments it uses):
// `pnpm trusted-documents <out.json> <file.graphql…>`. Clients send each file's text as written, or its hash.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifestEntry, type TrustedDocumentsManifest } from './trusted-documents.ts';

// pnpm runs scripts from the workspace root; paths are meant from where the command was typed.
const from = process.env.INIT_CWD ?? process.cwd();
const [out, ...files] = process.argv.slice(2);

if (out === undefined || files.length === 0) {
  console.error('Usage: pnpm trusted-documents <out.json> <file.graphql…>');
  process.exitCode = 1;
} else {
  try {
    const manifest: TrustedDocumentsManifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: files.map((file) => {
        try {
          return manifestEntry(readFileSync(resolve(from, file), 'utf8'));
        } catch (error) {
          throw new Error(`${file}: ${(error as Error).message}`);
        }
      }),
    };
    writeFileSync(resolve(from, out), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`Wrote ${manifest.operations.length} operations to ${out}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
