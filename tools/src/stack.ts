import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export type ServiceName = 'actors' | 'statements' | 'sources' | 'gateway';

const ENTRY: Record<ServiceName, string> = {
  actors: 'services/actors/dist/main.js',
  statements: 'services/statements/dist/main.js',
  sources: 'services/sources/dist/main.js',
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
}

export interface StackProcess {
  service: ServiceName;
  child: ChildProcess;
  url: string;
  port: number;
}

export interface Stack {
  gatewayUrl: string;
  urls: Record<ServiceName, string>;
  processes: StackProcess[];
  /** stops every process, gateway first */
  stop(): Promise<void>;
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

/** Forks a service and resolves once it reports, over IPC, the port it listens on. */
function launch(service: ServiceName, env: NodeJS.ProcessEnv, log: StackOptions['log']): Promise<StackProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(REPO_ROOT, ENTRY[service]), [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    pipeOutput(child, service, log);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${service} did not become ready within 60 s`));
    }, 60_000);
    child.on('message', (m: any) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve({ service, child, url: m.url, port: m.port });
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
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    NEWSGRAPH_WRITE_TOKENS: options.writeTokens.join(','),
  };
  delete base.DATABASE_URL;
  const envFor = (service: Exclude<ServiceName, 'gateway'>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...base,
    [`${service.toUpperCase()}_DATABASE_URL`]: databaseUrlFor(options.databaseUrl, `${prefix}${service}`),
    [`${service.toUpperCase()}_PORT`]: String(ports[service] ?? 0),
    ...extra,
  });

  await Promise.all((['actors', 'statements', 'sources'] as const).map((s) => migrate(s, envFor(s), options.log)));

  const processes: StackProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.filter((p) => p.service === 'gateway').map((p) => stopProcess(p)));
    await Promise.all(processes.filter((p) => p.service !== 'gateway').map((p) => stopProcess(p)));
  };
  try {
    const [actors, sources] = await Promise.all([
      launch('actors', envFor('actors'), options.log),
      launch('sources', envFor('sources'), options.log),
    ]);
    processes.push(actors, sources);
    const replicas = Math.max(1, options.statementsReplicas ?? 1);
    for (let i = 0; i < replicas; i += 1) {
      const port = i === 0 ? (ports.statements ?? 0) : 0;
      processes.push(
        await launch('statements', envFor('statements', { ACTORS_URL: actors.url, STATEMENTS_PORT: String(port) }), options.log),
      );
    }
    const statements = processes.find((p) => p.service === 'statements')!;
    const gateway = await launch(
      'gateway',
      {
        ...base,
        GATEWAY_PORT: String(ports.gateway ?? 0),
        ACTORS_URL: actors.url,
        STATEMENTS_URL: statements.url,
        SOURCES_URL: sources.url,
      },
      options.log,
    );
    processes.push(gateway);
    return {
      gatewayUrl: gateway.url,
      urls: { actors: actors.url, statements: statements.url, sources: sources.url, gateway: gateway.url },
      processes,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
