import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startReplayServer, ReplayServer } from './replay';

/** A stand-in subgraph that counts the requests it really answers. */
function upstream(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.headers['x-secret']} ${body}`);
      const { n } = JSON.parse(body);
      if (n < 0) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'negative' }] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/graphql-response+json' }).end(JSON.stringify({ data: { double: n * 2, call: seen.length } }));
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
        seen,
        close: () =>
          new Promise<void>((c) => {
            server.closeAllConnections();
            server.close(() => c());
          }),
      }),
    ),
  );
}

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-secret': 's3' }, body: JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as any };
};

describe('bench replay stand-in', () => {
  let up: Awaited<ReturnType<typeof upstream>>;
  let replay: ReplayServer;
  beforeAll(async () => {
    up = await upstream();
    replay = await startReplayServer({ statements: up.url });
  });
  afterAll(async () => {
    await replay.close();
    await up.close();
  });

  test('forwards a request the first time (headers included) and replays the same bytes after', async () => {
    expect(replay.urls.statements).toMatch(/\/graphql$/);
    const first = await post(replay.urls.statements, { n: 2 });
    const again = await post(replay.urls.statements, { n: 2 });
    expect(first).toEqual({ status: 200, type: 'application/graphql-response+json', json: { data: { double: 4, call: 1 } } });
    expect(again).toEqual(first);
    expect(up.seen).toEqual(['s3 {"n":2}']);
    expect(replay.stats()).toEqual({ hits: 1, misses: 1, recorded: 1 });
  });

  test('a different body is a different request', async () => {
    const other = await post(replay.urls.statements, { n: 3 });
    expect(other.json).toEqual({ data: { double: 6, call: 2 } });
    expect(up.seen).toHaveLength(2);
  });

  test('answers carrying errors are passed on but never replayed', async () => {
    await post(replay.urls.statements, { n: -1 });
    const again = await post(replay.urls.statements, { n: -1 });
    expect(again.json.errors[0].message).toBe('negative');
    expect(up.seen.filter((s) => s.endsWith('{"n":-1}'))).toHaveLength(2);
  });
});
