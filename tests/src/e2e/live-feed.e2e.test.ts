import { withDatabase, SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { collectStream, postGraphQL, StreamCollector } from '@newsgraph/kit/testing';
import { feedCursor } from '@newsgraph/statements';
import { createClient, Client as WsClient } from 'graphql-ws';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { loadSeed, SEED_DIR, startTestStack, TestStack } from '../harness';

/** CONTRACT.md section 5, plus an outlet name from the sources subgraph. */
const LIVE_FEED = `subscription LiveFeed($after: String) {
  statementAdded(filter: { by: "country:es", topic: "base-use" }, after: $after) {
    cursor
    statement {
      key text speaker { name }
      attestations { source { outlet { name } } }
      contradictions(by: "country:us") { statement { key } }
    }
  }
}`;

const US_AGREEMENT = ['stmt:leavitt-spain-agrees-2026-03-04', 'stmt:white-house-agreement-exists-2026-03-04'];
const COOPERATE = 'claim:spain-agreed-to-cooperate-with-us-military-against-iran';

let stack: TestStack;
let dir: string;
const clients: WsClient[] = [];
const streams: StreamCollector<any>[] = [];
let early: StreamCollector<any>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-live-'));
  // two statements processes: the gateway subscribes through the first one
  stack = await startTestStack({ statementsReplicas: 2 });
  // the very first request to the fresh gateway is a subscription, from the start of the feed
  early = collectStream(connect().iterate({ query: `subscription { statementAdded(after: "${feedCursor(0)}") { statement { key } } }` }));
  await loadSeed(stack);
  // the source every new statement below is attested by (its outlet lives in the sources subgraph)
  await ingestPackage('el-pais.json', {
    sources: [
      {
        key: 'src:el-pais-2026-03-06-sanchez',
        kind: 'ARTICLE',
        url: 'https://elpais.com/espana/2026-03-06/sanchez-bases.html',
        title: 'Sánchez: the bases are not available',
        outlet: { key: 'outlet:el-pais', name: 'El País', country: 'ES' },
        publishedAt: '2026-03-06',
        language: 'es',
      },
    ],
  });
}, 180_000);

afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  await early?.stop();
  await Promise.all(clients.map((c) => c.dispose()));
  await stack?.teardown();
});

function connect(): WsClient {
  const client = createClient({ url: stack.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  clients.push(client);
  return client;
}

function subscribe(client: WsClient, query: string, variables: Record<string, unknown> = {}): StreamCollector<any> {
  const stream = collectStream(client.iterate({ query, variables }), (r: any) => r.errors ?? r.data?.statementAdded?.statement?.key);
  streams.push(stream);
  return stream;
}

/**
 * A cursor at the newest event so far: subscribing `after` it cannot miss a statement written a
 * moment later, whereas a subscription without `after` starts whenever the gateway has set it
 * up, which a test cannot observe.
 */
async function feedHead(): Promise<string> {
  const db = new PgClient({ connectionString: withDatabase(process.env.DATABASE_URL!, `${stack.prefix}statements`) });
  await db.connect();
  try {
    const [{ top }] = (await db.query('SELECT coalesce(max(seq), 0)::int AS top FROM statement_event')).rows;
    return feedCursor(top);
  } finally {
    await db.end();
  }
}

async function ingestPackage(name: string, content: object): Promise<void> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify({ format: 'newsgraph.package/v1', ...content }, null, 2));
  const res = await stack.ingest([file]);
  if (res.code !== 0) throw new Error(`ingest of ${name} failed:\n${res.stdout}\n${res.stderr}`);
}

/** a statement by the Spanish prime minister denying the cooperation the US announced */
function spanishDenial(key: string, extra: Record<string, unknown> = {}) {
  return {
    key,
    speaker: 'person:pedro-sanchez',
    text: `Spain's bases are not available (${key})`,
    saidAt: '2026-03-06',
    topics: ['base-use'],
    stances: [{ claim: COOPERATE, stance: 'DENIES' }],
    attestations: [{ source: 'src:el-pais-2026-03-06-sanchez' }],
    ...extra,
  };
}

