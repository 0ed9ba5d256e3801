import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createFixedLookup } from '@newsgraph/extract';
import { REVIEW_MAX_BODY_BYTES } from './review-api';
import { createReviewFinder } from './review-finder';
import { serveReview } from './review-page';
import { REVIEW_FORMAT, writeQueueEntry } from './review-queue';

// The page's HTTP surface with a stand-in for the gateway's own graph: `self` records what the
// review endpoints ask and answers as the graph would (the token check is an empty upsert).
let server: http.Server;
let base: string;
let queueDir: string;
const asked: { body: any; authorization?: string }[] = [];
const GOOD_TOKEN = 'good-token';
const finder = createReviewFinder({ timeoutMs: 20_000 });

beforeAll(async () => {
  queueDir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-review-unit-'));
  const self = async (_url: string, init: { headers: Record<string, string>; body: string }) => {
    const body = JSON.parse(init.body);
    asked.push({ body, authorization: init.headers.authorization });
    let answer: object;
    if (/ReviewTokenCheck/.test(body.query)) {
      answer =
        init.headers.authorization === `Bearer ${GOOD_TOKEN}`
          ? { data: { upsertActors: { created: 0 } } }
          : { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] };
    } else if (/ReviewCheck/.test(body.query)) {
      const v = body.variables;
      answer = {
        data: {
          actorsByKeys: v.a.map(() => null),
          sourcesByKeys: v.s.map(() => null),
          claimsByKeys: v.c.map(() => null),
          statementsByKeys: v.t.map(() => null),
        },
      };
    } else {
      answer = { errors: [{ message: `unexpected query ${body.query}` }] };
    }
    return { status: 200, text: async () => JSON.stringify(answer) };
  };
  server = http.createServer((req, res) => {
    // linking against a graph that knows nobody (the gateway's own lookup is the extractor's, tested there)
    void serveReview(req, res, { self, queueDir, finder, lookup: () => createFixedLookup([]) }).then((served) => {
      if (!served) res.writeHead(418).end('not mine');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await finder.close();
  await rm(queueDir, { recursive: true, force: true });
});

const post = (p: string, body: unknown, type = 'application/json') =>
  fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('/review is a page of same-origin assets under a CSP that allows nothing else; other paths are not its own', async () => {
  const res = await fetch(`${base}/review`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'.*connect-src 'self'/);
  const refs = [...(await res.text()).matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  for (const ref of refs) expect(ref).toMatch(/^(\/review\/|#|data:)/);
  for (const [p, type] of [
    ['/review/app.js', /javascript/],
    ['/review/model.js', /javascript/],
    ['/review/review.css', /text\/css/],
  ] as const) {
    const asset = await fetch(`${base}${p}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(type);
  }
  for (const p of ['/review/nope.js', '/review/app.d.ts', '/review/..%2Fmain.js', '/review/.tsbuildinfo'])
    expect((await fetch(`${base}${p}`)).status).toBe(404);
  expect((await fetch(`${base}/review`, { method: 'POST' })).status).toBe(405);
  expect((await fetch(`${base}/reviews`)).status).toBe(418);
  expect((await fetch(`${base}/graphql`)).status).toBe(418);
});

test('extract: a pasted article becomes a review document, offsets into its text; bad input is named field by field', async () => {
  const text =
    'The harbour will reopen on Monday, the port authority said on Friday.\n\n“We have checked every crane twice,” said Rui Matos, the harbour master.';
  const res = await post('/review/extract', { text, title: 'Harbour to reopen', publishedAt: '2026-03-06', outlet: 'The Harbour Times' });
  const doc: any = await res.json();
  expect([res.status, doc.error]).toEqual([200, undefined]);
  expect(doc.format).toBe(REVIEW_FORMAT);
  expect(doc.article.text).toBe(text);
  expect(doc.package.statements.length).toBeGreaterThan(0);
  for (const s of doc.package.statements) expect(doc.article.text.slice(s.extraction.start, s.extraction.end)).toBe(s.text);

  // a pasted page: its main text without the navigation, its own title and date
  const html = `<html lang="en"><head><title>Harbour to reopen | The Harbour Times</title><meta property="og:site_name" content="The Harbour Times">
<meta property="article:published_time" content="2026-03-06T10:00:00+00:00"></head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour to reopen</h1><p>${text.split('\n\n').join('</p><p>')}</p></article><footer>All rights reserved.</footer></body></html>`;
  const fromPage: any = await (await post('/review/extract', { html })).json();
  expect(fromPage.article).toMatchObject({ outlet: 'The Harbour Times', publishedAt: '2026-03-06T10:00:00+00:00' });
  expect(fromPage.article.text).toContain('We have checked every crane twice');
  expect(fromPage.article.text).not.toMatch(/Sport|All rights reserved/);
  for (const st of fromPage.package.statements) expect(fromPage.article.text.slice(st.extraction.start, st.extraction.end)).toBe(st.text);

  const bad = await post('/review/extract', { html: '<p>x</p>', text: 'y', publishedAt: 20260306 });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as any).error).toEqual({
    code: 'BAD_USER_INPUT',
    message: 'The article cannot be read: 2 problem(s).',
    problems: [
      { path: '/publishedAt', message: 'must be a string' },
      { path: '/html', message: 'give the text or the HTML, not both' },
    ],
  });
  expect(((await (await post('/review/extract', '{"text": ')).json()) as any).error.message).toMatch(/^The body is not valid JSON/);
  expect((await post('/review/extract', 'text=hello', 'application/x-www-form-urlencoded')).status).toBe(415);
  const huge = await post('/review/extract', { text: 'x'.repeat(REVIEW_MAX_BODY_BYTES) });
  expect(huge.status).toBe(413);
  expect(((await huge.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');
});

test('check: a corrected package is validated with its references asked of the graph, every problem by its path', async () => {
  const pkg = {
    format: 'newsgraph.package/v1',
    sources: [{ key: 'src:harbour-1', kind: 'OTHER', title: 'Harbour to reopen' }],
    statements: [
      {
        speaker: 'person:nobody-yet',
        text: 'We have checked every crane twice',
        saidAt: '2026-03-06',
        form: 'SHOUTED',
        attestations: [{ source: 'src:harbour-1' }],
      },
    ],
  };
  const res = await post('/review/check', { package: pkg });
  expect(res.status).toBe(200);
  const checked: any = await res.json();
  expect(checked.ok).toBe(false);
  expect(checked.normalised).toBeUndefined();
  const paths = checked.problems.map((p: any) => p.path);
  expect(paths).toContain('/statements/0/form');
  expect(paths).toContain('/statements/0/speaker');
  const good = await post('/review/check', {
    package: {
      ...pkg,
      actors: [{ key: 'person:nobody-yet', kind: 'PERSON', name: 'Rui Matos' }],
      statements: [{ ...pkg.statements[0], form: 'DIRECT_QUOTE' }],
    },
  });
  const ok: any = await good.json();
  expect(ok).toMatchObject({ ok: true, problems: [] });
  // the statement's key is derived, as for any package without one
  expect(ok.normalised.statements[0].key).toMatch(/^stmt:/);
  expect((await post('/review/check', { nothing: true })).status).toBe(400);
});

test('the queue: listed newest first, opened by id, removed only with a token the graph accepts', async () => {
  const doc = (url: string, fetchedAt: string) => ({
    format: REVIEW_FORMAT as typeof REVIEW_FORMAT,
    article: { text: 'Words.', url, title: `Story at ${url}` },
    package: { format: 'newsgraph.package/v1' as const, statements: [] },
    problems: [],
    ingested: [],
    origin: { feed: 'https://harbour.example/rss', item: url, fetchedAt },
  });
  const older = await writeQueueEntry(queueDir, doc('https://harbour.example/1', '2026-03-06T08:00:00Z'));
  const newer = await writeQueueEntry(queueDir, doc('https://harbour.example/2', '2026-03-06T09:00:00Z'));
  // the same article again replaces its entry
  expect(await writeQueueEntry(queueDir, doc('https://harbour.example/1', '2026-03-06T08:00:00Z'))).toBe(older);
  const listed: any = await (await fetch(`${base}/review/queue`)).json();
  expect(listed.entries.map((e: any) => e.id)).toEqual([newer, older]);
  expect(((await (await fetch(`${base}/review/queue/${older}`)).json()) as any).article.url).toBe('https://harbour.example/1');
  expect((await fetch(`${base}/review/queue/0123456789abcdef`)).status).toBe(404);
  expect((await fetch(`${base}/review/queue/..%2F..%2Fetc`)).status).toBe(404);

  const remove = (token?: string) => fetch(`${base}/review/queue/${older}`, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect((await remove()).status).toBe(401);
  const refused = await remove('wrong');
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as any).error.code).toBe('UNAUTHENTICATED');
  expect((await remove(GOOD_TOKEN)).status).toBe(204);
  expect((await remove(GOOD_TOKEN)).status).toBe(404);
  expect((await readdir(queueDir)).sort()).toEqual([`${newer}.json`]);
  expect(asked.filter((a) => /ReviewTokenCheck/.test(a.body.query)).map((a) => a.authorization)).toEqual([
    'Bearer wrong',
    `Bearer ${GOOD_TOKEN}`,
    `Bearer ${GOOD_TOKEN}`,
  ]);
});
