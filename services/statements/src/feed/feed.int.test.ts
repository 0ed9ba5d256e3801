import { QueryCounter, encodeCursor, RunningServer } from '@newsgraph/kit';
import { collectStream, createTestDatabase, StreamCollector, TestDatabase } from '@newsgraph/kit/testing';
import { createClient, Client as WsClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { createStatementsDataSource } from '../data-source';
import { createFixedActorsDirectory } from '../rollup/fixed-directory';
import { RollupInterval } from '../rollup/actors-directory';
import { writeStatements } from '../statement/statement.writer';
import { createStatementsSubgraph } from '../subgraph';
import { createStatementFeed, feedCursor, StatementFeed, StatementFeedOptions } from './feed.hub';
import { FeedEvent } from './feed.types';

const rollups: Record<string, RollupInterval[]> = {
  'country:es': [
    { actor: 'country:es', from: null, to: null },
    { actor: 'person:albares', from: '2021-07-12', to: null },
  ],
  'country:us': [
    { actor: 'country:us', from: null, to: null },
    { actor: 'person:leavitt', from: '2025-01-20', to: null },
  ],
};
const directory = createFixedActorsDirectory(rollups);

let db: TestDatabase;
let dataSource: DataSource;
const feeds: StatementFeed[] = [];
const streams: StreamCollector<unknown>[] = [];
const logs: string[] = [];

function newFeed(options: Partial<StatementFeedOptions> = {}): StatementFeed {
  // a poll far longer than any wait below: events must arrive because of NOTIFY
  const feed = createStatementFeed({ db: dataSource, directory, pollMs: 60_000, log: (m) => logs.push(m), ...options });
  feeds.push(feed);
  return feed;
}

async function watch(feed: StatementFeed, filter: Record<string, unknown> | null = null, after: string | null = null) {
  const stream = collectStream(await feed.subscribe(filter as any, after), (e: FeedEvent) => e.statement.key);
  streams.push(stream as StreamCollector<unknown>);
  return stream;
}

const keys = (events: FeedEvent[]) => events.map((e) => e.statement.key);

let n = 0;
/** a Spanish statement on base use, unless told otherwise */
function st(key = `stmt:s${(n += 1)}`, extra: Record<string, unknown> = {}) {
  return {
    key,
    speaker: 'person:albares',
    text: `${key} said`,
    saidAt: '2026-03-04',
    topics: ['base-use'],
    attestations: [{ source: 'src:article' }],
    ...extra,
  };
}
const write = (statements: object[], claims: object[] = []) => writeStatements(dataSource, claims as any, statements as any);

beforeAll(async () => {
  db = await createTestDatabase('feed');
  dataSource = createStatementsDataSource(db.url);
  await dataSource.initialize();
  await dataSource.runMigrations();
});

afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  await Promise.all(feeds.map((f) => f.close()));
  await dataSource?.destroy();
  await db?.drop();
});

test('only created statements become events, in commit order', async () => {
  const feed = newFeed();
  const all = await watch(feed);
  await write([st('stmt:a'), st('stmt:b')]);
  // a is updated, b unchanged, c created
  await write([st('stmt:a', { text: 'changed words' }), st('stmt:b'), st('stmt:c')]);
  expect(keys(await all.until(3, 5000))).toEqual(['stmt:a', 'stmt:b', 'stmt:c']);

  // concurrent writers: events come in the order the writes committed
  const concurrent = Array.from({ length: 8 }, (_, i) => `stmt:concurrent-${i}`);
  await Promise.all(concurrent.map((k) => write([st(k)])));
  const events = await all.until(11, 5000);
  const committed = await dataSource.query('SELECT key FROM statement WHERE key = ANY($1) ORDER BY seq', [concurrent]);
  expect(keys(events.slice(3))).toEqual(committed.map((r: any) => r.key));
  expect(new Set(events.map((e) => e.cursor)).size).toBe(11);
  await all.quiet(11, 300);

  // a refused write announces nothing
  await expect(write([st('stmt:refused', { saidAt: 'not a date' })])).rejects.toThrow(/saidAt/);
  await all.quiet(11, 300);
});