const keysOf = (results: any[]) => results.map((r) => r.data?.statementAdded?.statement?.key ?? r);

test('a WebSocket subscription can be the first request to a fresh gateway; `after` replays from the start', async () => {
  const seed = JSON.parse(await readFile(path.join(SEED_DIR, 'spain-denies-us-claims.package.json'), 'utf8'));
  const seedKeys = seed.statements.map((s: any) => s.key);
  const got = await early.until(seedKeys.length, 15_000, 'seed statements');
  expect(got.map((r) => r.errors ?? r.data.statementAdded.statement.key)).toEqual(seedKeys);
});

test('a new matching statement reaches the subscriber once, with fields from every subgraph', async () => {
  const feed = subscribe(connect(), LIVE_FEED, { after: await feedHead() });
  await ingestPackage('first.json', {
    statements: [
      spanishDenial('stmt:sanchez-no-bases-2026-03-06'),
      // about base use, but by the United States: not for this subscriber
      {
        key: 'stmt:leavitt-bases-2026-03-06',
        speaker: 'person:karoline-leavitt',
        onBehalfOf: 'org:white-house',
        text: 'We expect to use the bases.',
        saidAt: '2026-03-06',
        topics: ['base-use'],
        attestations: [{ source: 'src:white-house-briefing-2026-03-04' }],
      },
    ],
  });
  const [event] = await feed.until(1, 15_000, 'events for the matching statement');
  expect(event.errors).toBeUndefined();
  const { cursor, statement } = event.data.statementAdded;
  expect(cursor).toEqual(expect.any(String));
  expect(statement).toMatchObject({
    key: 'stmt:sanchez-no-bases-2026-03-06',
    speaker: { name: 'Pedro Sánchez' },
    attestations: [{ source: { outlet: { name: 'El País' } } }],
  });
  expect(statement.contradictions.map((c: any) => c.statement.key).sort()).toEqual(US_AGREEMENT);
  await feed.quiet(1, 500, 'events (the statement by the US must not arrive)');
});

test('a dashboard that reconnects with its last cursor gets exactly what it missed', async () => {
  const client = connect();
  const live = subscribe(client, LIVE_FEED, { after: await feedHead() });
  await ingestPackage('before-drop.json', { statements: [spanishDenial('stmt:sanchez-before-drop-2026-03-07', { saidAt: '2026-03-07' })] });
  const [seen] = await live.until(1, 15_000, 'events before the drop');
  const lastCursor = seen.data.statementAdded.cursor;
  await client.dispose();

  await ingestPackage('missed.json', {
    statements: [
      spanishDenial('stmt:sanchez-still-no-bases-2026-03-07', { saidAt: '2026-03-07' }),
      spanishDenial('stmt:sanchez-on-trade-2026-03-07', { saidAt: '2026-03-07', topics: ['trade'], stances: [] }),
    ],
  });
  const resumed = subscribe(connect(), LIVE_FEED, { after: lastCursor });
  const [event] = await resumed.until(1, 15_000, 'replayed events');
  expect(event.data.statementAdded.statement.key).toBe('stmt:sanchez-still-no-bases-2026-03-07');
  expect(event.data.statementAdded.statement.speaker.name).toBe('Pedro Sánchez');
  await resumed.quiet(1, 500, 'events (only the missed one)');
});

