import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphQL } from '@newsgraph/kit/testing';
import { processCpuMs } from './measure';
import { REPO_ROOT } from '../stack';
import { Random } from '../generate/random';
import { COUNTRIES, MINISTRIES, TOPICS } from '../generate/vocabulary';

/** A news package of `count` new statements about the generated actors and claims, with its sources. */
export function ingestPackage(count: number, runId: string, claimCount: number): unknown {
  const r = new Random(count + runId.length);
  const sources = [];
  const statements = [];
  for (let i = 0; i < count; i++) {
    const c = COUNTRIES[r.int(0, 8)];
    if (i % 2 === 0) {
      sources.push({
        key: `src:bench-${runId}-${i}`,
        kind: 'ARTICLE',
        url: `https://www.reuters.example/bench/${runId}/${i}`,
        title: `Bench story ${i}`,
        outlet: { key: 'outlet:reuters' },
        publishedAt: '2026-03-30T10:00:00Z',
        language: 'en',
      });
    }
    const speaker = r.chance(0.5) ? `org:${c.code}-government` : `org:${c.code}-${r.pick(MINISTRIES)[0]}`;
    statements.push({
      key: `stmt:bench-${runId}-${i}`,
      speaker,
      text: `${c.name} said that bench statement ${i} of run ${runId} is about ${r.pick(TOPICS)}.`,
      language: 'en',
      form: 'PARAPHRASE',
      saidAt: '2026-03-30T09:00:00Z',
      topics: [r.pick(TOPICS)],
      stances: [{ claim: `claim:gen-${r.int(1, claimCount + 1)}`, stance: r.chance(0.5) ? 'AFFIRMS' : 'DENIES' }],
      attestations: [{ source: `src:bench-${runId}-${i - (i % 2)}` }],
    });
  }
  return { format: 'newsgraph.package/v1', sources, statements };
}

/** Runs the public CLI (tools/dist/ingest.js) on one package file; seconds from spawn to exit. */
async function runCli(dir: string, name: string, pkg: unknown, gatewayUrl: string, token: string): Promise<number> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(pkg));
  const started = process.hrtime.bigint();
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/dist/ingest.js'), file, '--url', gatewayUrl, '--token', token], { cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (c) => resolve({ code: c ?? 1, output }));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`ingest CLI failed (exit ${code}):\n${output.slice(0, 2000)}`);
  return seconds;
}

/**
 * Loads a package of `count` new statements through the public CLI; returns statements per second,
 * CLI start-up included. A small package goes first, untimed, as the queries get a warm-up: the
 * bench has just restarted the gateway, and its first mutations would otherwise pay for JIT
 * compilation and plan caching that a running gateway has long done.
 */
