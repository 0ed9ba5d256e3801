import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What the gateway's own browser pages (/live, /review) have in common: their security headers,
 * their HTML shell, and the browser modules they share (project gateway/browser, built to
 * gateway/dist/browser and served beside each page's own modules under the page's prefix).
 */

/** Where `tsc -b` puts the browser modules both pages import (`./dom.js`). */
export const SHARED_BROWSER_DIR = path.resolve(__dirname, 'browser');

/**
 * Nothing outside this origin: scripts and styles are same-origin files, data goes to the same host
 * over HTTP and WebSocket (`'self'` covers ws:/wss: to the same host in CSP 3 browsers).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every response of a page carries (the document, its assets, its errors). */
export function pageHeaders(type: string): Record<string, string> {
  return {
    'content-type': type,
    'content-security-policy': PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

export interface PageShell {
  /** the text after "newsgraph · " in the title */
  title: string;
  /** the page's URL prefix, e.g. `/live`: the stylesheet and entry module are `<prefix>/<name>` */
  prefix: string;
  stylesheet: string;
  /** modules to preload (paths under the prefix) */
  preload?: string[];
  entry: string;
  /** the body's markup */
  body: string;
}

/** A page's document: head (charset, viewport, title, no favicon request, stylesheet, module) and body. */
export function pageShell(page: PageShell): string {
  const preload = (page.preload ?? []).map((p) => `\n  <link rel="modulepreload" href="${page.prefix}/${p}">`).join('');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>newsgraph · ${page.title}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${page.prefix}/${page.stylesheet}">${preload}
  <script type="module" src="${page.prefix}/${page.entry}"></script>
</head>
<body>
${page.body}
</body>
</html>
`;
}

/** The `.js` files of a page's module folder and of the shared one (the page's own win on a clash). */
export function browserModuleFiles(dir: string): { name: string; file: string }[] {
  const found = new Map<string, string>();
  for (const d of [SHARED_BROWSER_DIR, dir]) {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      // not built: the page then names the plain paths, which say so
    }
    for (const n of names) if (/^[a-z][a-z-]*\.js$/.test(n)) found.set(n, path.join(d, n));
  }
  return [...found].map(([name, file]) => ({ name, file }));
}

/** A page's module `name` (already checked to be a plain `*.js` name): its own first, then the shared one. */
export async function readBrowserModule(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(path.join(dir, name));
  } catch (err) {
    try {
      return await readFile(path.join(SHARED_BROWSER_DIR, name));
    } catch {
      throw err;
    }
  }
}
