import http from 'node:http';
import path from 'node:path';
import { pageHeaders, pageShell, readBrowserModule } from './browser-page';
import { ReviewApiOptions, serveReviewApi } from './review-api';
import { REVIEW_CSS } from './review-style';

/** Where `tsc -b` puts the review page's browser modules (project gateway/review). */
export const REVIEW_ASSETS_DIR = path.resolve(__dirname, 'review');

export const REVIEW_HTML = pageShell({
  title: 'review quotations',
  prefix: '/review',
  stylesheet: 'review.css',
  entry: 'app.js',
  body: `  <a class="skip" href="#quotations-title">Skip to the quotations</a>
  <header class="top">
    <h1><span class="brand">newsgraph</span> review quotations</h1>
    <form id="token-form" class="token" aria-label="Write token">
      <label for="token">Write token</label>
      <input id="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-help" placeholder="needed to ingest">
      <button type="button" id="token-forget" class="secondary">Forget</button>
      <p id="token-help" class="help">Kept in this tab only (sessionStorage), sent only when ingesting.</p>
    </form>
  </header>
  <main>
    <div class="side">
      <form id="article-form" class="panel" aria-labelledby="article-title">
        <h2 id="article-title">Article</h2>
        <div class="field">
          <label for="article-text">Text or HTML of the article</label>
          <textarea id="article-text" rows="10" required aria-describedby="article-text-help"></textarea>
          <p id="article-text-help" class="help">Paste the article's body text (its headline goes in Title), or the whole page's HTML: then its title, outlet, date and address are read from the page.</p>
        </div>
        <div class="grid2">
          <div class="field"><label for="article-headline">Title</label><input id="article-headline" type="text" autocomplete="off"></div>
          <div class="field"><label for="article-outlet">Outlet</label><input id="article-outlet" type="text" autocomplete="off"></div>
          <div class="field"><label for="article-date">Published</label><input id="article-date" type="text" placeholder="YYYY-MM-DD" autocomplete="off" aria-describedby="article-date-help"></div>
          <div class="field"><label for="article-language">Language</label>
            <select id="article-language"><option value="">detect</option><option value="en">English</option><option value="es">Spanish</option></select></div>
        </div>
        <p id="article-date-help" class="help">A date or an ISO instant; without one, quotations have no day and the article cannot be ingested.</p>
        <div class="field"><label for="article-url">URL</label><input id="article-url" type="url" placeholder="https://…" autocomplete="off"></div>
        <div class="actions">
          <button type="submit" id="extract">Find quotations</button>
        </div>
        <div id="extract-error" class="error" role="alert" hidden></div>
      </form>
      <section class="panel" aria-labelledby="queue-title">
        <h2 id="queue-title">Waiting for review</h2>
        <p id="queue-empty" class="empty">Articles the feed watcher was unsure of appear here.</p>
        <ul id="queue" class="queue"></ul>
        <button type="button" id="queue-refresh" class="secondary">Refresh</button>
      </section>
    </div>
    <div class="work">
      <section class="panel" aria-labelledby="text-title">
        <h2 id="text-title">Text <span id="doc-meta" class="meta"></span></h2>
        <div id="problems" class="problems" hidden></div>
        <p id="mentions" class="help" hidden></p>
        <div id="article-view" class="article-view"><p class="empty">Find the quotations of an article, or open one waiting for review.</p></div>
      </section>
      <section class="panel" aria-labelledby="quotations-title">
        <h2 id="quotations-title" tabindex="-1">Quotations <span id="counts" class="meta"></span></h2>
        <ol id="quotations" class="quotations"></ol>
        <div class="ingest-bar">
          <button type="button" id="ingest" disabled>Ingest accepted</button>
          <button type="button" id="accept-all" class="secondary" disabled>Accept all</button>
          <button type="button" id="dequeue" class="secondary" hidden>Done: remove from the queue</button>
          <p id="ingest-note" class="help"></p>
        </div>
        <div id="result" class="result" role="status" aria-live="polite"></div>
      </section>
    </div>
  </main>
  <noscript><p class="error">This page needs JavaScript.</p></noscript>`,
});

const MODULE = /^\/review\/([a-z][a-z-]*\.js)$/;

export function sendPage(res: http.ServerResponse, status: number, type: string, body: string | Buffer, head: boolean): void {
  res.writeHead(status, { ...pageHeaders(type), 'cache-control': 'no-cache' });
  res.end(head ? undefined : body);
}

/** The page and its same-origin assets (GET/HEAD). False when the path is not one of them. */
export async function serveReviewAssets(pathname: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const head = req.method === 'HEAD';
  const page = pathname === '/review' || pathname === '/review/';
  const css = pathname === '/review/review.css';
  const module = MODULE.exec(pathname);
  if (!page && !css && !module) return false;
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  if (page) sendPage(res, 200, 'text/html; charset=utf-8', REVIEW_HTML, head);
  else if (css) sendPage(res, 200, 'text/css; charset=utf-8', REVIEW_CSS, head);
  else {
    try {
      const code = await readBrowserModule(REVIEW_ASSETS_DIR, module![1]);
      sendPage(res, 200, 'text/javascript; charset=utf-8', code, head);
    } catch {
      sendPage(res, 404, 'text/plain; charset=utf-8', `${pathname} is not built: run \`npm run build\``, head);
    }
  }
  return true;
}

/**
 * Serves `/review` (the page, its assets and its JSON endpoints). Returns false for every other
 * request, which then goes to the GraphQL runtime.
 */
export async function serveReview(req: http.IncomingMessage, res: http.ServerResponse, options: ReviewApiOptions): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'http://local').pathname;
  if (pathname !== '/review' && !pathname.startsWith('/review/')) return false;
  if (await serveReviewAssets(pathname, req, res)) return true;
  if (await serveReviewApi(pathname, req, res, options)) return true;
  sendPage(res, 404, 'text/plain; charset=utf-8', 'not found', req.method === 'HEAD');
  return true;
}
