import http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { boundedGet, FetchFailure, HostGate, retryAfterSeconds } from './http';

let server: http.Server;
let base: string;
const sockets = new Set<Socket>();
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // finished (handed to the socket) or cut: whichever comes first, once
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on('finish', done);
    res.on('close', done);
    if (req.url === '/small') return void res.end('hello');
    if (req.url === '/declared-big') return void res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    if (req.url === '/streamed-big') {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
      return void res.end();
    }
    if (req.url === '/stalls') {
      res.writeHead(200);
      return void res.write('a start');
    }
    res.writeHead(404).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  for (const s of sockets) s.destroy();
  return new Promise<void>((r) => server.close(() => r()));
});

const limits = { timeoutMs: 1000, maxBytes: 2000 };
const get = (p: string) => boundedGet((u, i) => fetch(u, i), `${base}${p}`, {}, limits);

test('a body within the limits is read whole', async () => {
  const res = await get('/small');
  expect(res).toMatchObject({ status: 200, body: 'hello' });
  expect((await get('/nothing-here')).status).toBe(404);
});

test('a body over the cap is refused, declared or not, and not worth retrying', async () => {
  await expect(get('/declared-big')).rejects.toMatchObject({ message: 'too large: 5000 bytes declared, the limit is 2000', transient: false });
  await expect(get('/streamed-big')).rejects.toMatchObject({ message: 'too large: more than 2000 bytes', transient: false });
});

test('a body that stops coming is abandoned at the deadline, worth retrying later', async () => {
  const failure = await get('/stalls').catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(FetchFailure);
  expect(failure).toMatchObject({ transient: true });
  expect((failure as Error).message).toMatch(/body not received within 1000 ms \(7 bytes so far\)/);
});

test('an unreachable host is a transient failure naming it', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const failure = await boundedGet((u, i) => fetch(u, i), `http://127.0.0.1:${port}/feed`, {}, limits).catch((e: unknown) => e);
  expect(failure).toMatchObject({ transient: true });
  expect((failure as Error).message).toBe(`cannot reach 127.0.0.1:${port}: ECONNREFUSED`);
});

test('the host gate lets one request at a time through per host, others in parallel', async () => {
  const gate = new HostGate(5);
  maxInFlight = 0;
  const order: string[] = [];
  await Promise.all(
    ['a', 'b', 'c', 'd'].map((name) =>
      gate.run(`${base}/small`, async () => {
        order.push(`start ${name}`);
        await get('/small');
        order.push(`end ${name}`);
      }),
    ),
  );
  expect(maxInFlight).toBe(1);
  expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
  // a failing request does not stall the host's queue
  await expect(gate.run(`${base}/small`, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(gate.run(`${base}/small`, async () => 'next')).resolves.toBe('next');
  // another host does not wait, even while the first one's pause never ends
  const other = new HostGate(1, () => new Promise<void>(() => undefined));
  await other.run('http://one.example/x', async () => 1);
  await expect(other.run('http://two.example/x', async () => 2)).resolves.toBe(2);
});

test('Retry-After in seconds or as a date', () => {
  expect(retryAfterSeconds('120', 0)).toBe(120);
  expect(retryAfterSeconds(new Date(90_000).toUTCString(), 0)).toBe(90);
  expect(retryAfterSeconds('soon', 0)).toBeUndefined();
  expect(retryAfterSeconds(null, 0)).toBeUndefined();
});
