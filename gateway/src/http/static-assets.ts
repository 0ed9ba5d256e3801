import { createHash } from 'node:crypto';
import type http from 'node:http';
import { compress, COMPRESSION_THRESHOLD_BYTES, Encoding, isCompressible, negotiateEncoding } from './compression';
import { matchesIfNoneMatch } from './caching';

/**
 * Files the gateway serves itself (the playground's scripts, the /live dashboard's modules), under
 * content-hashed URLs: `/assets/<tree>.<hash>/<file>`, where the hash covers every file of the tree,
 * so relative imports between a tree's modules keep working and any change gives new URLs. Those
 * URLs never change content, so they are cached for a year (`immutable`); the pages that name them
 * are revalidated on every load (ETag, 304). Compressed forms are made once per file and encoding.
 */
export interface AssetFile {
  name: string;
  type: string;
  body: string | Buffer;
}

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
  compressed: Map<Encoding, Promise<Buffer>>;
}

export interface AssetTree {
  /** `/assets/<tree>.<hash>` */
  base: string;
  /** the hashed URL of a file of this tree */
  urlOf(name: string): string;
  /**
   * Replaces each `"<legacy>/<file>"` (a quoted URL in a page's markup) by the file's hashed URL,
   * so a page can be written with plain paths.
   */
  rewrite(html: string, legacyPrefix: string): string;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

function digest(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('base64url');
}

function assetOf(type: string, body: Buffer): Asset {
  return { type, body, etag: `"${digest(body).slice(0, 27)}"`, compressed: new Map() };
}

export class AssetServer {
  private readonly assets = new Map<string, Asset>();

  /** Registers a tree of files and returns where they are served. */
  addTree(treeName: string, files: AssetFile[]): AssetTree {
    const hash = createHash('sha256');
    const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
    for (const f of sorted) hash.update(f.name).update('\0').update(f.body).update('\0');
    const base = `/assets/${treeName}.${hash.digest('base64url').slice(0, 16)}`;
    for (const f of sorted) this.assets.set(`${base}/${f.name}`, assetOf(f.type, Buffer.from(f.body)));
    const names = new Set(sorted.map((f) => f.name));
    return {
      base,
      urlOf: (name) => {
        if (!names.has(name)) throw new Error(`asset ${name} is not in tree ${treeName}`);
        return `${base}/${name}`;
      },
      rewrite: (html, legacyPrefix) =>
        html.replace(/(["'])([^"']+)\1/g, (all, quote: string, url: string) => {
          const name = url.startsWith(`${legacyPrefix}/`) ? url.slice(legacyPrefix.length + 1) : undefined;
          return name && names.has(name) ? `${quote}${base}/${name}${quote}` : all;
        }),
    };
  }

  /** Serves a registered asset; false when the request is for something else. */
  serve(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    if (!pathname.startsWith('/assets/')) return false;
    const asset = this.assets.get(pathname);
    if (!asset) {
      // an old hash after a deploy, or a typo: never serve other content under an immutable URL
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${pathname} is not an asset of this gateway`);
      return true;
    }
    void sendBody(req, res, asset, IMMUTABLE);
    return true;
  }
}

/**
 * Sends a body with its validator: 304 when If-None-Match names it, HEAD without the body, and
 * the compressed form the client prefers. For assets and pages alike.
 */
export async function sendBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  asset: { type: string; body: Buffer; etag: string; compressed?: Map<Encoding, Promise<Buffer>> },
  cacheControl: string,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Only GET and HEAD are allowed here.');
    return;
  }
  const headers: Record<string, string> = {
    ...extraHeaders,
    etag: asset.etag,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    vary: 'Accept-Encoding',
  };
  if (matchesIfNoneMatch(header(req, 'if-none-match'), asset.etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  let body = asset.body;
  const encoding = negotiateEncoding(header(req, 'accept-encoding'));
  if (encoding && body.byteLength >= COMPRESSION_THRESHOLD_BYTES && isCompressible(asset.type)) {
    const cache = asset.compressed ?? new Map<Encoding, Promise<Buffer>>();
    let pending = cache.get(encoding);
    if (!pending) {
      pending = compress(asset.body, encoding, asset.compressed ? 'small' : 'fast');
      cache.set(encoding, pending);
    }
    try {
      body = await pending;
      headers['content-encoding'] = encoding;
    } catch {
      cache.delete(encoding);
    }
  }
  headers['content-type'] = asset.type;
  headers['content-length'] = String(body.byteLength);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A page or asset made on the fly: its validator is its content's hash. */
export function bodyOf(type: string, body: string | Buffer): Asset {
  return assetOf(type, Buffer.from(body));
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}
