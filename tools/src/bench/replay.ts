import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Stands in front of each subgraph and answers a request it has seen before with the bytes the
 * subgraph gave the first time. Behind it, a gateway's throughput is bounded by the gateway's own
 * planning and execution, not by the subgraphs and PostgreSQL sharing its cores: the bench's
 * "gateway-bound" rows. Forked by the bench with the subgraph URLs in UPSTREAMS (JSON
 * `{ name: url }`); reports `{ type: 'ready', urls }` over IPC and answers `{ type: 'stats' }`
 * with how many requests were forwarded (misses) and replayed (hits).
 */
interface Recorded {
  status: number;
  contentType: string;
  body: Buffer;
}

function reply(res: http.ServerResponse, answer: Recorded): void {
  res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
  res.end(answer.body);
}

export interface ReplayServer {
  /** where each upstream's stand-in listens (same path as the upstream) */
  urls: Record<string, string>;
  stats(): { hits: number; misses: number; recorded: number };
  close(): Promise<void>;
}

export async function startReplayServer(upstreams: Record<string, string>): Promise<ReplayServer> {
  const servers: http.Server[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const recorded = new Map<string, Recorded>();
  const stats = { hits: 0, misses: 0 };
  const urls: Record<string, string> = {};

  for (const [name, upstream] of Object.entries(upstreams)) {
    const target = new URL(upstream);
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const key = `${req.method} ${req.url} ${body.toString('utf8')}`;
        const hit = recorded.get(key);
        if (hit) {
          stats.hits += 1;
          reply(res, hit);
          return;
        }
        stats.misses += 1;
        const headers = { ...req.headers, host: target.host };
        const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent }, (ur) => {
          const parts: Buffer[] = [];
          ur.on('data', (c: Buffer) => parts.push(c));
          ur.on('end', () => {
            const answer = { status: ur.statusCode ?? 502, contentType: String(ur.headers['content-type'] ?? 'application/json'), body: Buffer.concat(parts) };
            // only clean answers are worth replaying; anything else goes through again next time
            if (answer.status === 200 && !answer.body.includes('"errors"')) recorded.set(key, answer);
            reply(res, answer);
          });
        });
        up.on('error', (e) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`replay: ${name} unreachable: ${e.message}`);
        });
        up.end(body);
      });
    });
    server.keepAliveTimeout = 60_000;
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`;
  }
  return {
    urls,
    stats: () => ({ ...stats, recorded: recorded.size }),
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      );
      agent.destroy();
    },
  };
}

async function main(): Promise<void> {
  const replay = await startReplayServer(JSON.parse(process.env.UPSTREAMS ?? '{}') as Record<string, string>);
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stats') process.send?.({ type: 'stats', ...replay.stats() });
  });
  process.on('SIGTERM', () => void replay.close().then(() => process.exit(0)));
  process.send?.({ type: 'ready', urls: replay.urls });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