test('`after` replays what followed the cursor, then goes live: no gap, no duplicate at the seam', async () => {
  const feed = newFeed({ batchSize: 4 });
  const first = await watch(feed);
  const history = Array.from({ length: 12 }, (_, i) => `stmt:history-${i}`);
  for (let i = 0; i < 12; i += 4) await write(history.slice(i, i + 4).map((k) => st(k)));
  const seen = await first.until(12, 5000);
  await first.stop();
  const cursor = seen[2].cursor;

  // writes keep committing while the replay is read, a few events per page
  const live = Array.from({ length: 10 }, (_, i) => [`stmt:live-${i}-a`, `stmt:live-${i}-b`]);
  const writing = (async () => {
    for (const pair of live) await write(pair.map((k) => st(k)));
  })();
  const resumed = await watch(feed, null, cursor);
  await writing;
  const expected = [...history.slice(3), ...live.flat()];
  expect(keys(await resumed.until(expected.length, 10_000))).toEqual(expected);
  await resumed.quiet(expected.length, 300);

  // resuming from the last event gets nothing old
  const caughtUp = await watch(feed, null, resumed.items[resumed.items.length - 1].cursor);
  await caughtUp.quiet(0, 300);
});

test('a filter sees only matching statements, judged like statements(filter:)', async () => {
  const feed = newFeed();
  const esOnBases = await watch(feed, { by: 'country:es', topic: 'base-use' });
  const us = await watch(feed, { by: 'country:us' });
  const future = await watch(feed, { topic: 'topic-nobody-used-yet' });
  await write([st('stmt:es-bases'), st('stmt:es-other', { topics: ['trade'] }), st('stmt:es-too-early', { saidAt: '2020-01-01' })]);
  expect(keys(await esOnBases.until(1, 5000))).toEqual(['stmt:es-bases']);
  await esOnBases.quiet(1, 300);
  expect(us.items).toEqual([]);
  expect(future.items).toEqual([]);

  await write([st('stmt:first-on-new-topic', { topics: ['topic-nobody-used-yet'] })]);
  expect(keys(await future.until(1, 5000))).toEqual(['stmt:first-on-new-topic']);
  expect(us.items).toEqual([]);
});

test('subscribers with one filter share each read, and each still gets every event once', async () => {
  const counter = new QueryCounter();
  const counted = createStatementsDataSource(db.url, counter);
  await counted.initialize();
  try {
    const feed = newFeed({ db: counted, url: db.url });
    const watchers = await Promise.all(Array.from({ length: 30 }, () => watch(feed, { by: 'country:es', topic: 'base-use' })));
    const other = await watch(feed, { topic: 'trade' });
    const reads = () => counter.recent.filter((q) => q.includes('FROM statement_event e JOIN statement s')).length;
    counter.recent.length = 0;
    const batches = [['stmt:shared-1'], ['stmt:shared-2', 'stmt:shared-3'], ['stmt:shared-4']];
    for (const batch of batches) await write(batch.map((k) => st(k)));
    for (const w of watchers) expect(keys(await w.until(4, 5000))).toEqual(batches.flat());
    await Promise.all(watchers.map((w) => w.quiet(4, 200)));
    expect(other.items).toEqual([]);
    // 31 subscribers, a few wakes: without sharing this would be 31 reads per wake or more
    expect(reads()).toBeLessThan(31);
  } finally {
    await counted.destroy();
  }
});

test('"by" uses the roll-up current when the event is read (a membership written just before the statement)', async () => {
  const feed = newFeed();
  const es = await watch(feed, { by: 'country:es' });
  rollups['country:es'].push({ actor: 'person:newcomer', from: '2026-01-01', to: null });
  await write([st('stmt:newcomer-speaks', { speaker: 'person:newcomer' })]);
  expect(keys(await es.until(1, 5000))).toEqual(['stmt:newcomer-speaks']);
});

test('bad cursors and filters are refused at subscribe time', async () => {
  const feed = newFeed();
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'no error',
      (e) => e.extensions?.code ?? String(e),
    );
  expect(await code(feed.subscribe(null, 'not-a-cursor'))).toBe('BAD_USER_INPUT');
  expect(await code(feed.subscribe(null, encodeCursor(['2026-03-04T00:00:00.000Z', 'stmt:a'])))).toBe('BAD_USER_INPUT');
  expect(await code(feed.subscribe(null, feedCursor(10 ** 12)))).toBe('BAD_USER_INPUT');
  expect(await code(feed.subscribe({ saidAfter: 'yesterday' } as any, null))).toBe('BAD_USER_INPUT');
  expect(await code(feed.subscribe({ by: 'country:atlantis' } as any, null))).toBe('NOT_FOUND');
  expect(await code(feed.subscribe({ claim: 'claim:unknown' } as any, null))).toBe('NOT_FOUND');
  expect(feed.size).toBe(0);
});

