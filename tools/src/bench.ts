import { SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { ChildProcess, fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { startEmbeddedPostgres, EmbeddedServer } from './embedded-postgres';
import { corpusSize, generateCorpus } from './generate/index';
import { databaseUrlFor, SERVICES } from './generate/load';
import { BodyFactory, measureHttp, measureSql, Measurement } from './bench/measure';
import { FanOutResult, measureFanOut, measureIngest } from './bench/live';
import { machineInfo, peakRssMb, ScenarioResult, table } from './bench/report';
import { buildScenarios } from './bench/scenarios';
import { DashboardResult, dashboardQueries, measureDashboard, measureOne, measureTogether } from './bench/dashboard';

interface DashboardRun {
  label: string;
  ours: DashboardResult;
  apollo: DashboardResult;
  cached?: Awaited<ReturnType<typeof measureOne>>;
  static?: Awaited<ReturnType<typeof measureOne>>;
  /** the same two measured at the same time, half the clients each */
  together?: Awaited<ReturnType<typeof measureTogether>>;
}
import { REPO_ROOT, startStack, Stack } from './stack';

const USAGE = `Usage: npm run bench -- [--statements 10000] [--duration 10] [--connections 10] [--subscribers 200[,10000…]]
                        [--fanout-processes 1]
                        [--ingest 2000] [--database-url URL] [--only headline,actor page,...] [--fresh]
                        [--count-cache on|off] [--replay on|off] [--dashboard on|off]
                        [--dashboard-clients 50] [--redis URL]
                        [--node-env production|development]

Starts the federation over a generated corpus (databases bench_<N>_*, generated when absent, or
again with --fresh, since each run's ingest and fan-out add statements to it) on
loopback, measures each query through our gateway, straight at the statements subgraph, as
hand-written SQL and through @apollo/gateway, then both gateways again over a stand-in that
replays the subgraphs' recorded answers (gateway-bound; --replay off skips it), then the warm
dashboard (many clients repeating 40 distinct queries, a write a second, through our gateway
with its response cache and through @apollo/gateway; stale answers counted; --redis URL runs it
once more with the cache shared through that Redis), then CLI ingest, subscription fan-out (once per
count in --subscribers, spread round-robin over --fanout-processes gateways, each relaying to a
statements process of its own) and peak memory. The cold measurements run with the response cache off. Every server, @apollo/gateway included, runs with NODE_ENV=production as deployed
(--node-env development for graphql-js's slower development checks). Prints a table and writes bench-results/<timestamp>.json and .md. Without --database-url
or DATABASE_URL it starts an embedded PostgreSQL under .data/bench-pg (kept between runs).`;

interface Args {
  statements: number;
  duration: number;
  connections: number;
  /** fan-out sizes, measured in turn */
  subscribers: number[];
  /** gateways (and statements processes) the fan-out's subscribers are spread over */
  fanoutProcesses: number;
  ingest: number;
  databaseUrl?: string;
  only?: string[];
  fresh?: boolean;
  countCache?: 'on' | 'off';
  replay?: 'on' | 'off';
  dashboard: 'on' | 'off';
  dashboardClients: number;
  redis?: string;
  nodeEnv: 'production' | 'development';
}

function parse(argv: string[]): Args | null {
  const a: Args = {
    statements: 10_000,
    duration: 10,
    connections: 10,
    subscribers: [200],
    fanoutProcesses: 1,
    ingest: 2_000,
    dashboard: 'on',
    dashboardClients: 50,
    nodeEnv: 'production',
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    const num = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
      return n;
    };
    if (name === '--statements') a.statements = num();
    else if (name === '--duration') a.duration = num();
    else if (name === '--connections') a.connections = num();
    else if (name === '--subscribers') {
      a.subscribers = value()
        .split(',')
        .map((v) => Number(v));
      if (a.subscribers.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--subscribers takes positive whole numbers, comma-separated');
    } else if (name === '--fanout-processes') a.fanoutProcesses = num();
    else if (name === '--ingest') a.ingest = num();
    else if (name === '--database-url') a.databaseUrl = value();
    else if (name === '--only') a.only = value().split(',');
    else if (name === '--fresh') a.fresh = true;
    else if (name === '--count-cache') {
      const v = value();
      if (v !== 'on' && v !== 'off') throw new Error('--count-cache takes on or off');
      a.countCache = v;
    } else if (name === '--replay') {
      const v = value();
      if (v !== 'on' && v !== 'off') throw new Error('--replay takes on or off');
      a.replay = v;
    } else if (name === '--dashboard') {
      const v = value();
      if (v !== 'on' && v !== 'off') throw new Error('--dashboard takes on or off');
      a.dashboard = v;
    } else if (name === '--dashboard-clients') a.dashboardClients = num();
    else if (name === '--redis') a.redis = value();
    else if (name === '--node-env') {
      const v = value();
      if (v !== 'production' && v !== 'development') throw new Error('--node-env takes production or development');
      a.nodeEnv = v;
    } else if (name === '-h' || name === '--help') return null;
    else throw new Error(`unknown option ${name}\n\n${USAGE}`);
  }
  return a;
}

type SubgraphUrls = Record<'actors' | 'statements' | 'sources', string>;

interface Child<M> {
  ready: M;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Forks one of the bench's helper servers and resolves with its `ready` message. */
function forkUntilReady<M>(script: string, env: NodeJS.ProcessEnv, what: string): Promise<Child<M>> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once(
      'message',
      (m: { type?: string } | undefined) =>
        m?.type === 'ready' &&
        resolve({
          ready: m as M,
          pid: child.pid!,
          child,
          stop: () =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        }),
    );
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
  });
}