export async function measureIngest(gatewayUrl: string, token: string, count: number, claimCount: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-bench-'));
  try {
    const run = Date.now().toString(36);
    await runCli(dir, 'warm-up.json', ingestPackage(Math.min(200, count), `${run}w`, claimCount), gatewayUrl, token);
    const seconds = await runCli(dir, 'package.json', ingestPackage(count, run, claimCount), gatewayUrl, token);
    return { statements: count, seconds, perSecond: count / seconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SUBSCRIPTION = `subscription($by: String!, $topic: String!) {
  statementAdded(filter: { by: $by, topic: $topic }) { cursor statement { key text speaker { name } } }
}`;

/** How many subscribers may be opening their socket at once: a thousand handshakes in one burst
 * outlast the gateway's 3 s connection_init deadline on a loaded machine. */
const CONNECTING_AT_ONCE = 100;

export interface FanOutResult {
  subscribers: number;
  /** gateways the subscribers were spread over, round-robin */
  gateways: number;
  firstMs: number;
  lastMs: number;
  /** events a subscriber received more than once (the contract says once: must be 0) */
  duplicates: number;
  /** sockets that closed before the end and were opened again (the gateway too slow to accept them) */
  reconnects: number;
  /** seconds from the first socket opened until every subscriber had the warm-up event */
  setupSeconds: number;
  /** CPU time (user + system) each process spent from the timed write until the last subscriber had it */
  cpuMs: Record<string, number>;
}

/**
 * `subscribers` graphql-ws clients, spread round-robin over `gatewayUrls`, one matching statement
 * written through the first gateway, time from sending the write until the last subscriber has
 * it. A first event proves every subscription live; the second is the one timed. `processes`
 * (name -> pid) get their CPU time over the timed event read from /proc: where the time went.
 */
export async function measureFanOut(
  gatewayUrls: string[],
  token: string,
  subscribers: number,
  by: string,
  topic: string,
  processes: Record<string, number | undefined> = {},
): Promise<FanOutResult> {
  const clients: Client[] = [];
  const waiting = new Map<string, { left: number; done: () => void }>();
  const arrivals: Array<Map<string, bigint>> = [];
  const failures: string[] = [];
  let duplicates = 0;
  let reconnects = 0;
  const setupStarted = process.hrtime.bigint();
  try {
    let connecting = 0;
    const slots: Array<() => void> = [];
    const release = () => {
      connecting -= 1;
      slots.shift()?.();
    };
    for (let i = 0; i < subscribers; i++) {
      if (connecting >= CONNECTING_AT_ONCE) await new Promise<void>((r) => slots.push(r));
      connecting += 1;
      let released = false;
      const settle = () => {
        if (!released) {
          released = true;
          release();
        }
      };
      const wsUrl = gatewayUrls[i % gatewayUrls.length].replace(/^http/, 'ws');
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        // a socket the loaded gateway did not accept in time (4408) tries again and resubscribes;
        // a subscriber that got an event twice because of it is counted below
        retryAttempts: 20,
        shouldRetry: () => true,
        retryWait: () => new Promise((r) => setTimeout(r, 200 + Math.random() * 800)),
        onNonLazyError: () => undefined,
        on: {
          connected: settle,
          closed: (event) => {
            settle();
            if ((event as { code?: number })?.code !== 1000) reconnects += 1;
          },
        },
      });
      clients.push(client);
      const seen = new Map<string, bigint>();
      arrivals.push(seen);
      client.subscribe<{ statementAdded?: { statement?: { key?: string } } }>(
        { query: SUBSCRIPTION, variables: { by, topic } },
        {
          next: (msg) => {
            if (msg.errors) failures.push(msg.errors[0]?.message ?? JSON.stringify(msg.errors));
            const key = msg.data?.statementAdded?.statement?.key;
            if (!key) return;
            if (seen.has(key)) {
              duplicates += 1;
              return;
            }
            seen.set(key, process.hrtime.bigint());
            const w = waiting.get(key);
            if (w && --w.left === 0) w.done();
          },
          error: (e: unknown) => {
            failures.push(
              e instanceof Error ? e.message : (e as { reason?: string; code?: number })?.reason || String((e as { code?: number })?.code ?? JSON.stringify(e)),
            );
          },
          complete: () => undefined,
        },
      );
    }
    const speaker = `org:${by.split(':')[1]}-government`;
    const cpu = () => Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, pid ? processCpuMs(pid) : null]));
    const publish = async (key: string, timeoutMs: number) => {
      let timer: NodeJS.Timeout | undefined;
      const all = new Promise<void>((resolve) => waiting.set(key, { left: subscribers, done: resolve }));
      const cpuBefore = cpu();
      const t0 = process.hrtime.bigint();
      const res = await postGraphQL(
        gatewayUrls[0],
        'mutation($s:[StatementInput!]!){ upsertStatements(statements:$s){ created } }',
        {
          s: [
            {
              key,
              speaker,
              text: `Fan-out probe ${key}`,
              saidAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
              topics: [topic],
              attestations: [{ source: 'src:gen-1' }],
            },
          ],
        },
        { authorization: `Bearer ${token}` },
      );
      if (res.errors) throw new Error(`fan-out write failed: ${JSON.stringify(res.errors)}`);
      try {
        await Promise.race([
          all,
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`${waiting.get(key)?.left} of ${subscribers} subscribers did not get ${key} within ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
      const cpuAfter = cpu();
      const last = arrivals.reduce((m, a) => (a.get(key)! > m ? a.get(key)! : m), 0n);
      const first = arrivals.reduce((m, a) => (a.get(key)! < m ? a.get(key)! : m), last);
      const cpuMs: Record<string, number> = {};
      for (const name of Object.keys(cpuBefore)) {
        const [b, a] = [cpuBefore[name], cpuAfter[name]];
        if (b !== null && a !== null) cpuMs[name] = Math.round(a - b);
      }
      return { lastMs: Number(last - t0) / 1e6, firstMs: Number(first - t0) / 1e6, cpuMs };
    };
    const run = Date.now().toString(36);
    // subscriptions are set up asynchronously: retry the warm-up until every subscriber is live
    let warm = false;
    let missed = '';
    for (let attempt = 0; attempt < 5 && !warm; attempt++) {
      try {
        await publish(`stmt:bench-fanout-${run}-warm${attempt}`, 30_000);
        warm = true;
      } catch (e) {
        missed = e instanceof Error ? e.message : String(e); // not all live yet
      }
    }
    if (!warm) {
      throw new Error(
        `not every subscriber received the warm-up event; ${failures.length} subscriptions failed${failures.length ? `, first: ${failures[0]}` : ''}; last try: ${missed}`,
      );
    }
    const setupSeconds = Number(process.hrtime.bigint() - setupStarted) / 1e9;
    // the bench's own CPU is one of the processes: let the warm-up's tail settle first
    await new Promise((r) => setTimeout(r, 1000));
    const timed = await publish(`stmt:bench-fanout-${run}-timed`, 60_000);
    // a duplicate would arrive after the original: give it a moment
    await new Promise((r) => setTimeout(r, 1000));
    return { subscribers, gateways: gatewayUrls.length, ...timed, duplicates, reconnects, setupSeconds };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}