test('two processes on one database each deliver every event exactly once', async () => {
  const [one, two] = [newFeed(), newFeed()];
  const [a, b] = [await watch(one), await watch(two)];
  await write([st('stmt:via-one')]);
  await write([st('stmt:via-two')]);
  expect(keys(await a.until(2, 5000))).toEqual(['stmt:via-one', 'stmt:via-two']);
  expect(keys(await b.until(2, 5000))).toEqual(['stmt:via-one', 'stmt:via-two']);
  await Promise.all([a.quiet(2, 300), b.quiet(2, 300)]);
});

test('a dropped LISTEN connection is re-established and nothing is missed', async () => {
  const feed = newFeed();
  const all = await watch(feed);
  await write([st('stmt:before-drop')]);
  await all.until(1, 5000);
  const killed = await dataSource.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'newsgraph-feed' AND datname = current_database()`,
  );
  expect(killed.length).toBeGreaterThan(0);
  await write([st('stmt:during-drop')]);
  expect(keys(await all.until(2, 10_000))).toEqual(['stmt:before-drop', 'stmt:during-drop']);
  expect(logs.some((l) => /LISTEN connection lost/.test(l))).toBe(true);
  await write([st('stmt:after-drop')]);
  expect(keys(await all.until(3, 5000))).toEqual(['stmt:before-drop', 'stmt:during-drop', 'stmt:after-drop']);
});

test('closing the feed ends its subscriptions', async () => {
  const feed = newFeed();
  const all = await watch(feed);
  await feed.close();
  await all.end(2000);
  expect(feed.size).toBe(0);
  await expect(feed.subscribe(null, null)).rejects.toThrow(/closed/);
});

describe('over graphql-ws on the subgraph', () => {
  let server: RunningServer;
  let client: WsClient;

  beforeAll(async () => {
    const subgraph = await createStatementsSubgraph({ dataSource, writeTokens: ['t'], directory });
    server = await subgraph.listen(0, '127.0.0.1');
    client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });

  afterAll(async () => {
    await client?.dispose();
    await server?.close();
  });

  const SUBSCRIPTION = `subscription($filter: StatementFilter, $after: String) {
    statementAdded(filter: $filter, after: $after) {
      cursor
      statement { key text contradictions(by: "country:us") { origin statement { key } } }
    }
  }`;

  function subscribe(variables: Record<string, unknown>, query = SUBSCRIPTION) {
    const stream = collectStream(client.iterate({ query, variables }), (r: any) => r.errors ?? r.data?.statementAdded?.statement?.key);
    streams.push(stream as StreamCollector<unknown>);
    return stream;
  }

  test('events carry the statement fields; a bad operation fails alone on a shared socket', async () => {
    // From an explicit position: a subscription without `after` starts whenever the server has
    // set it up, which could be after the write below on a loaded machine.
    const [{ max }] = await dataSource.query('SELECT coalesce(max(seq), 0)::int AS max FROM statement_event');
    const good = subscribe({ filter: { by: 'country:es', topic: 'spain-agreed' }, after: feedCursor(max) });
    const badDate = subscribe({ filter: { saidBefore: '2026-02-31' } });
    const badCursor = subscribe({ after: 'garbage' });
    const [bad1] = await badDate.until(1, 5000, 'error results');
    const [bad2] = await badCursor.until(1, 5000, 'error results');
    expect((bad1 as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((bad2 as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');

    await write(
      [
        st('stmt:us-claims', { speaker: 'person:leavitt', topics: [], stances: [{ claim: 'claim:spain-agreed', stance: 'AFFIRMS' }] }),
        st('stmt:es-denies', { topics: [], stances: [{ claim: 'claim:spain-agreed', stance: 'DENIES' }] }),
      ],
      [{ key: 'claim:spain-agreed', text: 'Spain agreed', topics: ['spain-agreed'] }],
    );
    const [event] = await good.until(1, 5000);
    expect((event as any).errors).toBeUndefined();
    expect((event as any).data.statementAdded).toEqual({
      cursor: expect.any(String),
      statement: {
        key: 'stmt:es-denies',
        text: 'stmt:es-denies said',
        contradictions: [{ origin: 'DERIVED', statement: { key: 'stmt:us-claims' } }],
      },
    });
    await good.quiet(1, 300);
  });
});