interface ReplayStats {
  hits: number;
  misses: number;
  recorded: number;
}
interface Replay {
  urls: SubgraphUrls;
  pid: number;
  stats(): Promise<ReplayStats>;
  stop(): Promise<void>;
}

/** The replaying stand-in for the subgraphs (bench/replay.ts), in its own process. */
async function startReplay(upstreams: SubgraphUrls): Promise<Replay> {
  const { ready, pid, child, stop } = await forkUntilReady<{ urls: SubgraphUrls }>('bench/replay.js', { UPSTREAMS: JSON.stringify(upstreams) }, 'replay');
  const stats = () =>
    new Promise<ReplayStats>((r) => {
      const on = (m: ({ type?: string } & ReplayStats) | undefined) => {
        if (m?.type === 'stats') {
          child.off('message', on);
          r(m);
        }
      };
      child.on('message', on);
      child.send({ type: 'stats' });
    });
  return { urls: ready.urls, pid, stats, stop };
}

/** Sends `count` bodies, one after the other; throws on an answer with errors. */
async function prime(url: string, next: BodyFactory, count: number, what: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(next()) });
    const json = (await res.json()) as { data?: unknown; errors?: unknown };
    if (json.errors || !json.data) throw new Error(`${what}: ${JSON.stringify(json).slice(0, 500)}`);
  }
}

async function startApolloGateway(urls: SubgraphUrls, secret: string, nodeEnv: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const { ready, pid, stop } = await forkUntilReady<{ url: string }>(
    'bench/apollo-gateway.js',
    {
      NODE_ENV: nodeEnv,
      NEWSGRAPH_SUBGRAPH_SECRET: secret,
      ACTORS_URL: urls.actors,
      STATEMENTS_URL: urls.statements,
      SOURCES_URL: urls.sources,
    },
    '@apollo/gateway',
  );
  return { url: ready.url, pid, stop };
}

/** One line per path measured. */
function logMeasurements(log: (line: string) => void, r: Record<string, Measurement>): void {
  for (const [t, m] of Object.entries(r)) {
    log(
      `  ${t.padEnd(20)} ${m.rps.toFixed(1).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}${m.cpuMsPerRequest !== undefined ? `  cpu ${m.cpuMsPerRequest} ms/req` : ''}`,
    );
  }
}

