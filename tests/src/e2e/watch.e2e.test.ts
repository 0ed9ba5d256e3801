import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dataOf, loadSeed, REPO_ROOT, startTestStack, TestStack } from '../harness';

/**
 * `npm run watch` as a child process against a real stack, reading feeds and pages from a local
 * HTTP server on loopback whose answers each test sets.
 */

let stack: TestStack;
let dir: string;
let queueDir: string;
let site: Site;
const leftovers: (() => Promise<void>)[] = [];

// ---- the local news site -------------------------------------------------------------------

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Site {
  origin: string;
  routes: Map<string, Handler>;
  /** every request's path, in order */
  hits: string[];
  /** the most requests the site had in flight at once */
  maxInFlight: number;
  close(): Promise<void>;
}

async function startSite(): Promise<Site> {
  const routes = new Map<string, Handler>();
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const site: Site = {
    origin: '',
    routes,
    hits: [],
    maxInFlight: 0,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    site.hits.push(pathname);
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    // finished (handed to the socket) or cut, whichever comes first, counted once
    let open = true;
    const done = () => {
      if (open) inFlight--;
      open = false;
    };
    res.on('finish', done);
    res.on('close', done);
    const route = routes.get(pathname);
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return site;
}

interface Story {
  slug: string;
  title: string;
  published: string;
  paragraphs: string[];
}

/** An article page as outlets print them: navigation and footer around an <article>, metadata in <head>. */
function page(story: Story): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${story.title} | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<meta property="article:published_time" content="${story.published}">
<link rel="canonical" href="${site.origin}/articles/${story.slug}.html"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article><h1>${story.title}</h1>
${story.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main><footer><p>© The Harbour Times. All rights reserved.</p></footer></body></html>`;
}

function rss(stories: Story[]): string {
  const items = stories
    .map(
      (s) => `<item><title>${s.title}</title><link>${site.origin}/articles/${s.slug}.html</link>
<guid isPermaLink="false">harbour-${s.slug}</guid><pubDate>${new Date(s.published).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>The Harbour Times: World</title>
<link>${site.origin}/</link><description>World news</description>${items}</channel></rss>`;
}

function atom(stories: Story[]): string {
  const entries = stories
    .map(
      (s) => `<entry><title>${s.title}</title><link rel="alternate" href="${site.origin}/articles/${s.slug}.html"/>
<id>tag:harbour,2026:${s.slug}</id><updated>${s.published}</updated></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>The Harbour Times: Business</title>
<id>tag:harbour,2026:business</id><updated>2026-03-06T10:00:00Z</updated>${entries}</feed>`;
}

const BASES: Story = {
  slug: 'spain-bases-closed',
  title: 'Spain keeps its bases closed to strike missions',
  published: '2026-03-05T08:30:00+01:00',
  paragraphs: [
    'MADRID — Spain will not let the United States use the bases at Rota and Morón for strikes on Iran, Foreign Minister José Manuel Albares said on Wednesday.',
    '“Our position has not moved an inch,” Albares told reporters at the ministry. “The bases are Spanish and they work under Spanish rules.”',
    'Defence officials said the agreements with Washington had not been reopened, and that no request for a change had arrived.',
  ],
};
const PORT_STRIKE: Story = {
  slug: 'valencia-dockers-strike',
  title: 'Dockers in Valencia extend their strike for a second week',
  published: '2026-03-05T17:10:00+01:00',
  paragraphs: [
    'VALENCIA — Container traffic at the port of Valencia stayed at a standstill on Thursday as dockers voted to extend their strike.',
    '“We will not go back until the new contracts are signed,” said Marta Ibáñez, a spokeswoman for the dockers’ union.',
    'The port authority said in a statement that it regretted the decision and remained open to talks.',
  ],
};
const FISHING: Story = {
  slug: 'fishing-quotas-talks',
  title: 'Fishing quota talks stall in Brussels',
  published: '2026-03-06T09:45:00+01:00',
  paragraphs: [
    'BRUSSELS — Talks on next year’s fishing quotas broke up without agreement late on Thursday.',
    '“Nobody should expect a deal before the summer,” said Tomás Ferreira, a negotiator for the coastal states.',
    'He added that the scientific advice had arrived too late for the ministers to study it.',
  ],
};

const AIRPORT: Story = {
  slug: 'airport-runway-works',
  title: 'Runway works to close Faro airport at night',
  published: '2026-03-06T12:00:00+00:00',
  paragraphs: [
    'FARO — The airport will close to night flights for six weeks from April while its runway is resurfaced, the operator announced on Friday.',
    '“Passengers will see no change in the daytime timetable,” said Helena Costa, the airport’s director.',
  ],
};

function serveStory(story: Story): void {
  site.routes.set(`/articles/${story.slug}.html`, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(story)));
}

// ---- the watcher as a child process --------------------------------------------------------

interface Run {
  child: ChildProcess;
  lines: Record<string, any>[];
  stderr: string;
  /** resolves with the first line (seen or to come) that matches */
  waitFor(match: (line: Record<string, any>) => boolean, what: string): Promise<Record<string, any>>;
  exited: Promise<number>;
}

function watch(feedsFile: string, extra: string[]): Run {
  const args = [
    path.join(REPO_ROOT, 'tools/dist/watch.js'),
    feedsFile,
    '--url',
    stack.gatewayUrl,
    ...(extra.includes('--token') ? [] : ['--token', stack.token]),
    '--queue',
    queueDir,
    '--host-gap-ms',
    '20',
    ...extra,
  ];
  const env = { ...process.env };
  delete env.NEWSGRAPH_TOKEN;
  delete env.NEWSGRAPH_WATCH_THRESHOLD;
  const child = spawn(process.execPath, args, { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, any>[] = [];
  const waiters: { match: (l: Record<string, any>) => boolean; resolve: (l: Record<string, any>) => void }[] = [];
  let buffered = '';
  const run: Run = {
    child,
    lines,
    stderr: '',
    waitFor(match, what) {
      const found = lines.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        // the watcher ending without the line is the failure, said with what it printed
        void run.exited.then((code) =>
          reject(new Error(`the watcher exited (${code}) before ${what}:\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n${run.stderr}`)),
        );
      });
    },
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1))),
  };
  child.stdout!.on('data', (d) => {
    buffered += d;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const line = JSON.parse(text);
      lines.push(line);
      for (const w of [...waiters]) {
        if (!w.match(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (d) => (run.stderr += d));
  leftovers.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await run.exited;
    }
  });
  return run;
}

async function feedsFile(name: string, feeds: object[]): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify({ feeds }, null, 2));
  return file;
}

const articleLines = (run: Run) => run.lines.filter((l) => l.event === 'article');

async function statementsExist(keys: string[]): Promise<boolean[]> {
  const data = dataOf(
    await stack.query<{ statementsByKeys: ({ key: string } | null)[] }>('query($k:[String!]!){ statementsByKeys(keys:$k){ key } }', { k: keys }),
  );
  return data.statementsByKeys.map((s) => s !== null);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-watch-'));
  queueDir = path.join(dir, 'queue');
  site = await startSite();
  stack = await startTestStack({ env: { NEWSGRAPH_REVIEW_QUEUE: queueDir } });
  await loadSeed(stack);
}, 180_000);

afterEach(async () => {
  for (const stop of leftovers.splice(0)) await stop();
});

afterAll(async () => {
  await stack?.teardown();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('new items are fetched once each: sure statements ingested, the rest queued for /review; a restart repeats nothing', async () => {
  let stories = [BASES, PORT_STRIKE];
  let etag = '"v1"';
  site.routes.set('/world.rss', (req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(stories));
  });
  stories.forEach(serveStory);
  serveStory(FISHING);
  // a second feed on the same host, polled at the same time: the host still sees one request at a time
  site.routes.set('/opinion.rss', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([])));
  const file = await feedsFile('world', [
    { url: `${site.origin}/world.rss`, outlet: 'The Harbour Times', language: 'en' },
    { url: `${site.origin}/opinion.rss` },
  ]);
  const threshold = 0.8;

  const first = watch(file, ['--once', '--threshold', String(threshold)]);
  expect(await first.exited).toBe(0);
  const summary = first.lines[first.lines.length - 1];
  expect(summary).toMatchObject({ event: 'stopped', polls: 2, articles: 2, articleFailures: 0, feedFailures: 0 });
  const lines = articleLines(first);
  expect(lines.map((l) => l.url)).toEqual([`${site.origin}/articles/${BASES.slug}.html`, `${site.origin}/articles/${PORT_STRIKE.slug}.html`]);
  for (const line of lines) {
    expect(['ingested', 'queued']).toContain(line.outcome);
    expect(line.extracted).toBeGreaterThan(0);
    expect(line.ingested + line.queued).toBe(line.extracted);
    expect(line.ingestedKeys).toHaveLength(line.ingested);
    expect(line.msg).toMatch(/fetched \d+ bytes, extracted \d+, ingested \d+, queued \d+/);
  }
  // what was ingested is in the graph
  const ingestedKeys = lines.flatMap((l) => l.ingestedKeys);
  expect(ingestedKeys.length).toBeGreaterThan(0);
  expect(await statementsExist(ingestedKeys)).toEqual(ingestedKeys.map(() => true));
  // what was not waits in the queue, with its article, and nothing in between went into the graph
  const queued = lines.filter((l) => l.queued > 0);
  expect(queued.length).toBeGreaterThan(0);
  for (const line of queued) {
    const doc = JSON.parse(await readFile(path.join(queueDir, `${line.queueId}.json`), 'utf8'));
    expect(doc.format).toBe('newsgraph.review/v1');
    expect(doc.article.url).toBe(line.url);
    expect(doc.article.outlet).toBe('The Harbour Times');
    const statements: any[] = doc.package.statements;
    expect(statements).toHaveLength(line.extracted);
    statements.forEach((s, i) => {
      const sure = s.extraction.confidence >= threshold && !s.extraction.review;
      expect(doc.ingested.includes(i)).toBe(sure);
      expect(doc.article.text.slice(s.extraction.start, s.extraction.end)).toBe(s.text);
    });
    const waiting = statements.filter((_, i) => !doc.ingested.includes(i)).map((s) => s.key);
    expect(await statementsExist(waiting)).toEqual(waiting.map(() => false));
  }
  // the gateway's review page lists the queue the watcher wrote
  const listed = (await (await fetch(`${new URL(stack.gatewayUrl).origin}/review/queue`)).json()) as { entries: { id: string }[] };
  expect(listed.entries.map((e) => e.id).sort()).toEqual(queued.map((l) => l.queueId).sort());
  // politeness: one request at a time to the host
  expect(site.maxInFlight).toBe(1);

  // a new item appears; the watcher restarts from its state file and fetches only that one
  stories = [FISHING, BASES, PORT_STRIKE];
  etag = '"v2"';
  const second = watch(file, ['--once', '--threshold', String(threshold)]);
  expect(await second.exited).toBe(0);
  expect(articleLines(second).map((l) => l.url)).toEqual([`${site.origin}/articles/${FISHING.slug}.html`]);
  for (const story of [BASES, PORT_STRIKE, FISHING]) expect(site.hits.filter((h) => h === `/articles/${story.slug}.html`)).toHaveLength(1);

  // nothing new: the feed answers 304 to the remembered ETag, and no article is touched
  const third = watch(file, ['--once']);
  expect(await third.exited).toBe(0);
  expect(third.lines.find((l) => l.event === 'feed polled' && l.feed === `${site.origin}/world.rss`)).toMatchObject({ notModified: true, new: 0 });
  expect(articleLines(third)).toEqual([]);
  const state = JSON.parse(await readFile(path.join(dir, 'world.state.json'), 'utf8'));
  expect(Object.keys(state.feeds[`${site.origin}/world.rss`].seen).sort()).toEqual([
    'harbour-fishing-quotas-talks',
    'harbour-spain-bases-closed',
    'harbour-valencia-dockers-strike',
  ]);
}, 120_000);

test('a failing feed backs off exponentially, then recovers and its items are handled', async () => {
  let failuresLeft = 2;
  site.routes.set('/business.atom', (_req, res) => {
    if (failuresLeft-- > 0) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
    res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom([AIRPORT, PORT_STRIKE]));
  });
  serveStory(AIRPORT);
  const file = await feedsFile('business', [{ url: `${site.origin}/business.atom`, interval: 1 }]);
  // the same state file as the first test's watcher: what it handled through the world feed is remembered
  const stateFile = path.join(dir, 'world.state.json');
  const run = watch(file, ['--threshold', '0.8', '--state', stateFile]);
  const failed1 = await run.waitFor((l) => l.event === 'feed failed' && l.failures === 1, 'the first failure');
  const failed2 = await run.waitFor((l) => l.event === 'feed failed' && l.failures === 2, 'the second failure');
  expect([failed1.retryInS, failed2.retryInS]).toEqual([2, 4]);
  expect(failed1.reason).toMatch(/HTTP 503/);
  await run.waitFor((l) => l.event === 'feed recovered', 'the recovery');
  const article = await run.waitFor((l) => l.event === 'article' && l.url.endsWith(`${AIRPORT.slug}.html`), 'the new article');
  expect(['ingested', 'queued']).toContain(article.outcome);
  // the dockers' story came through the world feed in the first test: not fetched or queued again
  const again = await run.waitFor((l) => l.event === 'article' && l.url.endsWith(`${PORT_STRIKE.slug}.html`), "the other feed's article");
  expect(again).toMatchObject({ outcome: 'duplicate' });
  expect(site.hits.filter((h) => h === `/articles/${PORT_STRIKE.slug}.html`)).toHaveLength(1);
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
  expect(run.lines[run.lines.length - 1]).toMatchObject({ event: 'stopped' });
  const state = JSON.parse(await readFile(stateFile, 'utf8'));
  expect(state.feeds[`${site.origin}/business.atom`].failures).toBe(0);
  expect(existsSync(path.join(dir, 'business.state.json'))).toBe(false);
}, 60_000);

test('an oversize page and a page that never finishes are abandoned, each with a log line saying why', async () => {
  site.routes.set('/big.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    // no declared length: the watcher must count what arrives and stop at its limit
    const para = `<p>${'Officials said the talks would go on. '.repeat(50)}</p>`;
    let sent = 0;
    const more = () => {
      while (sent < 400_000) {
        sent += para.length;
        if (!res.write(para)) return void res.once('drain', more);
      }
      res.end('</body></html>');
    };
    res.write('<!doctype html><html><body>');
    more();
  });
  site.routes.set('/slow.html', (_req, res) => {
    // headers and a first piece, then nothing: only the watcher's deadline ends it
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<!doctype html><html><body><p>The minister said');
  });
  const items = [
    { title: 'A very long page', link: `${site.origin}/big.html`, guid: 'big' },
    { title: 'A page that never ends', link: `${site.origin}/slow.html`, guid: 'slow' },
  ];
  site.routes.set('/odd.rss', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Odd</title>${items
          .map((i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.guid}</guid></item>`)
          .join('')}</channel></rss>`,
      ),
  );
  const file = await feedsFile('odd', [{ url: `${site.origin}/odd.rss` }]);
  const run = watch(file, ['--once', '--max-bytes', '100000', '--timeout-ms', '1500']);
  // one pass with failures: exit 1, and the last line sums the pass up
  expect(await run.exited).toBe(1);
  expect(run.lines[run.lines.length - 1]).toMatchObject({ event: 'stopped', polls: 1, articles: 2, articleFailures: 2, feedFailures: 0 });
  // undated items: oldest first means the feed's order reversed (feeds list the newest first)
  const [slow, big] = articleLines(run);
  expect(big).toMatchObject({ outcome: 'failed', url: `${site.origin}/big.html` });
  expect(big.reason).toMatch(/too large: more than 100000 bytes/);
  expect(big.willRetry).toBe(false);
  expect(slow).toMatchObject({ outcome: 'failed', url: `${site.origin}/slow.html`, willRetry: true });
  expect(slow.reason).toMatch(/within 1500 ms/);
  expect(slow.msg).toMatch(/failed: .*within 1500 ms/);
  // the oversize page is given up for good; the slow one is tried again at the next poll
  const state = JSON.parse(await readFile(path.join(dir, 'odd.state.json'), 'utf8'));
  const feed = state.feeds[`${site.origin}/odd.rss`];
  expect(feed.seen.big.outcome).toBe('failed');
  expect(feed.seen.slow).toBeUndefined();
  expect(feed.attempts.slow).toBe(1);
}, 60_000);

test('a bad feeds file is refused with every problem by its path', async () => {
  const file = path.join(dir, 'bad-feeds.json');
  await writeFile(
    file,
    JSON.stringify({ feeds: [{ url: 'ftp://example.org/feed' }, { url: `${site.origin}/x.rss`, interval: 0, language: 'english', colour: 'red' }] }),
  );
  const run = watch(file, ['--once']);
  expect(await run.exited).toBe(2);
  expect(run.stderr).toMatch(/\/feeds\/0\/url: must be http or https/);
  expect(run.stderr).toMatch(/\/feeds\/1\/interval: must be a number of seconds/);
  expect(run.stderr).toMatch(/\/feeds\/1\/language: must be a two-letter/);
  expect(run.stderr).toMatch(/\/feeds\/1\/colour: unknown property/);
  expect(existsSync(path.join(dir, 'bad-feeds.state.json'))).toBe(false);

  // a token the gateway refuses would fail every article: the watcher says so and does not start
  const good = await feedsFile('token', [{ url: `${site.origin}/world.rss` }]);
  const refused = watch(good, ['--once', '--token', 'not-a-token']);
  expect(await refused.exited).toBe(2);
  expect(refused.stderr).toMatch(/refused the write token/);
  expect(articleLines(refused)).toEqual([]);
}, 30_000);
