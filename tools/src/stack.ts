import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export type ServiceName = 'actors' | 'statements' | 'sources' | 'alerts' | 'gateway';

const ENTRY: Record<ServiceName, string> = {
  actors: 'services/actors/dist/main.js',
  statements: 'services/statements/dist/main.js',
  sources: 'services/sources/dist/main.js',
  alerts: 'services/alerts/dist/main.js',
  gateway: 'gateway/dist/main.js',
};

export interface StackOptions {
  /** PostgreSQL server; each service uses database `<prefix><service>` there */
  databaseUrl: string;
  /** database name prefix; default `newsgraph_` */
  databasePrefix?: string;
  /** 0 = any free port */
  ports?: Partial<Record<ServiceName, number>>;
  writeTokens: string[];
  /** extra environment for every process */
  env?: Record<string, string | undefined>;
  /** where child output goes; default: inherited with a prefix */
  log?: (service: ServiceName, line: string) => void;
  /** how many statements processes (the live feed runs across several) */
  statementsReplicas?: number;
  /**
   * How many gateway processes; gateway i relays to statements process i (modulo their number),
   * so that a fan-out spread over the gateways also crosses statements processes. Default 1.
   */
  gatewayReplicas?: number;
  /**
   * The gateway-to-subgraph secret (NEWSGRAPH_SUBGRAPH_SECRET of every process); a random one
   * is generated when not given, so a stack never runs with open subgraphs.
   */
  subgraphSecret?: string;
}

export interface StackProcess {
  service: ServiceName;
  child: ChildProcess;
  url: string;
  port: number;
  /** where the process serves /metrics, when not on its own port (the gateway's own listener) */
  metricsUrl?: string;
}

export interface Stack {
  /** the first gateway's URL */
  gatewayUrl: string;
  /** every gateway's URL, in start order (one unless `gatewayReplicas` says otherwise) */
  gatewayUrls: string[];
  /** the gateway's /metrics, on its own loopback listener (README "Observability") */
  gatewayMetricsUrl: string;
  urls: Record<ServiceName, string>;
  processes: StackProcess[];
  /** what the gateway sends in `x-newsgraph-subgraph-secret` */
  subgraphSecret: string;
  /**
   * Starts a process of a service again (the `index`th of that service, default the first), with
   * the same environment (plus `env`) and port, once it has exited (stopping it first if it still
   * runs); its entry in `processes` is replaced.
   */
  restart(service: ServiceName, env?: Record<string, string>, index?: number): Promise<StackProcess>;
  /** stops every process, gateway first */
  stop(): Promise<void>;
}

function portVariable(service: ServiceName): string {
  return `${service.toUpperCase()}_PORT`;
}

function databaseUrlFor(server: string, name: string): string {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

function pipeOutput(child: ChildProcess, service: ServiceName, log: StackOptions['log']): void {
  const emit = log ?? ((s: ServiceName, line: string) => process.stdout.write(`[${s}] ${line}\n`));
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) emit(service, line);
    });
  }
}