/** A short warm-up (JIT and plan caches hot for every path alike), then the measurement. */
async function warmAndMeasure(url: string, body: BodyFactory, args: Args, headers: Record<string, string>, pid: number | undefined): Promise<Measurement> {
  await measureHttp(url, body, 2, args.connections, headers);
  return measureHttp(url, body, args.duration, args.connections, headers, pid);
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  if (!args) return void console.log(USAGE);
  const log = (line: string) => console.log(line);
  let embedded: EmbeddedServer | undefined;
  let serverUrl = args.databaseUrl ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(REPO_ROOT, '.data/bench-pg') });
    serverUrl = embedded.url;
    log(`embedded PostgreSQL at 127.0.0.1:${embedded.port} (.data/bench-pg)`);
  }
  const prefix = `bench_${args.statements}_`;
  let stack: Stack | undefined;
  const serviceLog: string[] = [];
  let apollo: Awaited<ReturnType<typeof startApolloGateway>> | undefined;
  const pools: Record<string, Pool> = {};
  try {
    const size = await corpusSize(serverUrl, prefix);
    let generation: unknown = 'reused';
    // every run ingests new statements: --fresh measures the generated corpus alone again
    if (args.fresh || size === null || size < args.statements) {
      log(`generating ${args.statements} statements into ${prefix}*`);
      const report = await generateCorpus({ databaseUrl: serverUrl, prefix, statements: args.statements, replace: true, log });
      generation = { seconds: report.seconds, rowsPerSecond: report.rowsPerSecond, rows: report.rows };
    }
    const token = `bench-${randomBytes(8).toString('hex')}`;
    const mostSubscribers = Math.max(...args.subscribers);
    stack = await startStack({
      statementsReplicas: args.fanoutProcesses,
      gatewayReplicas: args.fanoutProcesses,
      databaseUrl: serverUrl,
      databasePrefix: prefix,
      writeTokens: [token],
      // the issue's reading: gateway throughput with identical in-flight subgraph requests not merged
      // the fan-out's subscribers all come from this one address
      // cold: the response cache off (the dashboard below turns it on)
      env: {
        NODE_ENV: args.nodeEnv,
        NEWSGRAPH_DEDUPE_INFLIGHT: 'off',
        NEWSGRAPH_RESPONSE_CACHE: 'off',
        REDIS_URL: '',
        NEWSGRAPH_WS_SUBSCRIPTIONS_PER_CLIENT: String(Math.max(200, mostSubscribers)),
        // one socket a subscriber, on top of the load's connections: past the listener's default cap of 1,000
        NEWSGRAPH_MAX_CONNECTIONS: String(Math.max(1_000, mostSubscribers + 500)),
        ...(args.countCache ? { NEWSGRAPH_COUNT_CACHE: args.countCache } : {}),
      },
      log: (s, l) => serviceLog.push(`[${s}] ${l}`),
    });
    apollo = await startApolloGateway(stack.urls, stack.subgraphSecret, args.nodeEnv);
    for (const s of SERVICES) pools[s] = new Pool({ connectionString: databaseUrlFor(serverUrl, `${prefix}${s}`), max: args.connections });
    const rows: Record<string, number> = {};
    for (const s of SERVICES) {
      for (const t of s === 'actors' ? ['actor', 'membership'] : s === 'statements' ? ['statement', 'claim', 'stance'] : ['source']) {
        rows[`${s}.${t}`] = (await pools[s].query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
      }
    }
    const claimCount = rows['statements.claim'];

    const scenarios = (
      await buildScenarios({
        actorsUrl: stack.urls.actors,
        pools,
        country: 'country:es',
        topic: 'base-use',
        otherCountry: 'country:us',
        subgraphSecret: stack.subgraphSecret,
      })
    ).filter((s) => !args.only || args.only.includes(s.name));
    const results: ScenarioResult[] = [];
    // the subgraph answers only callers with the gateway's secret; the bench is one of them
    const direct = { [SUBGRAPH_SECRET_HEADER]: stack.subgraphSecret };
    const processes = stack.processes;
    const pidOf = (service: string) => processes.find((p) => p.service === service)?.child.pid;
    // each restart starts a new gateway process: its peak RSS is read before it goes, per phase
    const gatewayPeaks: Array<[string, number | null]> = [];
    const restartGateway = async (phase: string, env: Record<string, string>, index = 0) => {
      const pid = processes.filter((p) => p.service === 'gateway')[index]?.child.pid;
      if (pid) gatewayPeaks.push([`gateway, ${phase} (pid ${pid})`, peakRssMb(pid)]);
      await stack!.restart('gateway', env, index);
    };
    for (const s of scenarios) {
      const r: Record<string, Measurement> = {};
      // one correctness check per path before timing it
      await prime(stack.gatewayUrl, s.gateway, 1, `${s.name} via newsgraph gateway`);
      await prime(stack.urls.statements, s.subgraph, 1, `${s.name} via statements subgraph`, direct);
      await prime(apollo.url, s.gateway, 1, `${s.name} via @apollo/gateway`);
      log(`${s.name}: ${s.description}`);
      r['newsgraph gateway'] = await warmAndMeasure(stack.gatewayUrl, s.gateway, args, {}, pidOf('gateway'));
      r['statements subgraph'] = await measureHttp(stack.urls.statements, s.subgraph, args.duration, args.connections, direct, pidOf('statements'));
      await measureSql(s.sql, pools, 1, args.connections);
      r['SQL floor'] = await measureSql(s.sql, pools, args.duration, args.connections);
      r['@apollo/gateway'] = await warmAndMeasure(apollo.url, s.gateway, args, {}, apollo.pid);
      logMeasurements(log, r);
      results.push({ name: s.name, description: s.description, results: r });
    }

    // Gateway-bound: both gateways again, but over a stand-in that replays each subgraph's recorded
    // answers, so that neither the subgraphs nor PostgreSQL share the cores with the gateway under test
    const bound: ScenarioResult[] = [];
    const boundMemory: Array<[string, number | null]> = [];
    if (args.replay !== 'off' && scenarios.length) {
      const replay = await startReplay(stack.urls);
      const apolloBound = await startApolloGateway(replay.urls, stack.subgraphSecret, args.nodeEnv);
      try {
        await restartGateway('cold, over the subgraphs', {
          ACTORS_URL: replay.urls.actors,
          STATEMENTS_URL: replay.urls.statements,
          SOURCES_URL: replay.urls.sources,
        });
        for (const s of scenarios) {
          const r: Record<string, Measurement> = {};
          // every distinct request once through each gateway: from here on each subgraph request is a replay
          await prime(stack.gatewayUrl, s.gateway, s.variants, `${s.name} via newsgraph gateway (replay)`);
          await prime(apolloBound.url, s.gateway, s.variants, `${s.name} via @apollo/gateway (replay)`);
          const before = await replay.stats();
          r['newsgraph gateway'] = await warmAndMeasure(stack.gatewayUrl, s.gateway, args, {}, pidOf('gateway'));
          r['@apollo/gateway'] = await warmAndMeasure(apolloBound.url, s.gateway, args, {}, apolloBound.pid);
          const after = await replay.stats();
          const misses = after.misses - before.misses;
          log(`${s.name} (gateway-bound, ${after.hits - before.hits} subgraph requests replayed, ${misses} forwarded)`);
          logMeasurements(log, r);
          bound.push({ name: s.name, description: `${misses} of ${after.hits - before.hits + misses} subgraph requests not replayed`, results: r });
        }
        boundMemory.push(
          [`@apollo/gateway over the replay (pid ${apolloBound.pid})`, peakRssMb(apolloBound.pid)],
          [`replay (pid ${replay.pid})`, peakRssMb(replay.pid)],
        );
      } finally {
        await apolloBound.stop();
        await replay.stop();
      }
    }

    // the dashboard: the response cache on, merging of in-flight subgraph requests still off, so
    // that what is measured is the cache
    const real = { ACTORS_URL: stack.urls.actors, STATEMENTS_URL: stack.urls.statements, SOURCES_URL: stack.urls.sources };
    const dashboard: DashboardRun[] = [];
    if (args.dashboard === 'on') {
      await restartGateway(bound.length ? 'cold, gateway-bound' : 'cold, over the subgraphs', { NEWSGRAPH_RESPONSE_CACHE: 'on', ...real });
      const deps = { country: 'country:es', topic: 'base-use', otherCountry: 'country:us', token };
      const dash = async (label: string, url: string, pid: number | undefined) => {
        await measureDashboard(url, deps, 2, args.dashboardClients, stack!.gatewayUrl);
        const r = await measureDashboard(url, deps, args.duration, args.dashboardClients, stack!.gatewayUrl, pid);
        log(
          `  ${label.padEnd(34)} ${r.rps.toFixed(1).padStart(8)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  stale ${r.stale} of ${r.checked} checked  hits ${r.hits}  writes ${r.writes}`,
        );
        return r;
      };
      log(`dashboard: ${args.dashboardClients} clients, ${dashboardQueries({ ...deps }).length} distinct queries, a write a second`);
      const ours = await dash('newsgraph gateway (cache in memory)', stack.gatewayUrl, pidOf('gateway'));
      const theirs = await dash('@apollo/gateway', apollo.url, apollo.pid);
      // a cached answer against a static one from the same process, same clients, no writes
      const headline = dashboardQueries(deps)[0].body;
      await measureOne(stack.gatewayUrl, 2, args.dashboardClients, headline);
      const cached = await measureOne(stack.gatewayUrl, args.duration, args.dashboardClients, headline);
      const healthz = stack.gatewayUrl.replace(/\/graphql$/, '/healthz');
      await measureOne(healthz, 2, args.dashboardClients);
      const staticAnswer = await measureOne(healthz, args.duration, args.dashboardClients);
      log(
        `  one cached headline: ${cached.rps.toFixed(1)} req/s p50 ${cached.p50} ms; static /healthz: ${staticAnswer.rps.toFixed(1)} req/s p50 ${staticAnswer.p50} ms`,
      );
      const together = await measureTogether(stack.gatewayUrl, healthz, args.duration, args.dashboardClients, headline);
      log(
        `  at the same time: cached headline ${together.cached.rps.toFixed(1)} req/s p50 ${together.cached.p50} ms; /healthz ${together.static.rps.toFixed(1)} req/s p50 ${together.static.p50} ms`,
      );
      dashboard.push({ label: 'cache in memory', ours, apollo: theirs, cached, static: staticAnswer, together });
      if (args.redis) {
        await restartGateway('dashboard, cache in memory', { NEWSGRAPH_RESPONSE_CACHE: 'on', REDIS_URL: args.redis, ...real });
        const shared = await dash('newsgraph gateway (cache in Redis)', stack.gatewayUrl, pidOf('gateway'));
        dashboard.push({ label: 'cache shared through Redis', ours: shared, apollo: theirs });
      }
    }
    // ingest and fan-out run as shipped: identical in-flight entity fetches (a thousand
    // subscribers' speaker names for one event) merged again, the response cache on, in memory
    const statementsUrls = stack.processes.filter((p) => p.service === 'statements').map((p) => p.url);
    const lastPhase = dashboard.length
      ? `dashboard, ${dashboard[dashboard.length - 1].label}`
      : bound.length
        ? 'cold, gateway-bound'
        : 'cold, over the subgraphs';
    for (let g = 0; g < stack.gatewayUrls.length; g += 1) {
      // each gateway back on its own statements process (startStack's pairing)
      const own = { ...real, STATEMENTS_URL: statementsUrls[g % statementsUrls.length] };
      await restartGateway(
        g === 0 ? lastPhase : `gateway ${g + 1}, before ingest`,
        { NEWSGRAPH_DEDUPE_INFLIGHT: 'on', NEWSGRAPH_RESPONSE_CACHE: 'on', REDIS_URL: '', ...own },
        g,
      );
    }
    log(`ingest: ${args.ingest} statements through the CLI`);
    const ingest = await measureIngest(stack.gatewayUrl, token, args.ingest, claimCount);
    log(`  ${ingest.perSecond.toFixed(0)} statements/s (${ingest.seconds.toFixed(1)} s)`);
    const fanOuts: FanOutResult[] = [];
    for (const count of args.subscribers) {
      log(`fan-out: ${count} subscribers over ${stack.gatewayUrls.length} gateway(s)`);
      const pids: Record<string, number | undefined> = { bench: process.pid };
      const seen: Record<string, number> = {};
      for (const p of stack.processes) {
        if (p.service === 'sources' || p.service === 'alerts') continue;
        seen[p.service] = (seen[p.service] ?? 0) + 1;
        pids[`${p.service} ${seen[p.service]}`] = p.child.pid;
      }
      const fanOut = await measureFanOut(stack.gatewayUrls, token, count, 'country:es', 'base-use', pids);
      fanOuts.push(fanOut);
      log(
        `  first ${fanOut.firstMs.toFixed(1)} ms, last ${fanOut.lastMs.toFixed(1)} ms, ${fanOut.duplicates} duplicates, ${fanOut.reconnects} reconnects, set up in ${fanOut.setupSeconds.toFixed(1)} s; CPU ms: ${cpuLine(fanOut)}`,
      );
    }

    const memory: Array<[string, number | null]> = [...gatewayPeaks];
    for (const p of stack.processes)
      memory.push([`${p.service === 'gateway' ? 'gateway, ingest and fan-out' : p.service} (pid ${p.child.pid})`, peakRssMb(p.child.pid!)]);
    memory.push([`@apollo/gateway (pid ${apollo.pid})`, peakRssMb(apollo.pid)]);
    memory.push(...boundMemory, ['bench client (autocannon, pg pools, ws clients)', peakRssMb(process.pid)]);

    const when = new Date().toISOString();
    const out = {
      when,
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: machineInfo(),
      data: { statements: args.statements, rows, generation, database: embedded ? 'embedded PostgreSQL 18 (.data/bench-pg)' : 'external server' },
      settings: {
        duration: args.duration,
        connections: args.connections,
        subscribers: args.subscribers,
        fanoutProcesses: args.fanoutProcesses,
        nodeEnv: args.nodeEnv,
      },
      scenarios: results,
      gatewayBound: bound,
      dashboard,
      ingest,
      fanOut: fanOuts,
      peakRssMb: Object.fromEntries(memory),
    };
    const md = [
      `# newsgraph bench, ${when}`,
      '',
      `Command: \`${out.command}\``,
      '',
      `Machine: ${out.machine.cpu}, ${out.machine.cores} cores, ${out.machine.memoryGb} GB, Node ${out.machine.node}, ${out.machine.platform}`,
      '',
      `Data: ${args.statements} statements (${Object.entries(rows)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}); ${args.connections} connections, ${args.duration} s per measurement, NODE_ENV=${args.nodeEnv}`,
      '',
      ...results.map((s) => `- **${s.name}**: ${s.description}`),
      '',
      table(results),
      '',
      ...(bound.length
        ? [
            "**Gateway-bound** (both gateways over a stand-in replaying the subgraphs' recorded answers; the subgraphs and PostgreSQL idle):",
            '',
            ...bound.map((s) => `- ${s.name}: ${s.description}`),
            '',
            table(bound),
            '',
            ...bound.map(
              (s) =>
                `- ${s.name}: newsgraph / @apollo/gateway throughput ${(s.results['newsgraph gateway'].rps / s.results['@apollo/gateway'].rps).toFixed(2)}x`,
            ),
            '',
          ]
        : []),
      ...(dashboard.length
        ? [
            `**Warm dashboard** (${args.dashboardClients} clients, 40 distinct queries, a write through our gateway about once a second; an answer is stale when it misses a write acknowledged before it was asked):`,
            '',
            '| gateway | req/s | p50 ms | p99 ms | requests | errors | stale / checked | cache hits | writes | server CPU ms/request |',
            '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
            ...dashboard.flatMap((d, k) => [
              `| newsgraph, ${d.label} | ${d.ours.rps.toFixed(1)} | ${d.ours.p50} | ${d.ours.p99} | ${d.ours.requests} | ${d.ours.errors} | ${d.ours.stale} / ${d.ours.checked} | ${d.ours.hits} | ${d.ours.writes} | ${d.ours.cpuMsPerRequest ?? ''} |`,
              ...(k === 0
                ? [
                    `| @apollo/gateway | ${d.apollo.rps.toFixed(1)} | ${d.apollo.p50} | ${d.apollo.p99} | ${d.apollo.requests} | ${d.apollo.errors} | ${d.apollo.stale} / ${d.apollo.checked} | - | ${d.apollo.writes} | ${d.apollo.cpuMsPerRequest ?? ''} |`,
                  ]
                : []),
            ]),
            '',
            ...dashboard.map((d) => `- ${d.label}: newsgraph / @apollo/gateway throughput ${(d.ours.rps / d.apollo.rps).toFixed(2)}x`),
            ...dashboard
              .filter((d) => d.cached && d.static)
              .map(
                (d) =>
                  `- one cached headline p50 ${d.cached!.p50} ms (${d.cached!.rps.toFixed(0)} req/s) vs the static /healthz of the same process p50 ${d.static!.p50} ms (${d.static!.rps.toFixed(0)} req/s)`,
              ),
            ...dashboard
              .filter((d) => d.together)
              .map(
                (d) =>
                  `- the same two at the same time, half the clients each: cached headline p50 ${d.together!.cached.p50} ms (${d.together!.cached.rps.toFixed(0)} req/s), /healthz p50 ${d.together!.static.p50} ms (${d.together!.static.rps.toFixed(0)} req/s)`,
              ),
            '',
          ]
        : []),
      `Ingest through the CLI: ${args.ingest} statements in ${ingest.seconds.toFixed(2)} s = **${ingest.perSecond.toFixed(0)} statements/s**`,
      '',
      `Fan-out (graphql-ws subscribers spread over ${args.fanoutProcesses} gateway(s), each relaying to its own statements process; from sending the write):`,
      '',
      '| subscribers | first ms | last ms | duplicates | reconnects | set-up s | CPU ms per process over the timed event |',
      '|---:|---:|---:|---:|---:|---:|---|',
      ...fanOuts.map(
        (f) =>
          `| ${f.subscribers} | ${f.firstMs.toFixed(1)} | ${f.lastMs.toFixed(1)} | ${f.duplicates} | ${f.reconnects} | ${f.setupSeconds.toFixed(1)} | ${cpuLine(f)} |`,
      ),
      '',
      '| process | peak RSS (VmHWM) MB |',
      '|---|---:|',
      ...memory.map(([k, v]) => `| ${k} | ${v ?? 'n/a'} |`),
      '',
    ].join('\n');
    console.log(`\n${md}`);
    const dir = path.join(REPO_ROOT, 'bench-results');
    await mkdir(dir, { recursive: true });
    const stamp = when.replace(/[:.]/g, '-');
    await writeFile(path.join(dir, `${stamp}.json`), JSON.stringify(out, null, 2));
    await writeFile(path.join(dir, `${stamp}.md`), md);
    log(`written bench-results/${stamp}.json and .md`);
  } catch (e) {
    // a server that died mid-run says why in its last lines
    console.error(serviceLog.slice(-40).join('\n'));
    throw e;
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
    await apollo?.stop();
    await stack?.stop();
    await embedded?.stop();
  }
}

function cpuLine(f: FanOutResult): string {
  return Object.entries(f.cpuMs)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
