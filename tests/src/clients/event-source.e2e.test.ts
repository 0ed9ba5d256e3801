import http from 'node:http';
import { AddressInfo } from 'node:net';
import { BROWSER_SETUP_TIMEOUT_MS, BrowserStack, closeBrowserStack, openBrowserStack } from '../browser/chromium';
import { FEED_FROM_START, FEED_START, SPAIN_BASE_USE_IN_COMMIT_ORDER } from './feed';

/**
 * A page on another origin, in Chromium, with nothing but the gateway's URL: the browser's own
 * EventSource follows the live feed (GET, server-sent events), fetch reads a GET query and the
 * response's x-request-id (CORS without credentials), and a preflighted POST with a bearer token writes.
 */
let opened: BrowserStack | undefined;
let site: http.Server;
let siteOrigin: string;

beforeAll(async () => {
  opened = await openBrowserStack('newsgraph-event-source-');
  // another origin than the gateway's (127.0.0.1 vs localhost, another port)
  site = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>news app</title><p>news app</p>'),
  );
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}, BROWSER_SETUP_TIMEOUT_MS);

afterAll(async () => {
  await closeBrowserStack(opened);
  await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
});

test('EventSource from another origin receives the replayed feed; fetch reads a GET query and its x-request-id, and writes with a token', async () => {
  const { browser, stack } = opened!;
  const { page } = browser;
  await page.goto(siteOrigin);
  const feedUrl = `${stack.gatewayUrl}?query=${encodeURIComponent(FEED_FROM_START)}&variables=${encodeURIComponent(JSON.stringify({ after: FEED_START }))}`;
  const keys = await page.evaluate(
    (url) =>
      new Promise<string[]>((resolve, reject) => {
        const keys: string[] = [];
        const source = new EventSource(url);
        source.addEventListener('next', (e) => {
          const result = JSON.parse((e as MessageEvent).data);
          if (result.errors) {
            source.close();
            reject(new Error(JSON.stringify(result.errors)));
            return;
          }
          keys.push(result.data.statementAdded.statement.key);
          if (keys.length === 3) {
            source.close();
            resolve(keys);
          }
        });
        source.onerror = () => {
          source.close();
          reject(new Error(`EventSource failed after ${keys.length} events`));
        };
      }),
    feedUrl,
  );
  expect(keys).toEqual(SPAIN_BASE_USE_IN_COMMIT_ORDER);

  const read = await page.evaluate(async (url) => {
    const res = await fetch(`${url}?query=${encodeURIComponent('{ actor(key: "country:es") { name } }')}`);
    return { status: res.status, body: await res.json(), requestId: res.headers.get('x-request-id') };
  }, stack.gatewayUrl);
  expect(read.status).toBe(200);
  expect(read.body).toEqual({ data: { actor: { name: 'Spain' } } });
  expect(read.requestId).toMatch(/^[0-9a-f-]{36}$/);

  // a write from that page: a preflighted POST with the bearer token (no cookie involved)
  const write = await page.evaluate(
    async ({ url, token }) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation { upsertActors(actors: [{ key: "org:news-app-desk", kind: ORGANIZATION, name: "News App Desk" }]) { created } }',
        }),
      });
      return res.json();
    },
    { url: stack.gatewayUrl, token: stack.token },
  );
  expect(write).toEqual({ data: { upsertActors: { created: 1 } } });
  expect(browser.pageErrors).toEqual([]);
});
