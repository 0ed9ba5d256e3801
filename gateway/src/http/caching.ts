import { createHash } from 'node:crypto';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { addVary, compress, COMPRESSION_THRESHOLD_BYTES, isCompressible, negotiateEncoding } from './compression';

/**
 * HTTP semantics of GraphQL answers:
 * - a GET query answered 200 carries a validator (ETag) and `Cache-Control: no-cache`, so browsers
 *   and CDNs keep it and ask again with `If-None-Match`, answered `304 Not Modified` while the
 *   answer is unchanged (the data change with every ingest, so nothing is served without asking);
 * - everything else (mutations, POST, errors, refusals) is `no-store`;
 * - bodies are compressed per Accept-Encoding above a threshold (streams never).
 */
export interface HttpCachingOptions {
  graphqlPath: string;
  /** request headers every answer varies on besides Accept and Accept-Encoding (Origin under a CORS allow-list) */
  vary?: string[];
}

/** A weak validator: the same for the compressed and plain forms of one answer. */
export function etagOf(body: Uint8Array): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match against an ETag, by the weak comparison RFC 9110 prescribes for it. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((t) => opaque(t) === opaque(etag));
}

const STREAMING = /^(text\/event-stream|multipart\/)/i;

export function useHttpCaching(options: HttpCachingOptions): GatewayPlugin {
  const operationType = new WeakMap<object, string>();
  const remember = ({ args }: { args: { contextValue?: { request?: object }; document: unknown; operationName?: string | null } }) => {
    const request = args.contextValue?.request;
    if (!request) return;
    const op = getOperationAST(args.document as DocumentNode, args.operationName);
    if (op) operationType.set(request, op.operation);
  };
  return {
    onExecute: remember,
    onSubscribe: remember,
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (new URL(request.url).pathname !== options.graphqlPath) return;
      const headers = new fetchAPI.Headers(response.headers);
      const type = headers.get('content-type') ?? '';
      if (STREAMING.test(type)) return;
      let vary = addVary(addVary(headers.get('vary'), 'Accept'), 'Accept-Encoding');
      for (const v of options.vary ?? []) vary = addVary(vary, v);
      headers.set('vary', vary);
      const kind = operationType.get(request);
      const cacheable = request.method === 'GET' && response.status === 200 && kind !== 'mutation' && kind !== 'subscription';
      const body = new Uint8Array(await response.arrayBuffer());
      if (!cacheable) {
        headers.set('cache-control', 'no-store');
      } else {
        const etag = etagOf(body);
        headers.set('etag', etag);
        headers.set('cache-control', 'no-cache');
        if (matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) {
          headers.delete('content-length');
          headers.delete('content-type');
          setResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
      }
      const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
      if (encoding && body.byteLength >= COMPRESSION_THRESHOLD_BYTES && isCompressible(type)) {
        const compressed = await compress(body, encoding);
        headers.set('content-encoding', encoding);
        headers.set('content-length', String(compressed.byteLength));
        // a zlib Buffer is backed by an ArrayBuffer (never a shared one), which is what a body may be
        setResponse(new fetchAPI.Response(compressed as Uint8Array<ArrayBuffer>, { status: response.status, statusText: response.statusText, headers }));
        return;
      }
      headers.set('content-length', String(body.byteLength));
      setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
