import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphQL } from '@newsgraph/kit/testing';
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

/**
 * `subscribers` graphql-ws clients through the gateway, one matching statement written, time
 * from sending the write until the last subscriber has it. A first event proves every
 * subscription live; the second is the one timed.
 */
export async function measureFanOut(gatewayUrl: string, token: string, subscribers: number, by: string, topic: string) {
  const wsUrl = gatewayUrl.replace(/^http/, 'ws');
  const clients: Client[] = [];
  const waiting = new Map<string, { left: number; done: () => void }>();
  const arrivals: Array<Map<string, bigint>> = [];
  const failures: string[] = [];
  try {
    for (let i = 0; i < subscribers; i++) {
      const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
      clients.push(client);
      const seen = new Map<string, bigint>();
      arrivals.push(seen);
      client.subscribe<{ statementAdded?: { statement?: { key?: string } } }>(
        { query: SUBSCRIPTION, variables: { by, topic } },
        {
          next: (msg) => {
            if (msg.errors) failures.push(msg.errors[0]?.message ?? JSON.stringify(msg.errors));
            const key = msg.data?.statementAdded?.statement?.key;
            if (!key || seen.has(key)) return;
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
    const publish = async (key: string, timeoutMs: number) => {
      const all = new Promise<void>((resolve, reject) => {
        waiting.set(key, { left: subscribers, done: resolve });
        setTimeout(
          () => reject(new Error(`${waiting.get(key)?.left} of ${subscribers} subscribers did not get ${key} within ${timeoutMs} ms`)),
          timeoutMs,
        ).unref();
      });
      const t0 = process.hrtime.bigint();
      const res = await postGraphQL(
        gatewayUrl,
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
      await all;
      const last = arrivals.reduce((m, a) => (a.get(key)! > m ? a.get(key)! : m), 0n);
      const first = arrivals.reduce((m, a) => (a.get(key)! < m ? a.get(key)! : m), last);
      return { lastMs: Number(last - t0) / 1e6, firstMs: Number(first - t0) / 1e6 };
    };
    const run = Date.now().toString(36);
    // subscriptions are set up asynchronously: retry the warm-up until every subscriber is live
    let warm = false;
    let missed = '';
    for (let attempt = 0; attempt < 5 && !warm; attempt++) {
      try {
        await publish(`stmt:bench-fanout-${run}-warm${attempt}`, 20_000);
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
    const timed = await publish(`stmt:bench-fanout-${run}-timed`, 60_000);
    return { subscribers, ...timed };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}
