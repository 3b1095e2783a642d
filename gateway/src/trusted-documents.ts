import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { type KeyValueCache, PrefixingKeyValueCache } from '@apollo/utils.keyvaluecache';
import { ConfigError } from '@motcua/config';
import { userError } from '@motcua/graphql-kit';
import { getOperationAST, parse } from 'graphql';

/** Apollo's persisted query manifest: the operations a production portal was built with. */
export type TrustedDocumentsManifest = {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }[];
};

/** The registered operations' bodies by their SHA-256 (hex), the hash APQ clients send. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');

/** Reads a manifest at start; a manifest that cannot be trusted stops the start with one line saying why. */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  const fail = (reason: string): never => {
    throw new ConfigError(`Invalid configuration: TRUSTED_DOCUMENTS ${path} ${reason}`);
  };
  let manifest: Partial<TrustedDocumentsManifest>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail(`cannot be read as JSON (${(error as Error).message})`);
  }
  if (
    manifest.format !== 'apollo-persisted-query-manifest' ||
    manifest.version !== 1 ||
    !Array.isArray(manifest.operations)
  ) {
    return fail('is not an apollo-persisted-query-manifest, version 1, with a list of operations');
  }
  const documents = new Map<string, string>();
  for (const [index, operation] of manifest.operations.entries()) {
    if (typeof operation?.body !== 'string' || operation.id !== sha256(operation.body)) {
      fail(`operation ${index + 1}: its id must be the SHA-256 (hex) of its body`);
    }
    documents.set(operation.id, operation.body);
  }
  return documents;
}

/** A manifest entry for one .graphql document holding exactly one operation, sent by clients as written. */
export function manifestEntry(body: string): TrustedDocumentsManifest['operations'][number] {
  // Null when the document holds several operations: each must be registered (and sent) on its own.
  const operation = getOperationAST(parse(body));
  if (!operation?.name) {
    throw new Error('a trusted document holds exactly one named operation (and the fragments it uses)');
  }
  return { id: sha256(body), name: operation.name.value, type: operation.operation, body };
}

/**
 * The persisted query cache in trusted documents mode: the manifest and nothing else, so a client may send a
 * registered operation's hash alone and no request can register a new one.
 */
export function trustedDocumentsCache(documents: TrustedDocuments): KeyValueCache<string> {
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation({
    get: async (hash) => documents.get(hash),
    set: async () => {},
    delete: async () => {},
  });
}

/** Refuses any operation whose body is not in the manifest, before any subgraph is called. */
export function trustedDocumentsPlugin(documents: TrustedDocuments): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (documents.has(queryHash)) return;
          throw userError(
            'OPERATION_NOT_TRUSTED',
            'This gateway runs only the operations registered in its trusted documents manifest; register this one with `pnpm trusted-documents`',
            { http: { status: 403 } },
          );
        },
      };
    },
  };
}
