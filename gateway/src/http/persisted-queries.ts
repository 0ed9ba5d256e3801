import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { PersistedQueryStore } from './persisted-store';

/**
 * Automatic persisted queries (the protocol of Apollo's persisted-queries link, also spoken by
 * urql's and graphql-request's): a client sends `extensions.persistedQuery.sha256Hash` alone; on
 * a miss it is told `PersistedQueryNotFound` and sends hash and document together, which registers
 * the document once it has parsed and validated. With trusted documents, only the documents of a
 * manifest run, by hash or in full, and nothing registers.
 */
export interface PersistedQueryOptions {
  /** where registered documents are kept (automatic persisted queries) */
  store: PersistedQueryStore;
  /** when set, the only documents that may run: hash -> document (see loadTrustedDocuments) */
  trusted?: ReadonlyMap<string, string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

function requestError(message: string, code: string, status: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

interface PersistedQueryExtension {
  version?: unknown;
  sha256Hash?: unknown;
}

export function usePersistedQueries(options: PersistedQueryOptions): GatewayPlugin {
  // documents to register once the operation has passed parsing, validation and the limits, so
  // the store only ever holds documents that run
  const pending = new WeakMap<object, { hash: string; document: string }>();
  const register = (args: { contextValue?: { request?: object } }) => {
    const request = args.contextValue?.request;
    const entry = request && pending.get(request);
    if (!entry) return;
    pending.delete(request);
    void options.store.set(entry.hash, entry.document);
  };
  return {
    async onParams({ params, setParams, request }) {
      let extensions = params.extensions;
      // GET carries extensions as a JSON string in the query string
      if (typeof extensions === 'string') {
        try {
          extensions = JSON.parse(extensions);
        } catch {
          throw requestError('The "extensions" parameter is not valid JSON.', 'BAD_REQUEST', 400);
        }
      }
      const pq: PersistedQueryExtension | undefined = extensions?.persistedQuery;
      const query: unknown = params.query;
      if (!pq) {
        if (options.trusted && typeof query === 'string' && !options.trusted.has(sha256(query))) {
          throw requestError(
            'Only trusted documents run on this gateway: this document is not in its manifest (NEWSGRAPH_TRUSTED_DOCUMENTS).',
            'PERSISTED_QUERY_NOT_ALLOWED',
            403,
          );
        }
        return;
      }
      if (pq.version !== 1) throw requestError('Unsupported persisted query version: send version 1.', 'PERSISTED_QUERY_NOT_SUPPORTED', 400);
      const hash = typeof pq.sha256Hash === 'string' ? pq.sha256Hash.toLowerCase() : '';
      if (!SHA256.test(hash)) throw requestError('persistedQuery.sha256Hash must be 64 hexadecimal characters.', 'BAD_REQUEST', 400);
      if (typeof query === 'string' && query !== '') {
        if (sha256(query) !== hash) {
          throw requestError('persistedQuery.sha256Hash is not the SHA-256 of the query sent with it.', 'PERSISTED_QUERY_HASH_MISMATCH', 400);
        }
        if (options.trusted) {
          if (!options.trusted.has(hash)) {
            throw requestError('Only trusted documents run on this gateway: this document is not in its manifest.', 'PERSISTED_QUERY_NOT_ALLOWED', 403);
          }
        } else {
          pending.set(request, { hash, document: query });
        }
        setParams({ ...params, extensions });
        return;
      }
      const document = options.trusted ? options.trusted.get(hash) : await options.store.get(hash);
      // 'PersistedQueryNotFound' is the message the clients' links look for before sending the document
      if (document === undefined) throw requestError('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 404);
      setParams({ ...params, query: document, extensions });
    },
    onExecute: ({ args }) => register(args),
    onSubscribe: ({ args }) => register(args),
  };
}

/**
 * Reads a trusted-documents manifest: Apollo's persisted query manifest
 * (`{"format": "apollo-persisted-query-manifest", "operations": [{"id", "body"}]}`) or a plain
 * `{"<sha256>": "<document>"}` object (GraphQL Code Generator's persisted documents). Every id must
 * be its document's SHA-256; problems are listed by their place in the file.
 */
export function loadTrustedDocuments(file: string): Map<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`NEWSGRAPH_TRUSTED_DOCUMENTS: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const operations: unknown = json && typeof json === 'object' ? (json as { operations?: unknown }).operations : undefined;
  const entries: Array<[string, unknown, string]> = Array.isArray(operations)
    ? operations.map((o: unknown, i: number): [string, unknown, string] => {
        const operation: { id?: unknown; body?: unknown } = o && typeof o === 'object' ? o : {};
        return [String(operation.id ?? ''), operation.body, `/operations/${i}`];
      })
    : json && typeof json === 'object'
      ? Object.entries(json).map(([id, body]) => [id, body, `/${id}`])
      : [];
  const problems: string[] = [];
  const documents = new Map<string, string>();
  for (const [id, body, where] of entries) {
    if (typeof body !== 'string' || body === '') problems.push(`${where}: the document must be a non-empty string`);
    else if (sha256(body) !== id.toLowerCase()) problems.push(`${where}: id ${id} is not the SHA-256 of its document (${sha256(body)})`);
    else documents.set(id.toLowerCase(), body);
  }
  if (!entries.length) problems.push('no documents: expected {"operations": [{"id", "body"}]} or {"<sha256>": "<document>"}');
  if (problems.length) throw new Error(`NEWSGRAPH_TRUSTED_DOCUMENTS ${file}: ${problems.join('; ')}`);
  return documents;
}
