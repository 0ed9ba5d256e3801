import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { AssetFile, AssetTree, bodyOf, sendBody } from './http/static-assets';

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

export const LIVE_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>newsgraph · live statements</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/live/live.css">
  <script type="module" src="/live/app.js"></script>
</head>
<body>
  <a class="skip" href="#feed-title">Skip to the statements</a>
  <header class="top">
    <h1><span class="brand">newsgraph</span> live statements</h1>
    <p id="status" class="status" role="status" aria-live="polite" data-state="idle">
      <span class="dot" aria-hidden="true"></span><span class="visually-hidden">Connection: </span><span id="status-text">not watching</span>
    </p>
  </header>
  <main>
    <form id="filter" class="filter" aria-labelledby="filter-title">
      <h2 id="filter-title">What to watch</h2>
      <div class="field">
        <label for="actor-search">Statements by</label>
        <div class="row">
          <input id="actor-search" type="search" placeholder="e.g. España" autocomplete="off" aria-describedby="actor-note">
          <button type="button" id="actor-search-button" class="secondary">Search</button>
        </div>
        <select id="actor" aria-label="Actor" aria-describedby="actor-help"><option value="">Anyone</option></select>
        <p id="actor-note" class="note" aria-live="polite"></p>
        <p id="actor-help" class="help">Includes what anyone said while speaking for this actor: its members, ministers and spokespeople at the time.</p>
      </div>
      <div class="field">
        <label for="topic">About</label>
        <select id="topic"><option value="">Any topic</option></select>
      </div>
      <div class="actions">
        <button type="submit" id="watch">Watch</button>
        <button type="button" id="stop" class="secondary" disabled>Stop</button>
      </div>
    </form>
    <section class="feed" aria-labelledby="feed-title">
      <h2 id="feed-title">New statements</h2>
      <p id="watching" class="watching">Choose what to watch, then press Watch.</p>
      <div id="feed-error" class="error" role="alert" hidden></div>
      <p id="feed-empty" class="empty">Statements appear here as they are loaded, newest first. If the connection drops, the page reconnects and catches up on what it missed.</p>
      <p id="announcer" class="visually-hidden" aria-live="polite"></p>
      <ol id="feed" class="items"></ol>
    </section>
  </main>
  <noscript><p class="error">This page needs JavaScript to receive statements.</p></noscript>
