import http from 'node:http';
import { AddressInfo } from 'node:net';
import { coalesceRollups } from './coalesce';
import { createHttpActorsDirectory, RollupResult } from './actors-directory';

const result = (key: string): RollupResult => ({ exists: true, intervals: [{ actor: key, from: null, to: null }] });

/** A fake actors endpoint: records each request, answers when told to. */
function endpoint() {
  const calls: Array<{ targets: string[]; answer(): void; fail(e: Error): void }> = [];
  let open = 0;
  let maxOpen = 0;
  const call = (targets: string[]) =>
    new Promise<Map<string, RollupResult>>((resolve, reject) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      calls.push({
        targets,
        answer: () => {
          open -= 1;
          resolve(new Map(targets.map((t) => [t, result(t)])));
        },
        fail: (e) => {
          open -= 1;
          reject(e);
        },
      });
    });
  return { call, calls, maxOpen: () => maxOpen };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('coalesceRollups', () => {
  test('callers in the same turn share one request for the union of their targets', async () => {
    const e = endpoint();
    const rollup = coalesceRollups(e.call);
    const a = rollup(['country:es']);
    const b = rollup(['country:es', 'country:us']);
    await turn();
    expect(e.calls.map((c) => c.targets)).toEqual([['country:es', 'country:us']]);
    e.calls[0].answer();
    expect(await a).toEqual(new Map([['country:es', result('country:es')]]));
    expect([...(await b).keys()]).toEqual(['country:es', 'country:us']);
  });

  test('a thousand callers while requests are out: never more than maxInFlight requests, every caller answered', async () => {
    const e = endpoint();
    const rollup = coalesceRollups(e.call, { maxInFlight: 2 });
    const first = rollup(['a']);
    await turn();
    const second = rollup(['b']);
    await turn();
    // two out; the next thousand wait, whatever turn they arrive in
    const rest: Promise<Map<string, RollupResult>>[] = [];
    for (let i = 0; i < 1000; i++) {
      rest.push(rollup([`k${i % 7}`]));
      if (i % 100 === 0) await turn();
    }
    await turn();
    expect(e.calls).toHaveLength(2);
    e.calls[0].answer();
    await first;
    await turn();
    // the waiting thousand go out as one request for their 7 distinct targets
    expect(e.calls).toHaveLength(3);
    expect(e.calls[2].targets.sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    e.calls[1].answer();
    e.calls[2].answer();
    const answers = await Promise.all([second, ...rest]);
    expect(answers[1].get('k0')).toEqual(result('k0'));
    expect(answers[7].get('k6')).toEqual(result('k6'));
    expect(e.maxOpen()).toBe(2);
  });

  test('an answer always comes from a request sent after the caller asked', async () => {
    const e = endpoint();
    const rollup = coalesceRollups(e.call, { maxInFlight: 1 });
    const early = rollup(['a']);
    await turn();
    const late = rollup(['a']); // asked while the first request is out: must not take its answer
    await turn();
    e.calls[0].answer();
    await early;
    await turn();
    expect(e.calls).toHaveLength(2);
    e.calls[1].answer();
    await expect(late).resolves.toEqual(new Map([['a', result('a')]]));
  });

  test('batches stay within maxTargets', async () => {
    const e = endpoint();
    const rollup = coalesceRollups(e.call, { maxInFlight: 10, maxTargets: 3 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((k) => rollup([k]));
    await turn();
    expect(e.calls.map((c) => c.targets)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    e.calls.forEach((c) => c.answer());
    await Promise.all(all);
  });

  test('a failed request fails its callers only; the next batch goes out', async () => {
    const e = endpoint();
    const rollup = coalesceRollups(e.call, { maxInFlight: 1 });
    const failed = rollup(['a']);
    await turn();
    const later = rollup(['b']);
    await turn();
    e.calls[0].fail(new Error('actors down'));
    await expect(failed).rejects.toThrow('actors down');
    await turn();
    e.calls[1].answer();
    await expect(later).resolves.toEqual(new Map([['b', result('b')]]));
  });

  test('no targets, no request', async () => {
    const e = endpoint();
    await expect(coalesceRollups(e.call)([])).resolves.toEqual(new Map());
    await turn();
    expect(e.calls).toHaveLength(0);
  });
});

describe('createHttpActorsDirectory under a burst', () => {
  test('five hundred concurrent roll-ups reach the actors endpoint as at most four requests at a time', async () => {
    let open = 0;
    let maxOpen = 0;
    let requests = 0;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        open += 1;
        requests += 1;
        maxOpen = Math.max(maxOpen, open);
        const { to } = JSON.parse(body) as { to: string[] };
        // a slow actors subgraph: callers pile up while this request is out
        setTimeout(() => {
          open -= 1;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ results: Object.fromEntries(to.map((t) => [t, result(t)])) }));
        }, 30);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const directory = createHttpActorsDirectory(`http://127.0.0.1:${port}/graphql`);
      const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => directory.rollup([`country:${i % 30}`])));
      expect(answers.every((a, i) => a.get(`country:${i % 30}`)?.intervals[0].actor === `country:${i % 30}`)).toBe(true);
      expect(maxOpen).toBeLessThanOrEqual(4);
      expect(requests).toBeLessThan(20);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
