import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { browserModuleFiles, pageHeaders, readBrowserModule } from './browser-page';
import { AssetFile, AssetTree, bodyOf, sendBody } from './http/static-assets';
import { LIVE_CSS } from './live-page-css';
import { LIVE_HTML } from './live-page-html';
import { vendorAssetFiles, vendorBody } from './live-page-vendor';

export { LIVE_CSS, LIVE_HTML };

/** Where `tsc -b` puts the dashboard's browser modules (project gateway/live). */
export const LIVE_ASSETS_DIR = path.resolve(__dirname, 'live');

const MODULE = /^\/live\/([a-z][a-z-]*\.js)$/;
const VENDOR = /^\/live\/vendor\/([a-z][a-z-]*\.js)$/;

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  const headers = pageHeaders(type);
  // 200s go out with a validator (304 on a repeat visit) and compressed
  if (status === 200) {
    void sendBody(req, res, bodyOf(type, body), 'no-cache', headers);
    return;
  }
  res.writeHead(status, { ...headers, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The dashboard's files, for serving under content-hashed URLs (http/static-assets.ts). */
export function liveAssetFiles(): AssetFile[] {
  const files: AssetFile[] = [{ name: 'live.css', type: 'text/css; charset=utf-8', body: LIVE_CSS }];
  for (const m of browserModuleFiles(LIVE_ASSETS_DIR)) files.push({ name: m.name, type: 'text/javascript; charset=utf-8', body: readFileSync(m.file) });
  files.push(...vendorAssetFiles());
  return files;
}

/**
 * Serves `/live` (the dashboard) and its same-origin assets. Returns false for every other
 * request, which then goes to the GraphQL runtime.
 */
export async function serveLive(req: http.IncomingMessage, res: http.ServerResponse, assets?: AssetTree): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'http://local').pathname;
  if (pathname !== '/live' && pathname !== '/live/' && !pathname.startsWith('/live/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  if (pathname === '/live' || pathname === '/live/') {
    send(req, res, 200, 'text/html; charset=utf-8', assets ? assets.rewrite(LIVE_HTML, '/live') : LIVE_HTML);
    return true;
  }
  if (pathname === '/live/live.css') {
    send(req, res, 200, 'text/css; charset=utf-8', LIVE_CSS);
    return true;
  }
  const vendor = VENDOR.exec(pathname);
  const vendored = vendor && vendorBody(vendor[1]);
  if (vendored) {
    send(req, res, 200, 'text/javascript; charset=utf-8', vendored);
    return true;
  }
  const module = MODULE.exec(pathname);
  if (module) {
    try {
      const code = await readBrowserModule(LIVE_ASSETS_DIR, module[1]);
      send(req, res, 200, 'text/javascript; charset=utf-8', code);
    } catch {
      send(req, res, 404, 'text/plain; charset=utf-8', `${pathname} is not built: run \`npm run build\``);
    }
    return true;
  }
  send(req, res, 404, 'text/plain; charset=utf-8', 'not found');
  return true;
}