</body>
</html>
`;

export const LIVE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --text: #1d2433; --muted: #5a6478; --line: #d9dee7;
  --accent: #2456c8; --accent-text: #ffffff; --live: #1f8a4c; --warn: #b35c00; --bad: #b42318;
  --contra-bg: #fff4e5; --contra-line: #e07b00; --contra-text: #8a4200; --fresh: #e8f0ff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151c; --panel: #1b2029; --text: #e6e9ef; --muted: #a3acbd; --line: #323a48;
    --accent: #7aa2ff; --accent-text: #0c1020; --live: #4cc586; --warn: #f0a04b; --bad: #ff7b72;
    --contra-bg: #2d2212; --contra-line: #f0a04b; --contra-text: #f5b971; --fresh: #1d2a44;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--panel); padding: .5rem; z-index: 1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.top { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap;
  padding: .75rem 1.5rem; background: var(--panel); border-bottom: 1px solid var(--line); }
h1 { font-size: 1.25rem; margin: 0; font-weight: 600; }
.brand { color: var(--accent); }
h2 { font-size: 1.05rem; margin: 0 0 .75rem; }
main { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: 1.5rem; padding: 1.5rem; max-width: 75rem; margin: 0 auto; }
@media (max-width: 48rem) { main { grid-template-columns: 1fr; padding: 1rem; } }
.filter, .feed { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem; }
.filter { align-self: start; }
.field { margin-bottom: 1rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
.row { display: flex; gap: .5rem; margin-bottom: .5rem; }
input, select, button { font: inherit; color: inherit; }
input, select { width: 100%; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: .35rem; background: var(--bg); }
button { padding: .45rem .9rem; border-radius: .35rem; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text); cursor: pointer; font-weight: 600; }
button.secondary { background: transparent; color: var(--accent); }
button:disabled { opacity: .45; cursor: default; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.actions { display: flex; gap: .5rem; }
.note, .help { color: var(--muted); font-size: .875rem; margin: .35rem 0 0; }
.note:empty { display: none; }
.status { display: inline-flex; align-items: center; gap: .5rem; margin: 0; padding: .3rem .75rem; border-radius: 999px;
  border: 1px solid var(--line); font-weight: 600; font-size: .9rem; max-width: 36rem; }
.status .dot { width: .65rem; height: .65rem; border-radius: 50%; background: var(--muted); flex: none; }
.status[data-state="live"] { color: var(--live); border-color: var(--live); }
.status[data-state="live"] .dot { background: var(--live); animation: pulse 2s infinite; }
.status[data-state="connecting"], .status[data-state="reconnecting"] { color: var(--warn); border-color: var(--warn); }
.status[data-state="connecting"] .dot, .status[data-state="reconnecting"] .dot { background: var(--warn); }
.status[data-state="failed"] { color: var(--bad); border-color: var(--bad); }
.status[data-state="failed"] .dot { background: var(--bad); }
@keyframes pulse { 50% { opacity: .35; } }
.watching { color: var(--muted); margin: -.5rem 0 1rem; }
.empty { color: var(--muted); font-style: italic; }
.error { color: var(--bad); border: 1px solid var(--bad); border-radius: .35rem; padding: .5rem .75rem; margin-bottom: 1rem; }
.items { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
.statement article { border: 1px solid var(--line); border-radius: .45rem; padding: .75rem 1rem; transition: background-color 1.5s; }
.statement.fresh article { background: var(--fresh); }
.statement header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 .25rem; }
.speaker { font-weight: 700; }
.behalf, .said-at, .sources .label, .key { color: var(--muted); }
.arrived { margin-left: auto; color: var(--muted); font-size: .8rem; }
.text { margin: .4rem 0; padding-left: .75rem; border-left: 3px solid var(--line); font-size: 1.05rem; }
.sources { margin: .25rem 0; font-size: .9rem; }
.outlet { font-weight: 600; color: var(--accent); }
.key { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .75rem; margin: .25rem 0 0; }
.contradictions { margin-top: .6rem; background: var(--contra-bg); border-left: 4px solid var(--contra-line); border-radius: .25rem; padding: .5rem .75rem; }
.contradictions h3 { font-size: .85rem; margin: 0 0 .25rem; text-transform: uppercase; letter-spacing: .04em; color: var(--contra-text); }
.contradictions ul { margin: 0; padding-left: 1rem; }
.origin { display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase; padding: 0 .35rem; border-radius: .25rem; border: 1px solid var(--contra-text); color: var(--contra-text); }
.origin-explicit { background: var(--contra-text); color: var(--panel); }
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
`;

const MODULE = /^\/live\/([a-z][a-z-]*\.js)$/;

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  const headers = {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
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
  let modules: string[] = [];
  try {
    modules = readdirSync(LIVE_ASSETS_DIR).filter((f) => MODULE.test(`/live/${f}`));
  } catch {
    // not built: the page then names the plain paths, which say so
  }
  for (const m of modules) files.push({ name: m, type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(LIVE_ASSETS_DIR, m)) });
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
  const module = MODULE.exec(pathname);
  if (module) {
    try {
      const code = await readFile(path.join(LIVE_ASSETS_DIR, module[1]));
      send(req, res, 200, 'text/javascript; charset=utf-8', code);
    } catch {
      send(req, res, 404, 'text/plain; charset=utf-8', `${pathname} is not built: run \`npm run build\``);
    }
    return true;
  }
  send(req, res, 404, 'text/plain; charset=utf-8', 'not found');
  return true;
}
