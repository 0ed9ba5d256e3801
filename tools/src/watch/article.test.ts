import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LookupError } from '@newsgraph/extract';
import type { NewsPackage } from '@newsgraph/news-package';
import type { GatewayClient } from '../ingest/index';
import { ArticleDeps, PagePipeline, processArticle } from './article';
import { HostGate } from './http';

// One article's way through the watcher with the network replaced: pages come from a fetcher that
// answers from memory, the gateway is a client that records what it is asked.

let queueDir: string;
beforeEach(async () => {
  queueDir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-watch-article-'));
});
afterEach(() => rm(queueDir, { recursive: true, force: true }));

const feed = { url: 'https://harbour.example/rss', interval: 900 };
const item = { id: 'harbour-1', url: 'https://harbour.example/1', title: 'Harbour reopens', published: '2026-03-06T08:00:00.000Z' };
const SOURCE = 'src:harbour-1';

const proposal = (): NewsPackage => ({
  format: 'newsgraph.package/v1',
  actors: [
    { key: 'person:rui-matos', kind: 'PERSON', name: 'Rui Matos' },
    { key: 'person:ana-sousa', kind: 'PERSON', name: 'Ana Sousa' },
  ],
  sources: [{ key: SOURCE, kind: 'ARTICLE', url: item.url }],
  statements: [
    {
      key: 'stmt:a',
      speaker: 'person:rui-matos',
      text: 'We have checked every crane twice',
      saidAt: '2026-03-06',
      attestations: [{ source: SOURCE }],
      extraction: { confidence: 0.95, start: 0, end: 33, review: false },
    },
    {
      key: 'stmt:b',
      speaker: 'person:ana-sousa',
      text: 'the port would reopen',
      saidAt: '2026-03-06',
      attestations: [{ source: SOURCE }],
      extraction: { confidence: 0.7, start: 40, end: 61, review: true },
    },
  ],
});

function client(): GatewayClient & { writes: { query: string; variables: Record<string, unknown> }[] } {
  const writes: { query: string; variables: Record<string, unknown> }[] = [];
  const answer = async (query: string, variables: Record<string, unknown>, options?: { write?: boolean }) => {
    if (options?.write) {
      writes.push({ query, variables });
      const field = /(upsert\w+)/.exec(query)![1];
      return { data: { [field]: { created: 1, updated: 0, unchanged: 0, keys: [] } } } as any;
    }
    // reference lookups: every key the package names but does not define is unknown
    const data: Record<string, unknown[]> = {};
    for (const m of query.matchAll(/(\w+ByKeys)\(keys:\$k\)/g)) data[m[1]] = (variables.k as string[]).map(() => null);
    return { data } as any;
  };
  return {
    url: 'http://gateway.test/graphql',
    writes,
    send: answer,
    request: async (_op, query, variables, options) => (await answer(query, variables, options)).data,
  };
}

function deps(pipeline: PagePipeline, gateway = client(), page = '<html><body><p>text</p></body></html>'): ArticleDeps {
  return {
    fetcher: async () => new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }),
    gate: new HostGate(0),
    limits: { timeoutMs: 1000, maxBytes: 100_000 },
    pipeline,
    client: gateway,
    threshold: 0.8,
    queueDir,
    now: () => Date.parse('2026-03-06T09:00:00Z'),
  };
}

test('the sure statement is ingested with only what it needs; the article waits in the queue with the rest', async () => {
  const gateway = client();
  const article = { text: 'We have checked every crane twice, he said; the port would reopen.', url: item.url };
  const result = await processArticle(
    feed,
    item,
    deps(async () => ({ article, package: proposal(), problems: [] }), gateway),
  );
  expect(result).toMatchObject({ outcome: 'queued', extracted: 2, ingested: 1, queued: 1, ingestedKeys: ['stmt:a'] });
  const written = gateway.writes.map((w) => /(upsert\w+)/.exec(w.query)![1]);
  expect(written).toEqual(['upsertActors', 'upsertSources', 'upsertStatements']);
  expect((gateway.writes[0].variables.a as { key: string }[]).map((a) => a.key)).toEqual(['person:rui-matos']);
  expect((gateway.writes[2].variables.s as { key: string }[]).map((s) => s.key)).toEqual(['stmt:a']);
  const [file] = await readdir(queueDir);
  expect(file).toBe(`${(result as { queueId: string }).queueId}.json`);
  const doc = JSON.parse(await readFile(path.join(queueDir, file), 'utf8'));
  expect(doc).toMatchObject({
    format: 'newsgraph.review/v1',
    article,
    ingested: [0],
    origin: { feed: feed.url, item: item.id, fetchedAt: '2026-03-06T09:00:00.000Z' },
  });
  expect(doc.package.statements).toHaveLength(2);
});

test('an unreachable gateway while linking is no fault of the article: retried, never given up', async () => {
  const result = await processArticle(
    feed,
    item,
    deps(async () => Promise.reject(new LookupError('cannot reach the gateway at http://gateway.test/graphql: ECONNREFUSED'))),
  );
  expect(result).toMatchObject({ outcome: 'failed', transient: true, gatewayDown: true });
  expect((result as { reason: string }).reason).toMatch(/^linking: cannot reach the gateway/);
});

test('a page that cannot be read is given up; a page that is not HTML is not even read', async () => {
  const unreadable = await processArticle(
    feed,
    item,
    deps(async () => Promise.reject(new Error('the page is empty'))),
  );
  expect(unreadable).toMatchObject({ outcome: 'failed', transient: false, reason: 'cannot extract: the page is empty' });
  const pdf = await processArticle(feed, item, {
    ...deps(async () => Promise.reject(new Error('not called'))),
    fetcher: async () => new Response('%PDF-1.7', { status: 200, headers: { 'content-type': 'application/pdf' } }),
  });
  expect(pdf).toMatchObject({ outcome: 'failed', transient: false, reason: 'not an article page: content-type application/pdf' });
  const noLink = await processArticle(
    feed,
    { ...item, url: null },
    deps(async () => Promise.reject(new Error('not called'))),
  );
  expect(noLink).toMatchObject({ outcome: 'failed', transient: false, reason: 'the feed item has no link to an article page' });
});
