import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type KeyValueCache, PrefixingKeyValueCache } from '@apollo/utils.keyvaluecache';
import { ConfigError } from '@motcua/config';
import { refuse } from '@motcua/errors';
import type { RequestHandler } from 'express';
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

type GraphQLParams = { query?: unknown; extensions?: unknown };

/** The SHA-256 a request's operation has: of its text, or the APQ hash it sends instead of the text. */
function operationHash(params: GraphQLParams): string | undefined {
  if (typeof params.query === 'string') return sha256(params.query);
  let extensions = params.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return undefined;
    }
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery
    ?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * Express middleware in trusted documents mode: refuses any operation whose text is not in the manifest before it
 * is parsed, so an unregistered query learns nothing about the schema, not even which fields exist.
 */
export function trustedDocumentsMiddleware(documents: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const hash = operationHash((req.method === 'GET' ? req.query : req.body) ?? {});
    if (hash !== undefined && documents.has(hash)) return next();
    refuse(
      res,
      403,
      'OPERATION_NOT_TRUSTED',
      'This gateway runs only the operations registered in its trusted documents manifest; register this one with `pnpm trusted-documents`',
    );
  };
}
