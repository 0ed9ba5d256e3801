import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { LIVE_CSS } from './live-page-css';
import { LIVE_HTML } from './live-page-html';
import { vendorFile } from './live-page-vendor';

export { LIVE_CSS, LIVE_HTML };

/** Where `tsc -b` puts the dashboard's browser modules (project gateway/live). */
export const LIVE_ASSETS_DIR = path.resolve(__dirname, 'live');

/**
 * Nothing outside this origin: scripts and styles are same-origin files, data goes to /graphql
 * over HTTP and WebSocket (`'self'` covers ws:/wss: to the same host in CSP 3 browsers).
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MODULE = /^\/live\/([a-z][a-z-]*\.js)$/;
const VENDOR = /^\/live\/vendor\/([a-z][a-z-]*\.js)$/;

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  head: boolean,
  extra: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
    ...extra,
  });
  res.end(head ? undefined : body);
}

/** The chart library: revalidated by ETag (a reload costs a 304), gzipped for clients that take it. */
async function sendVendor(req: http.IncomingMessage, res: http.ServerResponse, name: string, head: boolean): Promise<boolean> {
  const pending = vendorFile(name);
  if (!pending) return false;
  const file = await pending;
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, { etag: file.etag, 'cache-control': 'no-cache' }).end();
    return true;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  send(res, 200, 'text/javascript; charset=utf-8', gzip ? file.gzipped : file.body, head, {
    etag: file.etag,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  return true;
}

/**
 * Serves `/live` (the dashboard) and its same-origin assets. Returns false for every other
 * request, which then goes to the GraphQL runtime.
 */
export async function serveLive(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'http://local').pathname;
  if (pathname !== '/live' && pathname !== '/live/' && !pathname.startsWith('/live/')) return false;
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  if (pathname === '/live' || pathname === '/live/') {
    send(res, 200, 'text/html; charset=utf-8', LIVE_HTML, head);
    return true;
  }
  if (pathname === '/live/live.css') {
    send(res, 200, 'text/css; charset=utf-8', LIVE_CSS, head);
    return true;
  }
  const vendor = VENDOR.exec(pathname);
  if (vendor && (await sendVendor(req, res, vendor[1], head))) return true;
  const module = MODULE.exec(pathname);
  if (module) {
    try {
      const code = await readFile(path.join(LIVE_ASSETS_DIR, module[1]));
      send(res, 200, 'text/javascript; charset=utf-8', code, head);
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', `${pathname} is not built: run \`npm run build\``, head);
    }
    return true;
  }
  send(res, 404, 'text/plain; charset=utf-8', 'not found', head);
  return true;
}