test('a statement written through the other statements process arrives exactly once', async () => {
  const replicas = stack.processes.filter((p) => p.service === 'statements');
  expect(replicas).toHaveLength(2);
  const second = replicas[1].url;
  // a topic nothing is about yet is a valid thing to watch
  const feed = subscribe(
    connect(),
    `subscription { statementAdded(filter: { by: "country:es", topic: "replica-check" }) { cursor statement { key speaker { name } } } }`,
  );
  const written: string[] = [];
  const writeToSecond = async (key: string) => {
    const res = await postGraphQL(
      second,
      'mutation($s: [StatementInput!]) { upsertStatements(statements: $s) { created } }',
      { s: [spanishDenial(key, { topics: ['replica-check'], stances: [] })] },
      // straight to a subgraph, as the gateway would: subgraphs refuse callers without the secret
      { authorization: `Bearer ${stack.token}`, [SUBGRAPH_SECRET_HEADER]: stack.subgraphSecret },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertStatements.created).toBe(1);
    written.push(key);
  };
  // Without `after` the feed starts when the gateway has subscribed upstream: write until the
  // first statement comes through; from then on every one must arrive, once, in order.
  for (let i = 0; feed.items.length === 0; i += 1) {
    if (i === 40) throw new Error('no statement written to the second process reached the subscriber within 40 writes');
    await writeToSecond(`stmt:replica-probe-${i}`);
    await feed.until(1, 250).catch(() => undefined);
  }
  for (let i = 0; i < 3; i += 1) await writeToSecond(`stmt:replica-after-${i}`);
  const first = written.indexOf(keysOf(feed.items)[0]);
  expect(first).toBeGreaterThanOrEqual(0);
  const expected = written.slice(first);
  const got = await feed.until(expected.length, 15_000, 'events from the second process');
  expect(keysOf(got)).toEqual(expected);
  expect(got[0].data.statementAdded.statement.speaker.name).toBe('Pedro Sánchez');
  await feed.quiet(expected.length, 500, 'events (a duplicate?)');
});

test('a malformed subscription fails on its own; the others on the same socket keep receiving', async () => {
  const client = connect();
  const good = subscribe(client, LIVE_FEED, { after: await feedHead() });
  const badDate = subscribe(client, `subscription { statementAdded(filter: { saidAfter: "2026-02-30" }) { cursor } }`);
  const unknownField = subscribe(client, `subscription { statementAdded { cursor mood } }`);
  const badCursor = subscribe(client, `subscription { statementAdded(after: "not-a-cursor") { cursor } }`);

  const failure = async (stream: StreamCollector<any>, what: string) => {
    await stream.end(15_000).catch((e) => {
      throw new Error(`${what}: ${e.message}`);
    });
    const errors = stream.items.flatMap((r) => r.errors ?? []).concat(stream.error ? [stream.error] : []);
    expect(errors.length).toBeGreaterThan(0);
    return errors;
  };
  expect((await failure(badDate, 'bad date'))[0].extensions.code).toBe('BAD_USER_INPUT');
  expect((await failure(unknownField, 'unknown field'))[0].message).toMatch(/mood/);
  expect((await failure(badCursor, 'bad cursor'))[0].extensions.code).toBe('BAD_USER_INPUT');

  await ingestPackage('after-errors.json', { statements: [spanishDenial('stmt:sanchez-after-errors-2026-03-08', { saidAt: '2026-03-08' })] });
  const events = await good.until(1, 15_000, 'events on the healthy subscription');
  expect(keysOf(events)).toEqual(['stmt:sanchez-after-errors-2026-03-08']);
});

test('the gateway also streams the feed over server-sent events', async () => {
  const abort = new AbortController();
  const res = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: LIVE_FEED, variables: { after: await feedHead() } }),
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  let text = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of res.body as any) {
      text += decoder.decode(chunk, { stream: true });
      if (/event: next\ndata: .*stmt:sanchez-over-sse/.test(text)) return;
    }
  })();
  try {
    await ingestPackage('sse.json', { statements: [spanishDenial('stmt:sanchez-over-sse-2026-03-09', { saidAt: '2026-03-09' })] });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      reading,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no SSE event within 15 s; stream so far: ${text}`)), 15_000);
      }),
    ]).finally(() => clearTimeout(timer));
    const data = JSON.parse(/event: next\ndata: (.*)/.exec(text)![1]);
    expect(data.data.statementAdded.statement).toMatchObject({ key: 'stmt:sanchez-over-sse-2026-03-09', speaker: { name: 'Pedro Sánchez' } });
  } finally {
    abort.abort();
    await reading.catch(() => undefined);
  }
});