/** Runs `main.js migrate` for a service and waits for it. */
function migrate(service: ServiceName, env: NodeJS.ProcessEnv, log: StackOptions['log']): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(REPO_ROOT, ENTRY[service]), ['migrate'], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    pipeOutput(child, service, log);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${service}: migrations failed (exit ${code})`))));
  });
}

/**
 * V8 heap settings of the subgraph processes (the same as NODE_OPTIONS in docker-compose.yml): an
 * old space of 128 MB and 4 MB semi-spaces make V8 collect before the heap balloons, which keeps a
 * subgraph under 200 MB RSS under load with no loss of throughput (BENCHMARKS.md). Unset by giving
 * NODE_OPTIONS your own --max-old-space-size.
 */
export const SUBGRAPH_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=4'];

/**
 * The gateway's (docker-compose.yml too): without a cap V8 let the old space grow between
 * collections to ~280 MB under the bench and the process past 360 MB RSS. A tighter cap (160 MB,
 * or 8 MB semi-spaces) doubled the gateway's CPU per request, so the cap is loose and the young
 * generation V8's own (BENCHMARKS.md, session 6). Unset the same way as the subgraphs'.
 */
export const GATEWAY_NODE_FLAGS = ['--max-old-space-size=256'];

function nodeFlags(service: ServiceName, env: NodeJS.ProcessEnv): string[] {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? '')) return [];
  return service === 'gateway' ? GATEWAY_NODE_FLAGS : SUBGRAPH_NODE_FLAGS;
}

/** What a service sends its parent over IPC once it listens (kit's and the gateway's main.ts). */
interface ReadyMessage {
  type: string;
  url: string;
  port: number;
  metricsUrl?: string;
}

/** Forks a service and resolves once it reports, over IPC, the port it listens on. */
function launch(service: ServiceName, env: NodeJS.ProcessEnv, log: StackOptions['log']): Promise<StackProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(REPO_ROOT, ENTRY[service]), [], {
      env,
      execArgv: nodeFlags(service, env),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    pipeOutput(child, service, log);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${service} did not become ready within 60 s`));
    }, 60_000);
    child.on('message', (m: ReadyMessage | undefined) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve({ service, child, url: m.url, port: m.port, metricsUrl: m.metricsUrl });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${service} exited (code ${code}) before it was ready`));
    });
  });
}

export async function stopProcess(p: StackProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
    p.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    p.child.kill(signal);
  });
}

/**
 * Brings up the federation as separate processes: migrations, the three subgraphs, then the
 * gateway pointed at wherever they listen. Used by `npm start` and by the end-to-end tests.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const prefix = options.databasePrefix ?? 'newsgraph_';
  const ports = options.ports ?? {};
  const subgraphSecret = options.subgraphSecret ?? randomBytes(32).toString('base64url');
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    NEWSGRAPH_WRITE_TOKENS: options.writeTokens.join(','),
    NEWSGRAPH_SUBGRAPH_SECRET: subgraphSecret,
  };
  delete base.DATABASE_URL;
  const envFor = (service: Exclude<ServiceName, 'gateway'>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...base,
    [`${service.toUpperCase()}_DATABASE_URL`]: databaseUrlFor(options.databaseUrl, `${prefix}${service}`),
    [`${service.toUpperCase()}_PORT`]: String(ports[service] ?? 0),
    ...extra,
  });

  await Promise.all((['actors', 'statements', 'sources', 'alerts'] as const).map((s) => migrate(s, envFor(s), options.log)));

  const processes: StackProcess[] = [];
  // how each process was launched, so that restart() can launch it identically on the same port
  const launched = new Map<StackProcess, NodeJS.ProcessEnv>();
  const start = async (service: ServiceName, env: NodeJS.ProcessEnv) => {
    const p = await launch(service, env, options.log);
    launched.set(p, env);
    return p;
  };
  const restart = async (service: ServiceName, changed: Record<string, string> = {}, nth = 0): Promise<StackProcess> => {
    const index = processes.findIndex((p) => p === processes.filter((q) => q.service === service)[nth]);
    if (index < 0) throw new Error(`no ${service} process number ${nth} in this stack`);
    const old = processes[index];
    await stopProcess(old);
    const env = { ...launched.get(old), ...changed, [portVariable(service)]: String(old.port) };
    const fresh = await start(service, env);
    launched.delete(old);
    processes[index] = fresh;
    if (service === 'alerts') tellGateway(fresh);
    if (service === 'gateway' && nth === 0) for (const p of processes) if (p.service === 'alerts') tellGateway(p, fresh.url);
    return fresh;
  };
  // the alerts service delivers webhooks by reading the graph through the gateway, which starts
  // last on a port of its own: it is told the gateway's URL once that listens (and after restarts)
  let gatewayUrl: string | undefined;
  const tellGateway = (p: StackProcess, url = gatewayUrl) => {
    gatewayUrl = url;
    if (url && p.child.connected) p.child.send({ type: 'gateway', url });
  };
  const stop = async () => {
    await Promise.all(processes.filter((p) => p.service === 'gateway').map((p) => stopProcess(p)));
    await Promise.all(processes.filter((p) => p.service !== 'gateway').map((p) => stopProcess(p)));
  };
  try {
    const [actors, sources, alerts] = await Promise.all([
      start('actors', envFor('actors')),
      start('sources', envFor('sources')),
      start('alerts', envFor('alerts')),
    ]);
    processes.push(actors, sources, alerts);
    const replicas = Math.max(1, options.statementsReplicas ?? 1);
    for (let i = 0; i < replicas; i += 1) {
      const port = i === 0 ? (ports.statements ?? 0) : 0;
      processes.push(await start('statements', envFor('statements', { ACTORS_URL: actors.url, SOURCES_URL: sources.url, STATEMENTS_PORT: String(port) })));
    }
    const statements = processes.filter((p) => p.service === 'statements');
    const gateways: StackProcess[] = [];
    for (let i = 0; i < Math.max(1, options.gatewayReplicas ?? 1); i += 1) {
      const gateway = await start('gateway', {
        ...base,
        GATEWAY_PORT: String(i === 0 ? (ports.gateway ?? 0) : 0),
        // a free port, also after a restart (which keeps GATEWAY_PORT, and so would default to 9464)
        GATEWAY_METRICS_PORT: base.GATEWAY_METRICS_PORT ?? '0',
        ACTORS_URL: actors.url,
        STATEMENTS_URL: statements[i % statements.length].url,
        SOURCES_URL: sources.url,
        ALERTS_URL: alerts.url,
      });
      processes.push(gateway);
      gateways.push(gateway);
    }
    const gateway = gateways[0];
    tellGateway(alerts, gateway.url);
    return {
      gatewayUrl: gateway.url,
      // a restart keeps the port, so these stay right
      gatewayUrls: gateways.map((g) => g.url),
      gatewayMetricsUrl: gateway.metricsUrl ?? gateway.url.replace(/\/graphql$/, '/metrics'),
      urls: { actors: actors.url, statements: statements[0].url, sources: sources.url, alerts: alerts.url, gateway: gateway.url },
      processes,
      subgraphSecret,
      restart,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
